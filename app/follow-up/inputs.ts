// The follow-up cards' inputs, parsed field by field like the application's (card-input.ts):
// only the approved measures' ids and the profile's areas are read, a value that does not parse
// becomes a Swedish message next to its field, and unknown keys are ignored.
import { z } from 'zod';
import { CARRIED_OUT, CONTINUED_NEED, type TFollowUpDraft } from '../../domain/follow-up';
import type { TMunicipalityProfile } from '../../domain/profile';
import type { TMeasure } from '../../domain/schemas';

const MAX_TEXT = 4000;
type Inputs = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined);

export function parseFollowUpInputs(
  inputs: Inputs,
  measures: readonly TMeasure[],
  profile: Pick<TMunicipalityProfile, 'assessment'>,
): { values: TFollowUpDraft; inputErrors: Record<string, string> } {
  const values: TFollowUpDraft = {};
  const errors: Record<string, string> = {};
  const textValue = (key: string): string | undefined | null => {
    const v = str(inputs[key]);
    if (v === undefined) return null;
    if (v.length > MAX_TEXT) {
      errors[key] = `Texten får vara högst ${MAX_TEXT} tecken. Korta ner den lite.`;
      return null;
    }
    return v === '' ? undefined : v;
  };
  for (const m of measures) {
    const base = `followUp.measures.${m.id}`;
    const answer: NonNullable<TFollowUpDraft['measures']>[string] = {};
    let touched = false;
    const carried = str(inputs[`${base}.carriedOut`]);
    if (carried !== undefined) {
      touched = true;
      if (carried === '') answer.carriedOut = undefined;
      else if (z.enum(CARRIED_OUT).safeParse(carried).success) answer.carriedOut = carried as (typeof CARRIED_OUT)[number];
      else errors[`${base}.carriedOut`] = 'Välj ett av svaren i listan.';
    }
    const hours = str(inputs[`${base}.hoursPerWeek`]);
    if (hours !== undefined) {
      touched = true;
      const n = Number(hours.replace(/\s/g, '').replace(',', '.'));
      if (hours === '') answer.hoursPerWeek = undefined;
      else if (!Number.isFinite(n) || n < 0 || n > 168) errors[`${base}.hoursPerWeek`] = 'Skriv ett antal timmar i veckan, till exempel 10 eller 7,5.';
      else answer.hoursPerWeek = n;
    }
    const effect = textValue(`${base}.effect`);
    if (effect !== null) {
      touched = true;
      answer.effect = effect;
    }
    if (touched) (values.measures ??= {})[m.id] = answer;
  }
  const { levels, areas } = profile.assessment;
  for (const area of areas) {
    for (const which of ['current', 'desired'] as const) {
      const key = `assessment.${area.id}.${which}`;
      const v = str(inputs[key]);
      if (v === undefined || v === '') continue;
      const n = Number(v);
      if (!Number.isInteger(n) || !levels.includes(n)) {
        errors[key] = 'Välj en nivå i listan.';
        continue;
      }
      ((values.assessment ??= {})[area.id] ??= {})[which] = n;
    }
  }
  const need = str(inputs['followUp.continuedNeed']);
  if (need !== undefined && need !== '') {
    if (z.enum(CONTINUED_NEED).safeParse(need).success) (values.continuedNeed ??= {}).answer = need as (typeof CONTINUED_NEED)[number];
    else errors['followUp.continuedNeed'] = 'Välj ett av svaren i listan.';
  }
  const comment = textValue('followUp.comment');
  if (comment !== null) (values.continuedNeed ??= {}).description = comment;
  const signed = inputs['signature.confirmed'];
  if (signed !== undefined) values.signature = { confirmed: signed === true || signed === 'true' };
  return { values, inputErrors: errors };
}
