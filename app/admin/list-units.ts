// The municipality's units, active and inactive, with how many cases each has.
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { asAdmin, ok, type AdminResult } from './result';
import { unitRow, type UnitRow } from './shared';

export function listUnits(deps: AppDeps, actor: Actor): Promise<AdminResult<UnitRow[]>> {
  return asAdmin(actor, async () => {
    const units = await deps.repos.units.listForMunicipality(actor.municipality.id);
    return ok(await Promise.all(units.map((u) => unitRow(deps, u))));
  });
}
