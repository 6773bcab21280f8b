// Every job the app runs, in one list: the runner creates a queue and a worker for each.
// A reminder job (follow-up due, decision not yet acted on) is one more definition here.
import { caseCardJob } from './case-card';
import { completionDeliveryJob } from './completion-delivery';
import { decisionDeliveryJob } from './decision-delivery';
import { decisionDocumentJob } from './decision-document';
import type { JobDefinition, JobDeps } from './definition';
import type { JobData, QueueName } from './queue';
import { reminderDeliveryJob, reminderPlanJob, retentionJob } from './reminders';
import { sweepJob } from './sweep';

export const JOBS = [caseCardJob, decisionDeliveryJob, decisionDocumentJob, completionDeliveryJob, sweepJob, reminderPlanJob, reminderDeliveryJob, retentionJob] as const;

export type JobHandlers = { [Q in QueueName]: (data: JobData[Q]) => Promise<void> };

// The handlers with their dependencies bound, by queue.
export function jobHandlers(deps: JobDeps): JobHandlers {
  const entries = JOBS.map((job) => [job.queue, (job as JobDefinition).handler(deps)] as const);
  return Object.fromEntries(entries) as JobHandlers;
}

export function jobDefinition(queue: QueueName): JobDefinition {
  const job = JOBS.find((j) => j.queue === queue);
  if (!job) throw new Error(`no job defined for queue ${queue}`);
  return job as JobDefinition;
}
