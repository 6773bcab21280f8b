// First contact of a person an administrator registered by e-mail/UPN: nobody has their Entra
// object id yet, so the lookup by object id finds nobody. The addresses the caller trusts for
// this sender (the bot: Teams' member lookup; the tab: the verified SSO token's
// preferred_username/upn) name the unbound person, who is bound to the object id once, audited
// as person.bound with where it happened. One rule for both ways in. The addresses are asked
// for only while someone in the tenant is still unbound (the bot's costs a call to Teams).
import type { PersonWithRoles, Repositories } from '../../domain/ports';

export type FirstContactVia = 'bot' | 'tab';

export async function bindOnFirstContact(
  repos: Repositories,
  sender: { tenantId: string | undefined; aadObjectId: string | undefined; via: FirstContactVia },
  addresses: () => Promise<ReadonlyArray<string | null | undefined>>,
): Promise<PersonWithRoles | null> {
  const { tenantId, aadObjectId, via } = sender;
  if (!tenantId || !aadObjectId) return null;
  if (!(await repos.people.hasUnbound(tenantId))) return null;
  const emails = (await addresses()).filter((e): e is string => typeof e === 'string' && e.includes('@'));
  if (emails.length === 0) return null;
  // Teams sends two signals for one install in the same instant, and the tab asks in parallel:
  // when another request bound this very object id meanwhile, that binding is the answer.
  return (await repos.people.bindByEmail(tenantId, emails, aadObjectId, via)) ?? (await repos.people.findByAad(tenantId, aadObjectId));
}
