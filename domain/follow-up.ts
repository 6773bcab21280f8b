// The per-term follow-up (uppföljning) a principal files for a granted case: for each approved
// measure whether it was carried out as planned, with how many hours and to what effect; the
// needs assessment re-rated beside the previous rating; whether the need continues. Like the
// application, every rule is a small named function with a stable code and a Swedish message
// on the field it concerns, and `reviewFollowUp` runs them all in dialog order.
import { z } from 'zod';
import { computeAssessment } from './assessment';
import type { TMunicipalityProfile } from './profile';
import type { Problem, TAssessment, TAttachment, TMeasure } from './schemas';
import { ZAttachmentKind } from './schemas';
import { MEASURE_TYPE_LABELS } from './wording';

export const CARRIED_OUT = ['as_planned', 'partly', 'not'] as const;
export type TCarriedOut = (typeof CARRIED_OUT)[number];
export const CONTINUED_NEED = ['yes', 'changed', 'no'] as const;
export type TContinuedNeed = (typeof CONTINUED_NEED)[number];

export interface TFollowUpMeasureAnswer {
  carriedOut?: TCarriedOut;
  hoursPerWeek?: number;
  effect?: string;
}

// What the dialog holds while the principal answers. Everything is optional until filing.
export interface TFollowUpDraft {
  // Keyed by the approved measure's id.
  measures?: Record<string, TFollowUpMeasureAnswer>;
  assessment?: Record<string, { current?: number; desired?: number }>;
  continuedNeed?: { answer?: TContinuedNeed; description?: string };
  attachments?: Array<TAttachment & { addedOn?: string }>;
  signature?: { confirmed?: boolean };
}

export const ZFollowUpFiled = z.object({
  measures: z.record(
    z.string(),
    z.object({ carriedOut: z.enum(CARRIED_OUT), hoursPerWeek: z.number().nonnegative().max(168).optional(), effect: z.string().min(1) }),
  ),
  assessment: z.record(z.string(), z.object({ current: z.number().int(), desired: z.number().int() })),
  continuedNeed: z.object({ answer: z.enum(CONTINUED_NEED), description: z.string().min(1) }),
  attachments: z.array(z.object({ id: z.string(), name: z.string(), kind: ZAttachmentKind.optional(), addedOn: z.string().optional() })).default([]),
});
export type TFollowUpFiled = z.infer<typeof ZFollowUpFiled>;

export interface FollowUpReviewContext {
  profile: Pick<TMunicipalityProfile, 'assessment' | 'amount'>;
  // The measures the decision approved: each gets an answer.
  measures: readonly TMeasure[];
}

export interface FollowUpReview {
  ready: boolean;
  problems: Problem[];
  warnings: Problem[];
}

// code -> what the rule checks. Field paths: followUp.measures.<measureId>.<answer>,
// assessment.<areaId>.current|desired, followUp.continuedNeed, followUp.comment, signature.confirmed.
export const FOLLOW_UP_RULE_CODES = {
  'followUp.measure.carriedOut.missing': 'An approved measure has no answer to whether it was carried out.',
  'followUp.measure.hoursPerWeek.missing': 'A measure carried out (fully or partly) has no hours per week.',
  'followUp.measure.hoursPerWeek.implausible': 'Hours per week not between 0 and 60.',
  'followUp.measure.effect.missing': "A measure's effect on the child's development or results is not described.",
  'followUp.assessment.missing': 'An assessment area lacks its re-rated current or desired level.',
  'followUp.assessment.invalid': 'A re-rated level is not on the profile scale.',
  'followUp.continuedNeed.missing': 'Continued need not answered (yes / changed / no longer).',
  'followUp.comment.missing': 'The continued need is not described.',
  'followUp.attachment.kind.missing': 'An attached file has no kind.',
  'followUp.signature.missing': 'The principal has not signed the follow-up.',
  'followUp.hours.notCarriedOut': 'Warning: hours given for a measure that was not carried out are not counted.',
} as const;
export type FollowUpRuleCode = keyof typeof FOLLOW_UP_RULE_CODES;

const MAX_HOURS_PER_WEEK = 60;
const blank = (s: string | undefined) => !s || s.trim() === '';
const problem = (field: string, code: FollowUpRuleCode, message: string): Problem => ({ field, code, message });

function measureName(m: TMeasure, index: number): string {
  return `insats ${index + 1} (${MEASURE_TYPE_LABELS[m.type]})`;
}

function measureAnswers(draft: TFollowUpDraft, ctx: FollowUpReviewContext): { problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  ctx.measures.forEach((m, i) => {
    const a = draft.measures?.[m.id] ?? {};
    const base = `followUp.measures.${m.id}`;
    const name = measureName(m, i);
    if (!a.carriedOut) {
      problems.push(problem(`${base}.carriedOut`, 'followUp.measure.carriedOut.missing', `Välj om ${name} blev genomförd som planerat, delvis eller inte alls.`));
    } else if (a.carriedOut !== 'not') {
      if (a.hoursPerWeek === undefined) {
        problems.push(problem(`${base}.hoursPerWeek`, 'followUp.measure.hoursPerWeek.missing', `Skriv hur många timmar i veckan ${name} gavs.`));
      }
    } else if (a.hoursPerWeek !== undefined && a.hoursPerWeek > 0) {
      warnings.push(problem(`${base}.hoursPerWeek`, 'followUp.hours.notCarriedOut', `Du har svarat att ${name} inte genomfördes, så timmarna räknas inte.`));
    }
    if (a.hoursPerWeek !== undefined && (a.hoursPerWeek < 0 || a.hoursPerWeek > MAX_HOURS_PER_WEEK)) {
      problems.push(problem(`${base}.hoursPerWeek`, 'followUp.measure.hoursPerWeek.implausible', `Skriv timmar i veckan mellan 0 och ${MAX_HOURS_PER_WEEK}.`));
    }
    if (blank(a.effect)) {
      problems.push(
        problem(
          `${base}.effect`,
          'followUp.measure.effect.missing',
          a.carriedOut === 'not'
            ? `Beskriv varför ${name} inte genomfördes och vad det har betytt för barnet.`
            : `Beskriv vilken effekt ${name} har haft på barnets utveckling eller resultat.`,
        ),
      );
    }
  });
  return { problems, warnings };
}

