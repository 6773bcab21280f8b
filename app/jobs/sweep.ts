// The outbox: what was written but never queued (the queue failed right after the write) or
// whose channel was not known yet goes out now. A minute's grace leaves the fresh ones alone.
import { defineJob } from './definition';
import { QUEUES } from './queue';

export const sweepJob = defineJob(QUEUES.sweep, {
  schedule: '* * * * *',
  alone: true,
  handler:
    ({ repos, clock, jobs }) =>
    async () => {
      const before = new Date(clock.now().getTime() - 60_000);
      for (const caseId of await repos.channelPosts.casesWithoutPost(before, 100)) {
        await jobs.enqueue(QUEUES.caseCard, { caseId });
      }
      for (const decisionId of await repos.decisions.listUndelivered(before, 100)) {
        await jobs.enqueue(QUEUES.decision, { decisionId });
      }
      for (const completionId of await repos.completions.listUndelivered(before, 100)) {
        await jobs.enqueue(QUEUES.completion, { completionId });
      }
    },
});
