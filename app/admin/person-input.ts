// A person's form checked: the schema, then the units named in principal grants, which must be
// the municipality's own.
import { validate, ZPersonInput, type TPersonInput } from '../../domain/admin';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { invalid, type AdminFailure } from './result';

export async function checkPersonInput(deps: AppDeps, actor: Actor, input: unknown): Promise<{ ok: true; value: TPersonInput } | AdminFailure> {
  const checked = validate(ZPersonInput, input);
  if (!checked.ok) return invalid(checked.errors);
  const units = new Set((await deps.repos.units.listForMunicipality(actor.municipality.id)).map((u) => u.id));
  const errors = checked.value.roles.flatMap((grant, i) =>
    grant.unitId !== null && !units.has(grant.unitId) ? [{ field: `roles.${i}.unitId`, message: 'Enheten finns inte i kommunen.' }] : [],
  );
  return errors.length > 0 ? invalid(errors) : { ok: true, value: checked.value };
}
