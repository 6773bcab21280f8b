// The durable job queue (pg-boss, in the same database): channel cards for new and changed
// cases, decisions and completion requests delivered to the principal's chat. A job survives a
// restart; a failed one is retried with backoff; Teams' Retry-After is honoured by putting the
// job back with a start time.
import { PgBoss, type JobResult } from 'pg-boss';
import type pg from 'pg';
import type { Database } from '../prisma/db';
import type { Logger } from './log';
import { errorFields } from './log';

export const QUEUES = {
  caseCard: 'case-card',
  decision: 'decision-delivery',
  completion: 'completion-delivery',
  sweep: 'case-card-sweep',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobData {
  'case-card': { caseId: string };
  'decision-delivery': { decisionId: string };
  'completion-delivery': { completionId: string };
  'case-card-sweep': Record<string, never>;
}

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
}

export interface JobRunner extends JobQueue {
  stop(): Promise<void>;
}

export interface JobOptions {
  // Either a connection string (pg-boss opens its own pool) or a pool to share. On PGlite the
  // pool must be shared: its socket server interleaves the extended-protocol messages of
  // different connections on its one session ("unnamed prepared statement does not exist").
  connectionString?: string;
  pool?: pg.Pool;
  poolSize?: number;
  // Workers per queue in this process, each taking up to batchSize jobs at a time and running
  // them side by side: sends to Teams overlap their waiting.
  concurrency?: number;
  batchSize?: number;
  logger: Logger;
  handlers: { [Q in QueueName]: (data: JobData[Q]) => Promise<void> };
  // Seconds before a failed job runs again (doubling with each failure); tests shorten it.
  retryDelaySeconds?: number;
  // Doubling delays (default); tests of fault handling turn it off to stay fast.
  retryBackoff?: boolean;
  retryLimit?: number;
  pollingIntervalSeconds?: number;
  // How often the sweep looks for cases whose channel card never went out.
  sweepCron?: string;
}

// Where the queue keeps its jobs: the same database, shared pool on PGlite (see JobOptions).
export function jobStoreFor(db: Pick<Database, 'kind' | 'pool' | 'connectionString'>): Pick<JobOptions, 'pool' | 'connectionString' | 'poolSize'> {
  return db.kind === 'pglite' ? { pool: db.pool } : { connectionString: db.connectionString, poolSize: 4 };
}

export async function startJobs(options: JobOptions): Promise<JobRunner> {
  const log = options.logger.child({ component: 'jobs' });
  const shared = options.pool;
  const boss = shared
    ? new PgBoss({ db: { executeSql: (text, values) => shared.query(text, values as unknown[]) }, schema: 'pgboss' })
    : new PgBoss({ connectionString: options.connectionString!, max: options.poolSize ?? 4, schema: 'pgboss' });
  boss.on('error', (error) => log.error('job queue error', { error: errorFields(error) }));
  await boss.start();

  const backoff = options.retryBackoff ?? true;
  const retry = {
    retryLimit: options.retryLimit ?? 8,
    retryDelay: options.retryDelaySeconds ?? 5,
    retryBackoff: backoff,
    ...(backoff ? { retryDelayMax: 600 } : {}),
  };
  // 'stately' keeps at most one queued job per case: repeated card refreshes collapse into one,
  // and one card render always shows the latest state.
  await boss.createQueue(QUEUES.caseCard, { ...retry, policy: 'stately' });
  await boss.createQueue(QUEUES.decision, retry);
  await boss.createQueue(QUEUES.completion, retry);
  await boss.createQueue(QUEUES.sweep, { policy: 'singleton' });

  const singletonKey = (queue: QueueName, data: object) =>
    queue === QUEUES.caseCard ? (data as JobData['case-card']).caseId : undefined;

  async function enqueue<Q extends QueueName>(queue: Q, data: JobData[Q], startAfter?: number): Promise<void> {
    const key = singletonKey(queue, data);
    await boss.send(queue, data, { ...(key ? { singletonKey: key } : {}), ...(startAfter ? { startAfter } : {}) });
  }

  const workerIds = new Map<QueueName, string>();
  for (const queue of Object.values(QUEUES)) {
    const handler = options.handlers[queue] as (data: object) => Promise<void>;
    // A batch per fetch, run side by side: pg-boss fetches again at once after a full batch,
    // so a burst of submits is not paced by the polling interval.
    const workOptions = {
      batchSize: queue === QUEUES.sweep ? 1 : (options.batchSize ?? 8),
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
      localConcurrency: queue === QUEUES.sweep ? 1 : (options.concurrency ?? 2),
      perJobResults: true as const,
    };
    const runOne = async (job: { id: string; data: object }): Promise<JobResult> => {
      try {
        await handler(job.data);
        return { id: job.id, status: 'completed' };
      } catch (error) {
        if (error instanceof RetryLater) {
          log.warn('job deferred', { queue, jobId: job.id, seconds: error.seconds, reason: error.message });
          // A new job with a start time; this one completes, so the retry budget is not spent
          // on throttling.
          await enqueue(queue, job.data as never, error.seconds);
          return { id: job.id, status: 'completed', output: { deferredSeconds: error.seconds } };
        }
        log.warn('job failed, will retry', { queue, jobId: job.id, error: errorFields(error) });
        return { id: job.id, status: 'failed', output: { message: errorFields(error).message } };
      }
    };
    const id = await boss.work<object>(queue, workOptions, (jobs) => Promise.all(jobs.map(runOne)));
    workerIds.set(queue, id);
  }
  await boss.schedule(QUEUES.sweep, options.sweepCron ?? '* * * * *', {});

  return {
    async enqueue(queue, data) {
      await enqueue(queue, data);
      // Wake the worker now instead of at its next poll: cards should appear within seconds.
      const id = workerIds.get(queue);
      if (id) boss.notifyWorker(id);
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
