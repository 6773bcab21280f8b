// The choices the administration forms offer, with their Swedish words (domain/wording.ts).
import { UNIT_KINDS } from '../../domain/vocabulary';
import { SCHOOL_FORMS } from '../../domain/schemas';
import { ROLE_LABELS, SCHOOL_FORM_LABELS, UNIT_KIND_LABELS, capitalize } from '../../domain/wording';
import { UNIT_ROLES } from '../../domain/admin';

export type Choice = { value: string; text: string };

export const SCHOOL_FORM_CHOICES: Choice[] = SCHOOL_FORMS.map((f) => ({ value: f, text: SCHOOL_FORM_LABELS[f] }));
export const UNIT_KIND_CHOICES: Choice[] = UNIT_KINDS.map((k) => ({ value: k, text: capitalize(UNIT_KIND_LABELS[k]) }));
// In the order an administrator thinks of them: the unit's people, then Elevhälsan, then admin.
export const ROLE_CHOICES: Array<Choice & { unit: boolean }> = (['principal', 'drafter', 'handler', 'head', 'admin'] as const).map((r) => ({
  value: r,
  text: ROLE_LABELS[r],
  unit: (UNIT_ROLES as readonly string[]).includes(r),
}));
