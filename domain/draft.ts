// Merging a step's answers into a draft. Objects merge field by field so answering one step
// never erases another; lists (measures, attachments, criteria) are replaced as a whole; null
// removes a field (a number the principal cleared).
import type { TApplicationDraft } from './schemas';
import { isTerm } from './terms';
import { termLabel } from './wording';

type Plain = Record<string, unknown>;

type Nullable<T> = T extends unknown[] ? T : T extends object ? { [K in keyof T]?: Nullable<T[K]> | null } : T;
export type DraftPatch = Nullable<TApplicationDraft>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeValue(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (isPlainObject(base) && isPlainObject(patch)) {
    const out: Plain = { ...base };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete out[key];
      else out[key] = mergeValue(base[key], value);
    }
    return out;
  }
  if (isPlainObject(patch)) return mergeValue({}, patch);
  return patch;
}

// `patch` is a draft whose fields may also be null (cleared).
export function mergeDraft(draft: TApplicationDraft, patch: DraftPatch): TApplicationDraft {
  return mergeValue(draft, patch) as TApplicationDraft;
}

// How a draft is named in the principal's own list of drafts ("Alva Berg, höstterminen 2027").
// The child as the principal's own chat names them: the name, or that the identity is protected.
export function pupilName(pupil: TApplicationDraft['pupil']): string {
  return pupil?.protectedIdentity
    ? 'Barn med skyddade personuppgifter'
    : [pupil?.firstName, pupil?.lastName].filter(Boolean).join(' ') || 'Namn inte ifyllt';
}

// "Elsa Lindqvist, höstterminen 2027, Järnboås skola": a principal of several units tells drafts
// for two children with the same name apart by the unit.
export function draftLabel(draft: TApplicationDraft, unitName?: string): string {
  const who = pupilName(draft.pupil);
  const term = !draft.term ? 'termin inte vald' : isTerm(draft.term) ? termLabel(draft.term) : draft.term;
  return unitName ? `${who}, ${term}, ${unitName}` : `${who}, ${term}`;
}
