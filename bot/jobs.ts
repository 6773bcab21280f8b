// The durable job queue (pg-boss, in the same database) that runs the app's job definitions
// (app/jobs: queue, payload schema, handler). A job survives a restart; a failed one is retried
// with backoff; Teams' Retry-After is honoured by putting the job back with a start time; a
// payload that does not match its schema is refused, never run.
import { PgBoss, type JobResult } from 'pg-boss';
import type pg from 'pg';
import { JOBS } from '../app/jobs';
import type { JobDefinition } from '../app/jobs/definition';
import { QUEUES, RetryLater, type JobData, type JobQueue, type QueueName } from '../app/jobs/queue';
import type { Database } from '../prisma/db';
import type { Logger } from './log';
import { errorFields } from './log';

export { QUEUES, RetryLater, type JobData, type JobQueue, type QueueName } from '../app/jobs/queue';

// Jobs per INSERT when many are queued at once.
const INSERT_BATCH = 1000;

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
  // Fetch again at once after a full batch (default true); the bench turns it off to compare.
  burstWhenBatchFull?: boolean;
  // How often the sweep looks for cases whose channel card never went out (default: its definition's).
  sweepCron?: string;
  // A running job's worker proves it is alive this often (pg-boss heartbeat, at least 10 s); a job
  // whose worker went silent (the process was killed) is failed and retried after at most about
  // heartbeatSeconds + superviseSeconds, instead of staying "active" until its 15-minute expiry
  // while the one-job-per-case rule keeps the sweep's replacement out.
  heartbeatSeconds?: number;
  // How often this instance looks for such jobs (and expired ones).
  superviseSeconds?: number;
}

export const JOB_HEARTBEAT_SECONDS = 10;
export const JOB_SUPERVISE_SECONDS = 5;

// Where the queue keeps its jobs: the same database, shared pool on PGlite (see JobOptions).
export function jobStoreFor(db: Pick<Database, 'kind' | 'pool' | 'connectionString'>): Pick<JobOptions, 'pool' | 'connectionString' | 'poolSize'> {
  return db.kind === 'pglite' ? { pool: db.pool } : { connectionString: db.connectionString, poolSize: 4 };
}

