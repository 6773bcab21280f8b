// Look-ups the administration use cases share: records of the actor's own municipality only.
import type { PersonWithRoles, Unit } from '../../domain/ports';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';

export const UNIT_GONE = 'Enheten finns inte eller hör till en annan kommun.';
export const PERSON_GONE = 'Personen finns inte eller hör till en annan kommun.';
export const CASE_GONE = 'Ärendet finns inte eller hör till en annan kommun.';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function ownUnit(deps: AppDeps, actor: Actor, unitId: string): Promise<Unit | null> {
  if (!UUID.test(unitId)) return null;
  const unit = await deps.repos.units.get(unitId);
  return unit && unit.municipalityId === actor.municipality.id ? unit : null;
}

export async function ownPerson(deps: AppDeps, actor: Actor, personId: string): Promise<PersonWithRoles | null> {
  if (!UUID.test(personId)) return null;
  const person = await deps.repos.people.get(personId);
  return person && person.municipalityId === actor.municipality.id ? person : null;
}

export interface UnitRow extends Unit {
  huvudmanOrgNumber: string | null;
  active: boolean;
  // A unit with cases can only be deactivated (there is no delete at all).
  caseCount: number;
}

export async function unitRow(deps: AppDeps, unit: Unit): Promise<UnitRow> {
  return { ...unit, huvudmanOrgNumber: unit.huvudmanOrgNumber ?? null, active: unit.active ?? true, caseCount: await deps.repos.units.caseCount(unit.id) };
}

export interface PersonRow {
  id: string;
  displayName: string;
  email: string | null;
  // False until the person first writes to the bot and is bound to their Entra object id.
  bound: boolean;
  roles: Array<{ role: PersonWithRoles['roles'][number]['role']; unitId: string | null }>;
}

export function personRow(person: PersonWithRoles): PersonRow {
  return { id: person.id, displayName: person.displayName, email: person.email, bound: person.aadObjectId !== null, roles: person.roles };
}
