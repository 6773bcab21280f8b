// Who is acting: the tenant and Entra object id of the authenticated activity, looked up in the
// database. Nothing a card sends takes part.
import type { Actor } from '../app/actor';
import { bindOnFirstContact as bindRegistered } from '../app/admin/bind-on-first-contact';
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

// First contact of a person an administrator registered by e-mail/UPN (the shared rule:
// app/admin/bind-on-first-contact.ts). Teams' member lookup gives the sender's e-mail and UPN
// (the activity itself carries neither); once bound, the lookup above finds them.
export async function bindOnFirstContact(
  repos: Repositories,
  tenantId: string | undefined,
  aadObjectId: string | undefined,
  member: (() => Promise<{ email?: string; userPrincipalName?: string } | null>) | undefined,
): Promise<Actor | null> {
  if (!member) return null;
  const bound = await bindRegistered(repos, { tenantId, aadObjectId, via: 'bot' }, async () => {
    const info = await member();
    return [info?.email, info?.userPrincipalName];
  });
  return bound ? identify(repos, tenantId, aadObjectId) : null;
}