export async function startJobs(options: JobOptions): Promise<JobRunner> {
  const log = options.logger.child({ component: 'jobs' });
  const shared = options.pool;
  const supervise = options.superviseSeconds ?? JOB_SUPERVISE_SECONDS;
  const timers = { superviseIntervalSeconds: supervise, monitorIntervalSeconds: supervise };
  const boss = shared
    ? new PgBoss({ db: { executeSql: (text, values) => shared.query(text, values as unknown[]) }, schema: 'pgboss', ...timers })
    : new PgBoss({ connectionString: options.connectionString!, max: options.poolSize ?? 4, schema: 'pgboss', ...timers });
  boss.on('error', (error) => log.error('job queue error', { error: errorFields(error) }));
  await boss.start();

  const backoff = options.retryBackoff ?? true;
  const retry = {
    retryLimit: options.retryLimit ?? 8,
    retryDelay: options.retryDelaySeconds ?? 5,
    retryBackoff: backoff,
    ...(backoff ? { retryDelayMax: 600 } : {}),
  };
  // 'stately' keeps at most one queued job per key: repeated card refreshes collapse into one,
  // and one card render always shows the latest state. A job that runs alone is a singleton.
  const definitions = JOBS as readonly JobDefinition[];
  const heartbeat = { heartbeatSeconds: options.heartbeatSeconds ?? JOB_HEARTBEAT_SECONDS };
  for (const job of definitions) {
    const policy = job.alone ? 'singleton' : job.oneWaitingPer ? 'stately' : 'standard';
    // A queue's policy is fixed when it is made, and createQueue keeps an existing queue as it
    // is: a queue an older version made with another policy is made again. Its waiting jobs go
    // with it, which loses nothing: a job is only a wake-up for what the database holds, and the
    // sweep (cards, letters, completion requests) and the planner (claimed reminders) queue
    // again whatever is still unsent.
    const existing = await boss.getQueue(job.queue);
    if (existing && existing.policy !== policy) {
      log.warn('job queue made again with its new policy', { queue: job.queue, from: existing.policy, to: policy });
      await boss.deleteQueue(job.queue);
    }
    await boss.createQueue(job.queue, job.alone ? { policy, ...heartbeat } : { ...retry, ...heartbeat, policy });
    // A queue made by an older version keeps its options on createQueue: set the heartbeat too.
    await boss.updateQueue(job.queue, heartbeat);
  }
  const definitionOf = (queue: QueueName) => definitions.find((j) => j.queue === queue)!;

  // The queue's one-waiting-job-per-key rule, as pg-boss's singleton key.
  const keyed = <Q extends QueueName>(queue: Q, data: JobData[Q]) => {
    const key = definitionOf(queue).oneWaitingPer?.(data);
    return key ? { singletonKey: key } : {};
  };

  async function enqueue<Q extends QueueName>(queue: Q, data: JobData[Q], startAfter?: number): Promise<void> {
    await boss.send(queue, data, { ...keyed(queue, data), ...(startAfter ? { startAfter } : {}) });
  }

  // One INSERT for them all; a job the queue's policy refuses (one already waiting with its key)
  // is skipped, as send skips it.
  async function enqueueMany<Q extends QueueName>(queue: Q, items: ReadonlyArray<JobData[Q]>): Promise<void> {
    for (let i = 0; i < items.length; i += INSERT_BATCH) {
      await boss.insert(queue, items.slice(i, i + INSERT_BATCH).map((data) => ({ data: data as object, ...keyed(queue, data) })));
    }
  }

  const workerIds = new Map<QueueName, string>();
  for (const job of definitions) {
    const queue = job.queue;
    const handler = options.handlers[queue] as (data: object) => Promise<void>;
    // A batch per fetch, run side by side. pg-boss 12 waits a whole polling interval between
    // fetches, even after a full batch, unless burstWhenBatchFull is set (manager.js, work():
    // a full batch then fetches again at once; a short one falls back to polling). Without it a
    // backlog drains at batchSize per interval (measured: 17-18 channel cards/s; with it 60+).
    const workOptions = {
      batchSize: job.alone ? 1 : (options.batchSize ?? 8),
      burstWhenBatchFull: !job.alone && (options.burstWhenBatchFull ?? true),
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
      localConcurrency: job.alone ? 1 : (options.concurrency ?? 2),
      perJobResults: true as const,
    };
    const runOne = async (item: { id: string; data: object }): Promise<JobResult> => {
      const payload = job.payload.safeParse(item.data);
      if (!payload.success) {
        // Run again, it would fail the same way: refused, and said loudly.
        log.error('job refused: payload does not match its schema', { queue, jobId: item.id, issues: payload.error.issues.map((i) => i.message) });
        return { id: item.id, status: 'completed', output: { refused: true } };
      }
      try {
        await handler(payload.data);
        return { id: item.id, status: 'completed' };
      } catch (error) {
        if (error instanceof RetryLater) {
          log.warn('job deferred', { queue, jobId: item.id, seconds: error.seconds, reason: error.message });
          // A new job with a start time; this one completes, so the retry budget is not spent
          // on throttling.
          await enqueue(queue, item.data as never, error.seconds);
          return { id: item.id, status: 'completed', output: { deferredSeconds: error.seconds } };
        }
        log.warn('job failed, will retry', { queue, jobId: item.id, error: errorFields(error) });
        return { id: item.id, status: 'failed', output: { message: errorFields(error).message } };
      }
    };
    const id = await boss.work<object>(queue, workOptions, (items) => Promise.all(items.map(runOne)));
    workerIds.set(queue, id);
  }
  for (const job of definitions) {
    if (job.schedule) await boss.schedule(job.queue, (job.queue === QUEUES.sweep ? options.sweepCron : undefined) ?? job.schedule, {});
  }

  return {
    async enqueue(queue, data) {
      await enqueue(queue, data);
      // Wake the worker now instead of at its next poll: cards should appear within seconds.
      const id = workerIds.get(queue);
      if (id) boss.notifyWorker(id);
    },
    async enqueueMany(queue, items) {
      if (items.length === 0) return;
      await enqueueMany(queue, items);
      const id = workerIds.get(queue);
      if (id) boss.notifyWorker(id);
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
