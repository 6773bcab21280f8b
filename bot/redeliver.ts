// A decision that could not reach the principal's chat (the bot was removed, or in the
// playground the principal was not the one online) goes out again when the principal installs
// the bot again: the chat is there now. Elevhälsan's "Skicka beslutet igen" does the same by hand.
import type { Repositories } from '../domain/ports';
import { QUEUES, type JobQueue } from './jobs';

export async function redeliverFailedDecisions(deps: { repos: Repositories; jobs?: JobQueue }, principalId: string): Promise<number> {
  if (!deps.jobs) return 0;
  let queued = 0;
  for (const kase of await deps.repos.cases.listForPrincipal(principalId)) {
    for (const decision of await deps.repos.decisions.forCase(kase.id)) {
      if (decision.deliveryStatus !== 'failed') continue;
      await deps.jobs.enqueue(QUEUES.decision, { decisionId: decision.id });
      queued++;
    }
  }
  return queued;
}
