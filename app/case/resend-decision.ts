// "Skicka beslutet igen": after a failed delivery (the bot was removed from the principal's chat,
// say), the decision is queued again; the channel card shows whether it got through.
import type { Actor } from '../actor';
import type { AppDeps, Reply } from '../deps';
import { QUEUES } from '../jobs/queue';
import { withCase } from './access';

export function resendDecision(deps: AppDeps, actor: Actor, caseId: string): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.decision.resend', async (bundle) => {
    if (bundle.decision?.deliveryStatus !== 'failed') return { toast: 'Beslutet är redan levererat eller på väg.' };
    await deps.jobs?.enqueue(QUEUES.decision, { decisionId: bundle.decision.id });
    return { toast: 'Beslutet skickas igen till rektorns chatt. Kortet visar om det lyckas.' };
  });
}
