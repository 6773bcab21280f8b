// The acting person as every use case sees it: looked up by bot/identity.ts from the
// authenticated activity (never from card data), then passed down.
import type { CaseActor } from '../domain/case-roles';
import type { Municipality, PersonWithRoles, Role, Unit } from '../domain/ports';

export interface Actor {
  person: PersonWithRoles;
  municipality: Municipality;
  // The units this person leads as principal (empty for other roles).
  units: Unit[];
  // The units this person drafts applications for (a drafter; the principal signs).
  draftingUnits?: Unit[];
}

// Every unit the person may fill in an application for: led or drafted for.
export function applicationUnits(actor: Actor): Unit[] {
  const led = new Set(actor.units.map((u) => u.id));
  return [...actor.units, ...(actor.draftingUnits ?? []).filter((u) => !led.has(u.id))];
}

// Drafts for this unit go to its principal for signing: the person drafts but does not lead it.
export function draftsFor(actor: Actor, unitId: string | undefined): boolean {
  return !!unitId && !actor.person.ledUnitIds.includes(unitId) && (actor.draftingUnits ?? []).some((u) => u.id === unitId);
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
    draftUnitIds: actor.person.draftUnitIds ?? [],
  };
}
