// The reminder jobs: planning (every quarter hour; it does nothing outside a municipality's
// office hours on working days) and delivering one claimed reminder; and gallring, daily.
import { deliverReminder } from '../reminders/deliver';
import { planReminders } from '../reminders/plan';
import { gallra } from '../retention/gallring';
import { defineJob } from './definition';
import { QUEUES } from './queue';

export const reminderPlanJob = defineJob(QUEUES.reminderPlan, {
  schedule: '*/15 * * * *',
  alone: true,
  handler: (deps) => async () => {
    // Claimed but never queued (the instance stopped in between): queued again after ten minutes.
    const unqueued = await deps.repos.reminders.listClaimed(new Date(deps.clock.now().getTime() - 10 * 60_000), 100);
    await deps.jobs.enqueueMany(QUEUES.reminderDelivery, unqueued.map((sendId) => ({ sendId })));
    await planReminders(deps);
  },
});

export const reminderDeliveryJob = defineJob(QUEUES.reminderDelivery, {
  oneWaitingPer: (data) => data.sendId,
  handler: (deps) => async ({ sendId }) => deliverReminder(deps, sendId),
});

export const retentionJob = defineJob(QUEUES.retention, {
  // 02:30 UTC: the night, in Sweden.
  schedule: '30 2 * * *',
  alone: true,
  handler: (deps) => async ({ dryRun }) => {
    await gallra(deps, { dryRun: dryRun ?? false });
  },
});
