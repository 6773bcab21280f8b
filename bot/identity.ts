// Who is acting: the tenant and Entra object id of the authenticated activity, looked up in the
// database. Nothing a card sends takes part.
import type { Actor } from '../app/actor';
import type { Repositories } from '../domain/ports';

export { hasRole, type Actor } from '../app/actor';

export async function identify(
  repos: Repositories,
  tenantId: string | undefined,
  aadObjectId: string | undefined,
): Promise<Actor | null> {
  if (!tenantId || !aadObjectId) return null;
  const person = await repos.people.findByAad(tenantId, aadObjectId);
  if (!person) return null;
  const [municipality, units, draftingUnits] = await Promise.all([
    repos.municipalities.get(person.municipalityId),
    person.ledUnitIds.length > 0 ? repos.people.unitsLedBy(person.id) : Promise.resolve([]),
    (person.draftUnitIds ?? []).length > 0 ? repos.people.unitsDraftedBy(person.id) : Promise.resolve([]),
  ]);
  if (!municipality) return null;
  return { person, municipality, units, ...(draftingUnits.length > 0 ? { draftingUnits } : {}) };
}
