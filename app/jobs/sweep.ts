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
      // Three reads on partial indexes (their cost follows what is pending, not the history),
      // side by side: with nothing pending the sweep costs one round trip of wall time.
      const [cases, decisions, completions] = await Promise.all([
        repos.channelPosts.casesWithoutPost(before, 100),
        repos.decisions.listUndelivered(before, 100),
        repos.completions.listUndelivered(before, 100),
      ]);
      for (const caseId of cases) await jobs.enqueue(QUEUES.caseCard, { caseId });
      for (const decisionId of decisions) await jobs.enqueue(QUEUES.decision, { decisionId });
      for (const completionId of completions) await jobs.enqueue(QUEUES.completion, { completionId });
    },
});
