// The case's card in Elevhälsan's channel, as one viewer should see it now (Universal Actions
// refresh, and the answer after an action), and who gets it refreshed automatically.
import { caseChannelCard } from '../../cards';
import { caseActor, type Actor } from '../actor';
import { mayPerform } from '../../domain/case-roles';
import type { AppDeps, Reply } from '../deps';
import { channelViewModel } from '../views/case-view';
import { NOT_FOUND } from './access';
import { loadCase } from './context';
import { otherUnitGrantText } from '../follow-up/grants';

// The card as this viewer should see it now (Universal Actions refresh and after an action).
export async function channelCardFor(deps: Pick<AppDeps, 'repos'>, actor: Actor | null, caseId: string): Promise<Reply> {
  const bundle = await loadCase(deps.repos, caseId);
  if (!bundle || (actor && bundle.kase.municipalityId !== actor.municipality.id)) return NOT_FOUND;
  // A refresh is a view: a principal of another unit gets nothing (a forged refresh named the case).
  if (actor && !mayPerform('case.view', caseActor(actor), bundle.kase).ok) return NOT_FOUND;
  return caseChannelCard(
    channelViewModel(bundle, actor ?? null, await refreshUserIds(deps, bundle.kase.municipalityId), await otherUnitGrantText(deps.repos, bundle.kase, bundle.application)),
  );
}

// Teams refreshes the card automatically for these users: Elevhälsa staff the bot has met.
export async function refreshUserIds(deps: Pick<AppDeps, 'repos'>, municipalityId: string): Promise<string[]> {
  // One query for every card, instead of two role scans and a chat lookup per person.
  return deps.repos.people.chatUserIdsByRole(municipalityId, ['handler', 'head']);
}
