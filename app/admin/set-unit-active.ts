// Deactivates (or reactivates) a unit. There is no delete: a unit with cases stays for their
// sake, and a deactivated one is no longer offered to its principals for new applications.
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { asAdmin, notFound, ok, type AdminResult } from './result';
import { ownUnit, UNIT_GONE, unitRow, type UnitRow } from './shared';

export function setUnitActive(deps: AppDeps, actor: Actor, unitId: string, active: boolean): Promise<AdminResult<UnitRow>> {
  return asAdmin(actor, async () => {
    const unit = await ownUnit(deps, actor, unitId);
    if (!unit) return notFound(UNIT_GONE);
    if ((unit.active ?? true) === active) return ok(await unitRow(deps, unit));
    return ok(await unitRow(deps, await deps.repos.units.setActive(unitId, active, actor.person.id)));
  });
}
