// Edits a unit's name, kind, huvudman, organisation number and school forms. Audited as
// unit.updated with the names of the fields that changed.
import { validate, ZUnitInput } from '../../domain/admin';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { UNIT_NAME_TAKEN } from './create-unit';
import { asAdmin, conflict, invalid, notFound, ok, type AdminResult } from './result';
import { ownUnit, UNIT_GONE, unitRow, type UnitRow } from './shared';

export function updateUnit(deps: AppDeps, actor: Actor, unitId: string, input: unknown): Promise<AdminResult<UnitRow>> {
  return asAdmin(actor, async () => {
    if (!(await ownUnit(deps, actor, unitId))) return notFound(UNIT_GONE);
    const checked = validate(ZUnitInput, input);
    if (!checked.ok) return invalid(checked.errors);
    const others = (await deps.repos.units.listForMunicipality(actor.municipality.id)).filter((u) => u.id !== unitId);
    if (others.some((u) => u.name.toLowerCase() === checked.value.name.toLowerCase())) {
      return conflict(UNIT_NAME_TAKEN, [{ field: 'name', message: UNIT_NAME_TAKEN }]);
    }
    const unit = await deps.repos.units.update(unitId, checked.value, actor.person.id);
    return ok(await unitRow(deps, unit));
  });
}
