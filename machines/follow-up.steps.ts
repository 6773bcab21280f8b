// The steps of the follow-up dialog, in order. One card each; the summary carries the signature.
export const FOLLOW_UP_STEPS = ['measures', 'assessment', 'continuedNeed', 'attachments', 'summary'] as const;
export type FollowUpStep = (typeof FOLLOW_UP_STEPS)[number];

export const FOLLOW_UP_STEP_TITLES: Record<FollowUpStep, string> = {
  measures: 'Insatserna',
  assessment: 'Ny behovsbedömning',
  continuedNeed: 'Fortsatt behov',
  attachments: 'Bilagor',
  summary: 'Sammanfattning och underskrift',
};

// Which step owns a field: problems found at filing link back to it.
export function followUpStepOfField(field: string): FollowUpStep {
  if (field.startsWith('followUp.measures.')) return 'measures';
  if (field.startsWith('assessment.')) return 'assessment';
  if (field === 'followUp.continuedNeed' || field === 'followUp.comment') return 'continuedNeed';
  if (field.startsWith('attachments') || field.startsWith('attachment.')) return 'attachments';
  return 'summary';
}
