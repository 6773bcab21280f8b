// Everyone the municipality has registered, with their roles and whether the bot has bound
// them to their Entra object id yet.
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { asAdmin, ok, type AdminResult } from './result';
import { personRow, type PersonRow } from './shared';

export function listPeople(deps: AppDeps, actor: Actor): Promise<AdminResult<PersonRow[]>> {
  return asAdmin(actor, async () => ok((await deps.repos.people.listForMunicipality(actor.municipality.id)).map(personRow)));
}
