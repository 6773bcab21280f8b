// Who is acting: the tenant and Entra object id of the authenticated activity, looked up in the
// database. Nothing a card sends takes part.
import type { Actor } from '../app/actor';
import type { ActingPerson, Repositories } from '../domain/ports';

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

// The same person, in one query, with where their personal chat was last seen (handlers.ts
// writes the conversation reference only when it moved).
export async function identifyActing(
  repos: Repositories,
  tenantId: string | undefined,
  aadObjectId: string | undefined,
): Promise<{ actor: Actor; personalChat: ActingPerson['personalChat'] } | null> {
  if (!tenantId || !aadObjectId) return null;
  const acting = await repos.people.acting(tenantId, aadObjectId);
  if (!acting) return null;
  const { personalChat, ...actor } = acting;
  return { actor, personalChat };
}

// First contact of a person an administrator registered by e-mail/UPN: nobody has their Entra
// object id yet, so the lookup above finds nobody. Teams' member lookup gives the e-mail and UPN
// of the sender (the activity itself carries neither); the unbound person with one of them is
// bound to this object id (audited as person.bound), and from then on the lookup above finds
// them. A separate step that runs only when that lookup came back empty, and asks Teams only
// while someone in the tenant is still unbound.
export async function bindOnFirstContact(
  repos: Repositories,
  tenantId: string | undefined,
  aadObjectId: string | undefined,
  member: (() => Promise<{ email?: string; userPrincipalName?: string } | null>) | undefined,
): Promise<Actor | null> {
  if (!tenantId || !aadObjectId || !member) return null;
  if (!(await repos.people.hasUnbound(tenantId))) return null;
  const info = await member();
  const emails = [info?.email, info?.userPrincipalName].filter((e): e is string => typeof e === 'string' && e.includes('@'));
  if (emails.length === 0) return null;
  const bound = await repos.people.bindByEmail(tenantId, emails, aadObjectId);
  return bound ? identify(repos, tenantId, aadObjectId) : null;
}
