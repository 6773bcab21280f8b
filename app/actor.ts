// The acting person as every use case sees it: looked up by bot/identity.ts from the
// authenticated activity (never from card data), then passed down.
import type { CaseActor } from '../domain/case-roles';
import type { Municipality, PersonWithRoles, Role, Unit } from '../domain/ports';

export interface Actor {
  person: PersonWithRoles;
  municipality: Municipality;
  // The units this person leads as principal (empty for other roles).
  units: Unit[];
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.person.roles.some((r) => r.role === role);
}

// The shape domain/case-roles asks for.
export function caseActor(actor: Actor): CaseActor {
  return {
    personId: actor.person.id,
    municipalityId: actor.municipality.id,
    roles: actor.person.roles.map((r) => r.role),
    ledUnitIds: actor.person.ledUnitIds,
  };
}
