// The queues, their payloads and the port to put work on them. The payload schemas are the
// contract: a job whose data does not parse is refused by the runner, not half-run.
import { z } from 'zod';

export const QUEUES = {
  caseCard: 'case-card',
  decision: 'decision-delivery',
  decisionDocument: 'decision-document',
  completion: 'completion-delivery',
  sweep: 'case-card-sweep',
  reminderPlan: 'reminder-plan',
  reminderDelivery: 'reminder-delivery',
  retention: 'retention',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOB_PAYLOADS = {
  'case-card': z.object({ caseId: z.string().min(1) }),
  'decision-delivery': z.object({ decisionId: z.string().min(1) }),
  'decision-document': z.object({ decisionId: z.uuid() }),
  'completion-delivery': z.object({ completionId: z.string().min(1) }),
  'case-card-sweep': z.object({}),
  'reminder-plan': z.object({}),
  'reminder-delivery': z.object({ sendId: z.uuid() }),
  // dryRun: list what would go, erase nothing.
  retention: z.object({ dryRun: z.boolean().optional() }),
} as const satisfies Record<QueueName, z.ZodType>;

export type JobData = { [Q in QueueName]: z.infer<(typeof JOB_PAYLOADS)[Q]> };

// Thrown by a job that should run again later, e.g. after Teams' Retry-After.
export class RetryLater extends Error {
  constructor(
    readonly seconds: number,
    reason: string,
  ) {
    super(reason);
  }
}

export interface JobQueue {
  enqueue<Q extends QueueName>(queue: Q, data: JobData[Q]): Promise<void>;
  // Many jobs of one queue in one statement (a day's reminders), each as enqueue would queue it.
  enqueueMany<Q extends QueueName>(queue: Q, items: ReadonlyArray<JobData[Q]>): Promise<void>;
}

// A queue that takes jobs one at a time (fakes, and the jobs run inline in tests).
export function oneAtATime(enqueue: <Q extends QueueName>(queue: Q, data: JobData[Q]) => Promise<void>): JobQueue {
  return {
    enqueue,
    async enqueueMany(queue, items) {
      for (const data of items) await enqueue(queue, data);
    },
  };
}
