// A job as the app defines it: its queue, the zod schema of its payload, and its handler. The
// runner (bot/jobs.ts, pg-boss) knows nothing about what a job does; the app knows nothing about
// pg-boss. JOBS (index.ts) is the one list of them.
import type { z } from 'zod';
import type { Clock } from '../../domain/clock';
import type { Repositories } from '../../domain/ports';
import type { Messenger } from '../ports';
import { JOB_PAYLOADS, type JobData, type JobQueue, type QueueName } from './queue';

// What a job may log; the bot's logger fits.
export interface JobLog {
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
}

export interface JobDeps {
  repos: Repositories;
  clock: Clock;
  messenger: Messenger;
  jobs: JobQueue;
  log: JobLog;
}

export interface JobDefinition<Q extends QueueName = QueueName> {
  queue: Q;
  payload: z.ZodType<JobData[Q]>;
  // At most one waiting and one running job per key, across instances: repeated refreshes of one
  // card collapse into one, and one card or letter is never sent by two jobs side by side.
  oneWaitingPer?: (data: JobData[Q]) => string;
  // Runs on this cron schedule as well as when queued.
  schedule?: string;
  // Several of these may run side by side (deliveries overlap their waiting); a sweep runs alone.
  alone?: boolean;
  handler: (deps: JobDeps) => (data: JobData[Q]) => Promise<void>;
}

export function defineJob<Q extends QueueName>(queue: Q, rest: Omit<JobDefinition<Q>, 'queue' | 'payload'>): JobDefinition<Q> {
  return { queue, payload: JOB_PAYLOADS[queue] as unknown as z.ZodType<JobData[Q]>, ...rest };
}

export const errorMessage = (error: unknown) => (error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) });