function reRated(draft: TFollowUpDraft, ctx: FollowUpReviewContext): Problem[] {
  const { levels } = ctx.profile.assessment;
  const problems: Problem[] = [];
  for (const area of ctx.profile.assessment.areas) {
    const r = draft.assessment?.[area.id] ?? {};
    for (const which of ['current', 'desired'] as const) {
      const field = `assessment.${area.id}.${which}`;
      const level = r[which];
      const what = which === 'current' ? 'nuläget' : 'önskat läge';
      if (level === undefined) problems.push(problem(field, 'followUp.assessment.missing', `Bedöm ${area.label.toLowerCase()} i ${what}.`));
      else if (!levels.includes(level)) problems.push(problem(field, 'followUp.assessment.invalid', `Välj en nivå från listan för ${area.label.toLowerCase()} (${what}).`));
    }
  }
  return problems;
}

function continuedNeed(draft: TFollowUpDraft): Problem[] {
  const c = draft.continuedNeed ?? {};
  const problems: Problem[] = [];
  if (!c.answer) problems.push(problem('followUp.continuedNeed', 'followUp.continuedNeed.missing', 'Välj om behovet finns kvar, har förändrats eller inte finns längre.'));
  if (blank(c.description)) {
    const message =
      c.answer === 'no'
        ? 'Beskriv varför behovet inte längre finns.'
        : c.answer === 'changed'
          ? 'Beskriv hur behovet har förändrats.'
          : 'Beskriv behovet som det ser ut nu i verksamheten.';
    problems.push(problem('followUp.comment', 'followUp.comment.missing', message));
  }
  return problems;
}

function attachmentKinds(draft: TFollowUpDraft): Problem[] {
  return (draft.attachments ?? []).flatMap((a, i) =>
    a.kind ? [] : [problem(`attachments[${i}].kind`, 'followUp.attachment.kind.missing', `Välj vilken sorts dokument ”${a.name}” är.`)],
  );
}

function signed(draft: TFollowUpDraft): Problem[] {
  return draft.signature?.confirmed === true
    ? []
    : [problem('signature.confirmed', 'followUp.signature.missing', 'Kryssa i att du som rektor intygar att uppgifterna stämmer.')];
}

export function reviewFollowUp(draft: TFollowUpDraft, ctx: FollowUpReviewContext): FollowUpReview {
  const measures = measureAnswers(draft, ctx);
  const problems = [...measures.problems, ...reRated(draft, ctx), ...continuedNeed(draft), ...attachmentKinds(draft), ...signed(draft)];
  return { ready: problems.length === 0, problems, warnings: measures.warnings };
}

// ---- what Elevhälsan is shown -----------------------------------------------------------------

// A change of at least this share of the previous hours, and at least this many hours, is large.
export const LARGE_HOURS_CHANGE = { share: 0.25, minHours: 3 } as const;

export interface FollowUpComparison {
  hoursBefore: number;
  hoursAfter: number;
  amountBefore: number;
  amountAfter: number;
  areas: Array<{ id: string; label: string; before?: number; after?: number; changed: boolean }>;
}

export function compareAssessments(
  previous: TAssessment | undefined,
  next: TAssessment,
  profile: Pick<TMunicipalityProfile, 'assessment' | 'amount'>,
  attendanceHoursPerWeek?: number,
): FollowUpComparison {
  const before = computeAssessment(previous, profile, attendanceHoursPerWeek);
  const after = computeAssessment(next, profile, attendanceHoursPerWeek);
  return {
    hoursBefore: before.hoursCurrent,
    hoursAfter: after.hoursCurrent,
    amountBefore: before.amountPerMonth,
    amountAfter: after.amountPerMonth,
    areas: profile.assessment.areas.map((a) => {
      const b = previous?.[a.id]?.current;
      const n = next[a.id]?.current;
      return { id: a.id, label: a.label, ...(b !== undefined ? { before: b } : {}), ...(n !== undefined ? { after: n } : {}), changed: b !== n };
    }),
  };
}

export type FollowUpFlag = 'noContinuedNeed' | 'largeHoursChange';

// What the channel card flags: no continued need, or a large change in hours.
export function followUpFlags(continuedNeed: TContinuedNeed | boolean, hoursBefore: number, hoursAfter: number): FollowUpFlag[] {
  const flags: FollowUpFlag[] = [];
  if (continuedNeed === 'no' || continuedNeed === false) flags.push('noContinuedNeed');
  const delta = Math.abs(hoursAfter - hoursBefore);
  if (delta >= LARGE_HOURS_CHANGE.minHours && delta >= LARGE_HOURS_CHANGE.share * hoursBefore) flags.push('largeHoursChange');
  return flags;
}

export const FOLLOW_UP_FLAG_TEXT: Record<FollowUpFlag, string> = {
  noContinuedNeed: 'Rektorn anger att behovet inte längre finns.',
  largeHoursChange: 'Stor förändring i bedömt stöd jämfört med förra bedömningen.',
};
