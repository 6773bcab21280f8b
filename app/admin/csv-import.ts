// Units and their principals from a CSV file (what a municipality exports from its school
// register or keeps in Excel). One row per unit and principal:
//
//   enhet;typ;huvudman;organisationsnummer;skolformer;rektor_epost;rektor_namn
//   Karlaskolan;kommunal;Nora kommun;212000-1876;Förskoleklass, Grundskola;anna@nora.se;Anna Berg
//
// Semicolon (Swedish Excel) or comma; school forms separated by comma or |; the kind and the
// school forms in Swedish words or as their codes. A unit that exists already (same name) is
// used as it is; a unit on several rows (two principals) needs its details on its first row
// only. A principal who exists (same e-mail) gets the unit added to their roles. The plan is
// computed the same way for the preview and the import, and the import writes nothing unless
// every row is valid.
import { parse } from 'csv-parse/sync';
import { fieldErrors, ZEmail, ZUnitInput, type TUnitInput } from '../../domain/admin';
import type { PersonWithRoles, Unit } from '../../domain/ports';
import { SCHOOL_FORMS, type TSchoolForm } from '../../domain/schemas';
import { SCHOOL_FORM_LABELS } from '../../domain/wording';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';

export const CSV_COLUMNS = ['enhet', 'typ', 'huvudman', 'organisationsnummer', 'skolformer', 'rektor_epost', 'rektor_namn'] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: Column[] = ['enhet', 'rektor_epost', 'rektor_namn'];

// Which CSV column each field of the unit form comes from, so an error lands on its column.
const UNIT_FIELD_COLUMN: Record<string, Column> = { name: 'enhet', kind: 'typ', huvudman: 'huvudman', huvudmanOrgNumber: 'organisationsnummer', schoolForms: 'skolformer' };

export interface ImportRowError {
  // The line in the file (the header is line 1).
  line: number;
  column: Column | null;
  message: string;
}

export interface ImportRowPlan {
  line: number;
  unit: { name: string; action: 'create' | 'exists' | 'same_file' };
  principal: { email: string; displayName: string; action: 'register' | 'grant' | 'has_role' } | null;
}

export interface ImportPlan {
  valid: boolean;
  rows: ImportRowPlan[];
  errors: ImportRowError[];
  counts: { units: number; people: number; grants: number };
  // What apply writes, when valid.
  newUnits: Array<TUnitInput & { line: number }>;
  principals: Array<{ email: string; displayName: string; existingId: string | null; unitNames: string[] }>;
}

const KINDS: Record<string, TUnitKind> = { kommunal: 'kommunal', fristående: 'fristaende', fristaende: 'fristaende', fristaaende: 'fristaende' };
type TUnitKind = TUnitInput['kind'];

const FORM_BY_WORD = new Map<string, TSchoolForm>([
  ...SCHOOL_FORMS.map((f) => [f, f] as const),
  ...SCHOOL_FORMS.map((f) => [SCHOOL_FORM_LABELS[f].toLowerCase(), f] as const),
]);

function schoolForms(text: string): { forms: TSchoolForm[]; unknown: string[] } {
  const words = text
    .split(/[,|/]/)
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  const forms = words.flatMap((w) => (FORM_BY_WORD.has(w) ? [FORM_BY_WORD.get(w)!] : []));
  return { forms, unknown: words.filter((w) => !FORM_BY_WORD.has(w)) };
}

function headerName(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
    .replace('e_post', 'epost')
    .replace('rektorns_', 'rektor_');
}

