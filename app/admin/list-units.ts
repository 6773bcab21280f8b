// The municipality's units, active and inactive, with how many cases each has.
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { asAdmin, ok, type AdminResult } from './result';
import type { UnitRow } from './shared';

export function listUnits(deps: AppDeps, actor: Actor): Promise<AdminResult<UnitRow[]>> {
  return asAdmin(actor, async () => {
    const [units, counts] = await Promise.all([deps.repos.units.listForMunicipality(actor.municipality.id), deps.repos.units.caseCounts(actor.municipality.id)]);
    return ok(units.map((u) => ({ ...u, huvudmanOrgNumber: u.huvudmanOrgNumber ?? null, active: u.active ?? true, caseCount: counts.get(u.id) ?? 0 })));
  });
}
