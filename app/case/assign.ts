// "Ta ärendet": the handler takes the case (from 'submitted' this starts the review).
import { caseActor, type Actor } from '../actor';
import type { AppDeps, Reply } from '../deps';
import { refreshChannelCard, withCase } from './access';
import { channelCardFor } from './channel-card';
import { transition } from './status';

export async function assignCase(deps: AppDeps, actor: Actor, caseId: string): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.assign', async (bundle) => {
    const moved = await transition(deps.repos, bundle, { type: 'case.assign', by: caseActor(actor) });
    if ('toast' in moved) return moved;
    await deps.repos.cases.assignHandler(caseId, actor.person.id, actor.person.id);
    await refreshChannelCard(deps, caseId);
    return channelCardFor(deps, actor, caseId);
  });
}
