// What a resubmitted version changed, field by field, in words a case handler reads: "Insats 2:
// timmar i veckan", "Kriterier", "Säkerhet och tillsyn, nuläge" — never a data-dictionary path.
import type { CaseChange } from '../../cards';
import {
  ATTACHMENT_KIND_LABELS,
  COMPETENCE_LABELS,
  CRITERION_LABELS,
  MEASURE_TYPE_TITLES,
  SCHOOL_FORM_LABELS,
} from '../../domain/wording';
import type { TMunicipalityProfile } from '../../domain/profile';
import type { TApplication } from '../../domain/schemas';
import { termTitle } from '../../domain/terms';
import { STEP_TITLES, stepOfField } from '../../machines/application.steps';

type Labels = Pick<TMunicipalityProfile, 'assessment'> & { unitName: (id: string) => string | undefined };

const FIELD_LABELS: Record<string, string> = {
  term: 'Termin',
  'unit.id': 'Enhet',
  'pupil.protectedIdentity': 'Skyddade personuppgifter',
  'pupil.personnummer': 'Personnummer',
  'pupil.firstName': 'Förnamn',
  'pupil.lastName': 'Efternamn',
  'pupil.registeredMunicipality': 'Folkbokförd i',
  'pupil.schoolForm': 'Skolform',
  'pupil.grade': 'Årskurs',
  'placement.group': 'Grupp',
  'placement.attendanceHoursPerWeek': 'Vistelsetid (timmar i veckan)',
  'need.criteria': 'Kriterier',
  'need.description': 'Behovet',
  'need.documentedBy.competence': 'Dokumenterat av, kompetens',
  'need.documentedBy.name': 'Dokumenterat av, namn',
  'mapping.cognitive': 'Kognitiv utveckling',
  'mapping.social': 'Social utveckling',
  'mapping.needs': 'Behov',
  'mapping.prognosis': 'Prognos',
  'effect.description': 'Förväntad effekt',
};

const MEASURE_PARTS: Record<string, string> = {
  type: 'typ',
  description: 'beskrivning',
  hoursPerWeek: 'timmar i veckan',
  cost: 'kostnad (kr)',
};

const lookup = (table: Record<string, string>, value: string) => table[value] ?? value;

// Flattened so that each leaf compares on its own; lists of choices stay one value.
function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out.set(prefix, value.join(', '));
  else if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out.set(prefix, String(value));
}

// Ids of measures and attachments are internal; the signature is always new.
const SKIP = /^(signature|measures\[\d+\]\.id|attachments\[\d+\]\.id)/;

export function fieldLabel(path: string, labels: Labels): string {
  if (FIELD_LABELS[path]) return FIELD_LABELS[path]!;
  const area = /^assessment\.([^.]+)\.(current|desired)$/.exec(path);
  if (area) {
    const name = labels.assessment.areas.find((a) => a.id === area[1])?.label ?? area[1];
    return `${name}, ${area[2] === 'current' ? 'nuläge' : 'önskat läge'}`;
  }
  const measure = /^measures\[(\d+)\]\.(\w+)$/.exec(path);
  if (measure) return `Insats ${Number(measure[1]) + 1}: ${MEASURE_PARTS[measure[2]!] ?? measure[2]}`;
  const attachment = /^attachments\[(\d+)\]\.(name|kind)$/.exec(path);
  if (attachment) return `Bilaga ${Number(attachment[1]) + 1}${attachment[2] === 'kind' ? ': typ' : ''}`;
  return path;
}

export function valueLabel(path: string, value: string | undefined, labels: Labels): string {
  if (value === undefined || value === '') return 'Inte ifyllt';
  if (value === 'true' || value === 'false') return value === 'true' ? 'Ja' : 'Nej';
  if (path === 'term') return termTitle(value);
  if (path === 'unit.id') return labels.unitName(value) ?? value;
  if (path === 'pupil.schoolForm') return lookup(SCHOOL_FORM_LABELS, value);
  if (path === 'need.criteria') return value.split(', ').map((c) => lookup(CRITERION_LABELS, c)).join(', ');
  if (path === 'need.documentedBy.competence') return lookup(COMPETENCE_LABELS, value);
  if (/^measures\[\d+\]\.type$/.test(path)) return lookup(MEASURE_TYPE_TITLES, value);
  if (/^attachments\[\d+\]\.kind$/.test(path)) return lookup(ATTACHMENT_KIND_LABELS, value);
  return value;
}

export function versionChanges(before: TApplication, after: TApplication, labels: Labels): CaseChange[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(before, '', a);
  flatten(after, '', b);
  return [...new Set([...a.keys(), ...b.keys()])]
    .filter((path) => !SKIP.test(path) && a.get(path) !== b.get(path))
    .map((path) => ({
      section: STEP_TITLES[stepOfField(path)],
      field: fieldLabel(path, labels),
      before: valueLabel(path, a.get(path), labels),
      after: valueLabel(path, b.get(path), labels),
    }));
}
