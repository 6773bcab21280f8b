// Card inputs arrive as a flat object keyed by data-dictionary path ("pupil.firstName"), with
// every value a string whatever the client checked. Each known path has a zod parser; a value
// that does not parse becomes a Swedish message for that field, and unknown keys are ignored,
// so a tampered payload can neither crash a turn nor write outside the draft.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DraftPatch } from '../domain/draft';
import type { TMunicipalityProfile } from '../domain/profile';
import {
  ZAttachmentKind,
  ZCompetence,
  ZCriterion,
  ZMeasureType,
  ZSchoolForm,
  ZTerm,
  type TAttachmentKind,
  type TMeasure,
} from '../domain/schemas';

export type FieldErrors = Record<string, string>;

const MAX_TEXT = 4000;

// Characters PostgreSQL cannot store in text or jsonb (NUL) and halves of a UTF-16 pair that
// encode nothing: no client types them on purpose (they come with pasted text), and one of them
// would make every save of the step fail. Dropped, so the rest of what was typed is kept.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export function storableText(value: string): string {
  return value.replace(UNSTORABLE, '');
}

// Text inputs send strings; a JSON number or boolean in their place is a forged payload.
const text = z
  .string({ error: 'Skriv svaret som text.' })
  .transform((v) => storableText(v).trim())
  .pipe(z.string().max(MAX_TEXT, `Texten får vara högst ${MAX_TEXT} tecken. Korta ner den lite.`));

const optionalNumber = (message: string, max: number) =>
  z
    .union([z.string(), z.number()])
    .transform((v, ctx) => {
      if (typeof v === 'number') return v;
      const cleaned = v.trim().replace(/\s/g, '').replace(',', '.');
      if (cleaned === '') return null;
      const n = Number(cleaned);
      if (!Number.isFinite(n)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return n;
    })
    .pipe(z.number().min(0, message).max(max, message).nullable());

const boolish = z
  .union([z.boolean(), z.string()])
  .transform((v) => (typeof v === 'boolean' ? v : v.trim().toLowerCase() === 'true'));

function enumOrEmpty<T extends string>(values: z.ZodType<T>, message: string) {
  return z.string().transform((v, ctx) => {
    const trimmed = v.trim();
    if (trimmed === '') return null;
    const parsed = values.safeParse(trimmed);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return parsed.data;
  });
}

const multiChoice = <T extends z.ZodType>(item: T, message: string) =>
  z.union([z.string(), z.array(z.string())]).transform((v, ctx) => {
    const parts = (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean);
    const out: z.infer<T>[] = [];
    for (const part of parts) {
      const parsed = item.safeParse(part);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      out.push(parsed.data);
    }
    return [...new Set(out)];
  });

const FIELD_PARSERS: Record<string, z.ZodType> = {
  // Terms are checked by format here; whether the term is still open is a domain rule.
  term: z.string().transform((v, ctx) => {
    const trimmed = v.trim().toUpperCase();
    if (trimmed === '') return null;
    if (!ZTerm.safeParse(trimmed).success) {
      ctx.addIssue({ code: 'custom', message: 'Välj en termin i listan.' });
      return z.NEVER;
    }
    return trimmed;
  }),
  'unit.id': text,
  'pupil.protectedIdentity': boolish,
  'pupil.personnummer': text,
  'pupil.firstName': text,
  'pupil.lastName': text,
  'pupil.registeredMunicipality': text,
  'pupil.schoolForm': enumOrEmpty(ZSchoolForm, 'Välj en skolform i listan.'),
  'pupil.grade': text,
  'placement.group': text,
  'placement.attendanceHoursPerWeek': optionalNumber('Skriv antal timmar i veckan som ett tal, till exempel 30.', 168),
  'need.criteria': multiChoice(ZCriterion, 'Välj kriterier i listan.'),
  'need.description': text,
  'need.documentedBy.competence': enumOrEmpty(ZCompetence, 'Välj en kompetens i listan.'),
  'need.documentedBy.name': text,
  'mapping.cognitive': text,
  'mapping.social': text,
  'mapping.needs': text,
  'mapping.prognosis': text,
  'effect.description': text,
  'signature.confirmed': boolish,
};
// Building a zod schema costs more than using it, and a step turn parses with the same profile
// as the last (people.acting keeps one profile object per municipality): one parser per profile.
const assessmentInputs = new WeakMap<TMunicipalityProfile, { areaIds: Set<string>; levelParser: z.ZodType }>();
function assessmentInputsOf(profile: TMunicipalityProfile) {
  let known = assessmentInputs.get(profile);
  if (!known) {
    known = { areaIds: new Set(profile.assessment.areas.map((a) => a.id)), levelParser: assessmentParser(profile) };
    assessmentInputs.set(profile, known);
  }
  return known;
}

function assessmentParser(profile: TMunicipalityProfile): z.ZodType {
  const levels = profile.assessment.levels;
  return z.union([z.string(), z.number()]).transform((v, ctx) => {
    const s = String(v).trim();
    if (s === '') return null;
    const n = Number(s);
    if (!Number.isInteger(n) || !levels.includes(n)) {
      ctx.addIssue({ code: 'custom', message: 'Välj en nivå i listan.' });
      return z.NEVER;
    }
    return n;
  });
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message || 'Värdet kunde inte läsas. Kontrollera fältet.';
}

export interface ParsedStepInput {
  values: DraftPatch;
  inputErrors: FieldErrors;
}

// Reads every known draft field present in a card's data.
export function parseDraftInputs(data: Record<string, unknown>, profile: TMunicipalityProfile): ParsedStepInput {
  const values: Record<string, unknown> = {};
  const inputErrors: FieldErrors = {};
  const { areaIds, levelParser } = assessmentInputsOf(profile);
  for (const [key, raw] of Object.entries(data)) {
    let parser = FIELD_PARSERS[key];
    const assessment = /^assessment\.([A-Za-z0-9]+)\.(current|desired)$/.exec(key);
    if (!parser && assessment && areaIds.has(assessment[1]!)) parser = levelParser;
    if (!parser || raw === undefined) continue;
    const parsed = parser.safeParse(raw);
    if (parsed.success) setPath(values, key, parsed.data);
    else inputErrors[key] = firstMessage(parsed.error);
  }
  return { values: values as DraftPatch, inputErrors };
}

const ZNewMeasure = z.object({
  'measure.type': z
    .string({ error: 'Välj vilken sorts insats det är.' })
    .transform((v) => v.trim())
    .pipe(ZMeasureType.or(z.literal('')).refine((v) => v !== '', 'Välj vilken sorts insats det är.')),
  'measure.description': text.optional(),
  'measure.hoursPerWeek': optionalNumber('Skriv timmar i veckan som ett tal, till exempel 10.', 168).optional(),
  'measure.cost': optionalNumber('Skriv kostnaden i kronor som ett tal, till exempel 25000.', 100_000_000).optional(),
});

// `id` is the one the card carried, so the same card adds its measure once.
export function parseNewMeasure(data: Record<string, unknown>, id: string = randomUUID()): { measure?: TMeasure; inputErrors: FieldErrors } {
  const parsed = ZNewMeasure.safeParse(data);
  if (!parsed.success) {
    const inputErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'measure.type');
      inputErrors[key] ??= issue.message;
    }
    return { inputErrors };
  }
  const d = parsed.data;
  const measure: TMeasure = {
    id,
    type: d['measure.type'] as TMeasure['type'],
    description: d['measure.description'] ?? '',
    ...(d['measure.hoursPerWeek'] != null ? { hoursPerWeek: d['measure.hoursPerWeek'] } : {}),
    ...(d['measure.cost'] != null ? { cost: d['measure.cost'] } : {}),
  };
  return { measure, inputErrors: {} };
}

