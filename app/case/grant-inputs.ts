// The inputs a decision and a handler's proposal for decision share (cards/grant-fields.ts), parsed
// as Teams sends them (strings, empty when untouched), with the same message per field as the card.
import { z } from 'zod';
import type { DecisionFormValues } from '../../cards';
import { DECISION_OUTCOMES, type TMeasure } from '../../domain/schemas';
import { DECISION_FIELD_ERRORS } from '../../domain/wording';
import { storableText } from '../card-input';

// An empty date input sends ''; a date is YYYY-MM-DD.
export const optionalDate = (message: string) =>
  z.string().trim().regex(/^(\d{4}-\d{2}-\d{2})?$/, message).optional().transform((v) => (v ? v : undefined));

const optionalText = z.string().transform(storableText).pipe(z.string().trim().max(4000, 'Skriv högst 4000 tecken.')).optional().transform((v) => (v ? v : undefined));

export const ZGrantInputs = z.object({
  'decision.outcome': z.enum(DECISION_OUTCOMES, { message: DECISION_FIELD_ERRORS['decision.outcome'] }).optional(),
  'decision.amountPerMonth': z
    .union([z.string(), z.number()])
    .optional()
    .transform((v, ctx) => {
      const text = String(v ?? '').replace(/\s/g, '').replace(',', '.');
      if (text === '') return undefined;
      const n = Number(text);
      if (!Number.isFinite(n) || n < 0 || n > 10_000_000) {
        ctx.addIssue({ code: 'custom', message: DECISION_FIELD_ERRORS['decision.amountPerMonth'] });
        return z.NEVER;
      }
      return Math.round(n);
    }),
  'decision.from': optionalDate(DECISION_FIELD_ERRORS['decision.from']),
  'decision.to': optionalDate(DECISION_FIELD_ERRORS['decision.to']),
  'decision.reason': optionalText,
  'decision.approvedMeasures': z.union([z.string(), z.array(z.string())]).optional().transform((v) =>
    (Array.isArray(v) ? v : (v ?? '').split(',')).map((s) => s.trim()).filter(Boolean),
  ),
});
export type TGrantInputs = z.infer<typeof ZGrantInputs>;

// What was typed, as the form shows it again; approved measures only of this application.
export function grantValues(d: TGrantInputs, measures: readonly TMeasure[]): DecisionFormValues {
  const known = new Set(measures.map((m) => m.id));
  return {
    ...(d['decision.outcome'] ? { outcome: d['decision.outcome'] } : {}),
    ...(d['decision.amountPerMonth'] !== undefined ? { amountPerMonth: d['decision.amountPerMonth'] } : {}),
    ...(d['decision.from'] ? { from: d['decision.from'] } : {}),
    ...(d['decision.to'] ? { to: d['decision.to'] } : {}),
    ...(d['decision.reason'] ? { reason: d['decision.reason'] } : {}),
    approvedMeasures: d['decision.approvedMeasures'].filter((id) => known.has(id)),
  };
}

// The errors of a form sent without an outcome.
export const NO_OUTCOME = { 'decision.outcome': DECISION_FIELD_ERRORS['decision.outcome'] };
