// The steps of the application dialog, in order. One card each; the summary carries the signature.
import type { TApplicationDraft } from '../domain/schemas';

export const APPLICATION_STEPS = [
  'unitTerm',
  'pupil',
  'placement',
  'need',
  'mapping',
  'assessment',
  'measures',
  'effect',
  'attachments',
  'summary',
] as const;
export type ApplicationStep = (typeof APPLICATION_STEPS)[number];

export const STEP_TITLES: Record<ApplicationStep, string> = {
  unitTerm: 'Enhet och termin',
  pupil: 'Barnet eller eleven',
  placement: 'Placering och vistelsetid',
  need: 'Behovet',
  mapping: 'Pedagogisk kartläggning',
  assessment: 'Behovsbedömning',
  measures: 'Insatser',
  effect: 'Förväntad effekt',
  attachments: 'Bilagor',
  summary: 'Sammanfattning och underskrift',
};

// Which step owns a data-dictionary path: problems found at submission link back to it.
export function stepOfField(field: string): ApplicationStep {
  const head = field.split(/[.[]/)[0];
  switch (head) {
    case 'term':
    case 'unit':
      return 'unitTerm';
    case 'pupil':
      return 'pupil';
    case 'placement':
      return 'placement';
    case 'need':
      return 'need';
    case 'mapping':
      return 'mapping';
    case 'assessment':
      return 'assessment';
    case 'measures':
    case 'measure':
      return 'measures';
    case 'effect':
      return 'effect';
    case 'attachments':
    case 'attachment':
      return 'attachments';
    default:
      return 'summary';
  }
}

export type { TApplicationDraft };