// The new-measure form's fields one by one, each kept when it parses on its own: what the form
// shows again when the measure as a whole could not be added.
export function newMeasureFieldValues(data: Record<string, unknown>): Partial<Pick<TMeasure, 'type' | 'description' | 'hoursPerWeek' | 'cost'>> {
  const out: Partial<Pick<TMeasure, 'type' | 'description' | 'hoursPerWeek' | 'cost'>> = {};
  const shape = ZNewMeasure.shape;
  const type = shape['measure.type'].safeParse(data['measure.type']);
  if (type.success && type.data) out.type = type.data as TMeasure['type'];
  const description = shape['measure.description'].safeParse(data['measure.description']);
  if (description.success && description.data !== undefined) out.description = description.data;
  const hours = shape['measure.hoursPerWeek'].safeParse(data['measure.hoursPerWeek']);
  if (hours.success && hours.data != null) out.hoursPerWeek = hours.data;
  const cost = shape['measure.cost'].safeParse(data['measure.cost']);
  if (cost.success && cost.data != null) out.cost = cost.data;
  return out;
}

export function parseAttachmentKind(data: Record<string, unknown>): { kind?: TAttachmentKind; inputErrors: FieldErrors } {
  const parsed = ZAttachmentKind.safeParse(typeof data['attachment.kind'] === 'string' ? data['attachment.kind'].trim() : undefined);
  return parsed.success
    ? { kind: parsed.data, inputErrors: {} }
    : { inputErrors: { 'attachment.kind': 'Välj vilken sorts bilaga filen är.' } };
}