export async function planImport(deps: AppDeps, actor: Actor, csv: string): Promise<ImportPlan> {
  const plan: ImportPlan = { valid: false, rows: [], errors: [], counts: { units: 0, people: 0, grants: 0 }, newUnits: [], principals: [] };
  const firstLine = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') ? ';' : ',';
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(csv, { bom: true, delimiter, columns: (header: string[]) => header.map(headerName), info: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    plan.errors.push({ line, column: null, message: 'Filen går inte att läsa som CSV. Kontrollera citattecknen på raden.' });
    return plan;
  }
  const header = parse(firstLine, { delimiter, bom: true, trim: true })[0] as string[] | undefined;
  const columns = new Set((header ?? []).map(headerName));
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    plan.errors.push({ line: 1, column: null, message: `Kolumnerna ${missing.join(', ')} saknas. Första raden ska vara: ${CSV_COLUMNS.join(delimiter)}` });
    return plan;
  }
  if (records.length === 0) {
    plan.errors.push({ line: 2, column: null, message: 'Filen har inga rader under rubrikraden.' });
    return plan;
  }

  const existingUnits = new Map((await deps.repos.units.listForMunicipality(actor.municipality.id)).map((u) => [u.name.toLowerCase(), u] as const));
  const fileUnits = new Map<string, number>();
  const people = new Map<string, PersonWithRoles | null>();
  const principals = new Map<string, ImportPlan['principals'][number] & { line: number }>();
  const fail = (line: number, column: Column | null, message: string) => plan.errors.push({ line, column, message });

  for (const { record, info } of records) {
    const line = info.lines;
    const get = (c: Column) => (record[c] ?? '').trim();
    const name = get('enhet');
    if (!name) {
      fail(line, 'enhet', 'Skriv enhetens namn.');
      continue;
    }
    const key = name.toLowerCase();
    const existing: Unit | undefined = existingUnits.get(key);
    let action: ImportRowPlan['unit']['action'];
    if (existing) {
      action = 'exists';
    } else if (fileUnits.has(key)) {
      action = 'same_file';
    } else {
      action = 'create';
      fileUnits.set(key, line);
      const kindWord = get('typ').toLowerCase();
      const forms = schoolForms(get('skolformer'));
      if (forms.unknown.length > 0) fail(line, 'skolformer', `Okänd skolform: ${forms.unknown.join(', ')}. Använd ${SCHOOL_FORMS.map((f) => SCHOOL_FORM_LABELS[f]).join(', ')}.`);
      const unit = ZUnitInput.safeParse({
        name,
        kind: KINDS[kindWord] ?? (kindWord === '' ? undefined : kindWord),
        huvudman: get('huvudman'),
        huvudmanOrgNumber: get('organisationsnummer'),
        schoolForms: forms.forms.length > 0 || forms.unknown.length > 0 ? forms.forms : [],
      });
      if (unit.success) plan.newUnits.push({ ...unit.data, line });
      else
        for (const e of fieldErrors(unit.error)) {
          const column = UNIT_FIELD_COLUMN[e.field.split('.')[0]!] ?? null;
          if (column === 'skolformer' && forms.unknown.length > 0) continue;
          fail(line, column, column === 'typ' ? 'Skriv kommunal eller fristående.' : e.message);
        }
    }

    let principal: ImportRowPlan['principal'] = null;
    const emailText = get('rektor_epost');
    const displayName = get('rektor_namn');
    if (emailText || displayName) {
      const email = ZEmail.safeParse(emailText);
      if (!email.success) fail(line, 'rektor_epost', fieldErrors(email.error)[0]!.message);
      if (!displayName) fail(line, 'rektor_namn', 'Skriv rektorns namn.');
      if (email.success && displayName) {
        if (!people.has(email.data)) people.set(email.data, await deps.repos.people.findByEmail(actor.municipality.id, email.data));
        const person = people.get(email.data) ?? null;
        const earlier = principals.get(email.data);
        if (earlier && earlier.displayName !== displayName) {
          fail(line, 'rektor_namn', `Samma e-postadress har ett annat namn på rad ${earlier.line}.`);
        }
        const entry = earlier ?? { email: email.data, displayName, existingId: person?.id ?? null, unitNames: [], line };
        principals.set(email.data, entry);
        if (entry.unitNames.some((n) => n.toLowerCase() === key)) {
          fail(line, 'rektor_epost', 'Samma rektor och enhet finns redan på en tidigare rad.');
        }
        entry.unitNames.push(name);
        const holds = !!existing && !!person?.roles.some((r) => r.role === 'principal' && r.unitId === existing.id);
        principal = { email: email.data, displayName, action: holds ? 'has_role' : person ? 'grant' : 'register' };
      }
    }
    plan.rows.push({ line, unit: { name, action }, principal });
  }

  // In the file's order: by line, then by column as the header lists them.
  const at = (c: Column | null) => (c === null ? -1 : CSV_COLUMNS.indexOf(c));
  plan.errors.sort((a, b) => a.line - b.line || at(a.column) - at(b.column));
  plan.principals = [...principals.values()].map(({ line: _line, ...p }) => p);
  plan.counts = {
    units: plan.newUnits.length,
    people: plan.principals.filter((p) => p.existingId === null).length,
    grants: plan.rows.filter((r) => r.principal && r.principal.action !== 'has_role').length,
  };
  plan.valid = plan.errors.length === 0;
  return plan;
}
