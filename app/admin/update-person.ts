// Edits a person's e-mail, name and roles (the roles are replaced by the ones given). Audited as
// person.updated and person.roles_set.
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { checkPersonInput } from './person-input';
import { EMAIL_TAKEN } from './register-person';
import { asAdmin, conflict, notFound, ok, type AdminResult } from './result';
import { ownPerson, PERSON_GONE, personRow, type PersonRow } from './shared';

export function updatePerson(deps: AppDeps, actor: Actor, personId: string, input: unknown): Promise<AdminResult<PersonRow>> {
  return asAdmin(actor, async () => {
    const person = await ownPerson(deps, actor, personId);
    if (!person) return notFound(PERSON_GONE);
    const checked = await checkPersonInput(deps, actor, input);
    if (!checked.ok) return checked;
    const { email, displayName, roles } = checked.value;
    const holder = await deps.repos.people.findByEmail(actor.municipality.id, email);
    if (holder && holder.id !== personId) return conflict(EMAIL_TAKEN, [{ field: 'email', message: EMAIL_TAKEN }]);
    // An admin cannot take the admin role from themselves: the municipality would be left
    // without anyone who can give it back.
    if (personId === actor.person.id && !roles.some((r) => r.role === 'admin')) {
      return conflict('Du kan inte ta bort din egen administratörsroll.', [{ field: 'roles', message: 'Du kan inte ta bort din egen administratörsroll.' }]);
    }
    const updated = await deps.repos.transaction(async (repos) => {
      if (email !== person.email || displayName !== person.displayName) await repos.people.update(personId, { email, displayName }, actor.person.id);
      return repos.people.setRoles(personId, roles, actor.person.id);
    });
    return ok(personRow(updated));
  });
}
