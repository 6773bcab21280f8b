// Registers a person by e-mail/UPN with their roles. They are bound to their Entra object id
// the first time they write to the bot (bot/identity.ts); until then they are "not yet bound".
// Audited as person.registered and person.roles_set.
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { checkPersonInput } from './person-input';
import { asAdmin, conflict, ok, type AdminResult } from './result';
import { personRow, type PersonRow } from './shared';

export const EMAIL_TAKEN = 'Det finns redan en person med den e-postadressen.';

export function registerPerson(deps: AppDeps, actor: Actor, input: unknown): Promise<AdminResult<PersonRow>> {
  return asAdmin(actor, async () => {
    const checked = await checkPersonInput(deps, actor, input);
    if (!checked.ok) return checked;
    const { email, displayName, roles } = checked.value;
    if (await deps.repos.people.findByEmail(actor.municipality.id, email)) return conflict(EMAIL_TAKEN, [{ field: 'email', message: EMAIL_TAKEN }]);
    const person = await deps.repos.transaction(async (repos) => {
      const created = await repos.people.register({ municipalityId: actor.municipality.id, tenantId: actor.municipality.tenantId, email, displayName }, actor.person.id);
      return repos.people.setRoles(created.id, roles, actor.person.id);
    });
    return ok(personRow(person));
  });
}
