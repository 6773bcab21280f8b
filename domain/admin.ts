// What an administrator writes: units, people and their roles, as zod schemas with the Swedish
// message of every rule, and the one way a zod error becomes field errors next to the fields.
import { z } from 'zod';
import { checkOrgNumber } from './org-number';
import { ZSchoolForm } from './schemas';
import { ZRole, ZUnitKind } from './vocabulary';

// A field error for a form: `field` is the dotted path of the input (e.g. 'huvudmanOrgNumber',
// 'amount.hourlyRate', 'assessment.areas.0.hoursPerLevel').
export interface FieldError {
  field: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

// zod's own messages are English; any issue a schema here did not word itself gets a plain
// Swedish one from its code.
function swedishMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      // zod leaves the input out of an issue unless asked; its own message names what it got.
      if ('input' in issue ? issue.input === undefined : /received undefined$/.test(issue.message)) return 'Fältet måste fyllas i.';
      if (issue.expected === 'int') return 'Skriv ett heltal.';
      return issue.expected === 'number' ? 'Skriv ett tal.' : 'Värdet har fel form.';
    case 'too_small':
      if (issue.origin === 'string') return 'Fältet måste fyllas i.';
      if (issue.origin === 'array') return `Välj minst ${String(issue.minimum)}.`;
      return issue.inclusive === false ? `Värdet måste vara större än ${String(issue.minimum)}.` : `Värdet måste vara minst ${String(issue.minimum)}.`;
    case 'too_big':
      if (issue.origin === 'string') return `Högst ${String(issue.maximum)} tecken.`;
      if (issue.origin === 'array') return `Högst ${String(issue.maximum)} val.`;
      return `Värdet får vara högst ${String(issue.maximum)}.`;
    case 'invalid_value':
      return 'Välj ett av de tillåtna värdena.';
    case 'invalid_format':
      return 'Värdet har fel format.';
    case 'not_multiple_of':
      return 'Värdet måste vara ett heltal.';
    default:
      return 'Värdet är inte giltigt.';
  }
}

// Messages that are Swedish already (written in the schema) are kept; zod's English defaults
// are replaced.
const ENGLISH = /^(Invalid|Too |Expected|Unrecognized|Number must|String must|Array must|Required)/;

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message && !ENGLISH.test(issue.message) ? issue.message : swedishMessage(issue),
  }));
}

export function validate<T extends z.ZodType>(schema: T, input: unknown): Validated<z.infer<T>> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error) };
}

const text = (what: string, max = 200) =>
  z
    .string({ error: `Skriv ${what}.` })
    .trim()
    .min(1, `Skriv ${what}.`)
    .max(max, `Högst ${max} tecken.`);

export const ZOrgNumber = z
  .string({ error: 'Skriv huvudmannens organisationsnummer.' })
  .trim()
  .min(1, 'Skriv huvudmannens organisationsnummer.')
  .transform((value, ctx) => {
    const check = checkOrgNumber(value);
    if (!check.ok) {
      ctx.addIssue({ code: 'custom', message: check.message });
      return z.NEVER;
    }
    return check.normalized;
  });

export const ZUnitInput = z.object({
  name: text('enhetens namn'),
  kind: z.enum(ZUnitKind.options, { error: 'Välj kommunal eller fristående.' }),
  huvudman: text('huvudmannens namn'),
  huvudmanOrgNumber: ZOrgNumber,
  schoolForms: z
    .array(z.enum(ZSchoolForm.options, { error: 'Okänd skolform.' }), { error: 'Välj minst en skolform.' })
    .min(1, 'Välj minst en skolform.')
    .transform((forms) => [...new Set(forms)]),
});
export type TUnitInput = z.infer<typeof ZUnitInput>;

// E-mail or UPN (both look like an address); stored in lower case, as Entra compares them.
export const ZEmail = z
  .string({ error: 'Skriv personens e-postadress.' })
  .trim()
  .min(1, 'Skriv personens e-postadress.')
  .max(254, 'Adressen är för lång.')
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Det ser inte ut som en e-postadress (namn@exempel.se).')
  .transform((value) => value.toLowerCase());

// The roles held at a unit: its principal, and whoever drafts applications for the principal.
export const UNIT_ROLES = ['principal', 'drafter'] as const;

export const ZRoleGrantInput = z
  .object({
    role: z.enum(ZRole.options, { error: 'Okänd roll.' }),
    unitId: z.string().uuid('Välj en enhet.').nullable().optional(),
  })
  .superRefine((grant, ctx) => {
    const unitRole = (UNIT_ROLES as readonly string[]).includes(grant.role);
    if (grant.role === 'principal' && !grant.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'En rektor behöver en enhet.' });
    if (grant.role === 'drafter' && !grant.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'Välj enheten personen skriver ansökningar för.' });
    if (!unitRole && grant.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'Bara rektorer och de som skriver ansökningar åt rektor knyts till en enhet.' });
  })
  .transform((grant) => ({ role: grant.role, unitId: grant.unitId ?? null }));

export const ZPersonInput = z.object({
  email: ZEmail,
  displayName: text('personens namn'),
  roles: z.array(ZRoleGrantInput, { error: 'Välj minst en roll.' }).min(1, 'Välj minst en roll.'),
});
export type TPersonInput = z.infer<typeof ZPersonInput>;
