// A new unit: name, kommunal or fristående, the huvudman and its organisation number (checked
// with the Luhn digit), the school forms it runs. Audited as unit.created.
import { validate, ZUnitInput } from '../../domain/admin';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { asAdmin, conflict, invalid, ok, type AdminResult } from './result';
import { unitRow, type UnitRow } from './shared';

export const UNIT_NAME_TAKEN = 'Det finns redan en enhet med det namnet.';

export function createUnit(deps: AppDeps, actor: Actor, input: unknown): Promise<AdminResult<UnitRow>> {
  return asAdmin(actor, async () => {
    const checked = validate(ZUnitInput, input);
    if (!checked.ok) return invalid(checked.errors);
    const existing = await deps.repos.units.listForMunicipality(actor.municipality.id);
    if (existing.some((u) => u.name.toLowerCase() === checked.value.name.toLowerCase())) {
      return conflict(UNIT_NAME_TAKEN, [{ field: 'name', message: UNIT_NAME_TAKEN }]);
    }
    const unit = await deps.repos.units.create(actor.municipality.id, checked.value, actor.person.id);
    return ok(await unitRow(deps, unit));
  });
}
