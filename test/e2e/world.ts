// The bot as the end-to-end tests run it: a migrated copy of the database (PGlite, or PostgreSQL
// from DATABASE_URL) with the demo seed, the real handlers behind the HTTP harness, a local file
// host standing in for Teams' download URLs, and the jobs on the real queue (pg-boss on the same
// database), run inline in the turn, or not at all. Also who sends: a demo person in their own
// chat or in Elevhälsan's channel.
import { createDeliveries } from '../../bot/deliveries';
import type { DevClock } from '../../bot/dev-clock';
import { createHandlers } from '../../bot/handlers';
import { jobStoreFor, startJobs, type JobData, type JobQueue, type JobRunner, type QueueName } from '../../bot/jobs';
import { oneAtATime } from '../../app/jobs/queue';
import { createLogger, type Logger } from '../../bot/log';
import type { BotHandlers, ProactiveSender } from '../../bot/transport-types';
import type { Clock } from '../../domain/clock';
import type { Repositories } from '../../domain/ports';
import { createRepositories } from '../../prisma/repositories';
import { PLAYGROUND_TENANT_ID, seedDemo } from '../../prisma/seed';
import { openTestDatabase, type TestDatabase } from '../db/helpers';
import { FIXTURE_TODAY } from '../domain/fixtures';
import { startHarness, type Harness, type SendOptions } from './harness';
import { startFileHost } from './dialog-helpers';

// ---- who sends ---------------------------------------------------------------------------------

type Person = { aadObjectId: string; displayName: string };

export const ELEVHALSA_CHANNEL = '19:elevhalsan@thread.tacv2';

// A person's own 1:1 chat with the bot.
export const chatOf = (who: Person) => `a:personal-${who.aadObjectId}`;

const from = (who: Person) => ({ id: `29:${who.aadObjectId}`, aadObjectId: who.aadObjectId, name: who.displayName, tenantId: PLAYGROUND_TENANT_ID });

// A person writing in their own chat, or in a team channel (Elevhälsan's unless another is named)
// as Teams sends it there.
export function as(who: Person, where: 'personal' | 'channel' = 'personal', channel = ELEVHALSA_CHANNEL): SendOptions {
  if (where === 'personal') return { from: from(who), conversation: { id: chatOf(who), conversationType: 'personal', tenantId: PLAYGROUND_TENANT_ID } };
  return {
    from: from(who),
    conversation: { id: channel, conversationType: 'channel', tenantId: PLAYGROUND_TENANT_ID },
    extra: { channelData: { tenant: { id: PLAYGROUND_TENANT_ID }, team: { id: channel, name: 'Elevhälsan' }, channel: { id: channel } } },
  };
}

// ---- the world ---------------------------------------------------------------------------------

export const DEFAULT_FILES = {
  'atgardsprogram.pdf': new TextEncoder().encode('%PDF-1.4 åtgärdsprogram'),
  'psykologutlatande.pdf': new TextEncoder().encode('%PDF-1.4 psykologbedömning'),
};

export type WorldOptions = {
  // Who the harness's own requests come from when a test names no one (the dialog helpers).
  self: SendOptions;
  // The bot's clock; a development clock is also served at /dev/clock. Default FIXTURE_TODAY.
  clock?: Clock | DevClock;
  // The files the local host serves. Default DEFAULT_FILES.
  files?: Record<string, Uint8Array>;
  // 'queue': pg-boss workers on the same database, as in production; 'inline': each job runs
  // inside the turn that enqueues it; 'none' (default): no jobs and no proactive sends.
  jobs?: 'queue' | 'inline' | 'none';
  // What sends proactively (a job's card, a note to a person's chat). Default the harness's
  // fake connector.
  proactive?: ProactiveSender;
  // Default: errors only, printed with TEST_LOGS=1.
  logger?: Logger;
  seed?: Parameters<typeof seedDemo>[1];
};

export type World = {
  db: TestDatabase;
  repos: Repositories;
  harness: Harness;
  files: Awaited<ReturnType<typeof startFileHost>>;
  logger: Logger;
  // The queue's workers ('queue' only).
  jobs?: JobRunner;
  // Handlers as a freshly started bot has them (a restart, a second harness), on the same world.
  newHandlers(): BotHandlers;
  close(): Promise<void>;
};

const isDevClock = (clock: Clock | DevClock): clock is DevClock => 'set' in clock && 'advance' in clock;

export async function startWorld(options: WorldOptions): Promise<World> {
  // What is open so far, closed again when a later part fails to start.
  const opened: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of opened.splice(0).reverse()) await close();
  };
  try {
    return await start(options, opened, closeAll);
  } catch (error) {
    await closeAll();
    throw error;
  }
}

async function start(options: WorldOptions, opened: Array<() => Promise<void>>, closeAll: () => Promise<void>): Promise<World> {
  const db = await openTestDatabase();
  opened.push(() => db.close());
  const repos = createRepositories(db.prisma);
  await seedDemo(db.prisma, { tenantId: PLAYGROUND_TENANT_ID, ...options.seed });
  const files = await startFileHost(options.files ?? DEFAULT_FILES);
  opened.push(() => files.close());
  const logger = options.logger ?? createLogger({ level: 'error', write: process.env.TEST_LOGS ? (line) => process.stderr.write(line + '\n') : () => {} });
  const clock = options.clock ?? { now: () => FIXTURE_TODAY };
  const mode = options.jobs ?? 'none';

  // The harness's connector exists once the harness does; handlers and workers reach it later.
  let harness: Harness | undefined;
  const connector = (): Harness => {
    if (!harness) throw new Error('the harness is not started yet');
    return harness;
  };
  const proactive: ProactiveSender = options.proactive ?? {
    send: (ref, activity) => connector().proactive.send(ref, activity),
    update: (ref, id, activity) => connector().proactive.update(ref, id, activity),
    createPersonalConversation: (input) => connector().proactive.createPersonalConversation(input),
  };
  let runner: JobRunner | undefined;
  const workers = () => {
    if (!runner) throw new Error('the job workers are not started yet');
    return runner;
  };
  const queue: JobQueue =
    mode === 'inline'
      ? oneAtATime(async <Q extends QueueName>(name: Q, data: JobData[Q]) => (deliveries[name] as (d: JobData[Q]) => Promise<void>)(data))
      : { enqueue: (name, data) => workers().enqueue(name, data), enqueueMany: (name, items) => workers().enqueueMany(name, items) };
  const deliveries = createDeliveries({ repos, proactive, jobs: queue, logger, clock });
  const jobDeps = mode === 'none' ? {} : { jobs: queue, proactive };
  const newHandlers = () => createHandlers({ repos, logger, clock, ...jobDeps });

  harness = await startHarness({
    handlers: newHandlers(),
    user: options.self.from!,
    conversation: options.self.conversation!,
    ...(isDevClock(clock) ? { devClock: clock } : {}),
  });
  const started = harness;
  opened.push(() => started.close());
  if (mode === 'queue') {
    const workers = await startJobs({ ...jobStoreFor(db), logger, handlers: deliveries, retryDelaySeconds: 1, retryBackoff: false, pollingIntervalSeconds: 0.5 });
    runner = workers;
    opened.push(() => workers.stop());
  }
  return { db, repos, harness: started, files, logger, ...(runner ? { jobs: runner } : {}), newHandlers, close: closeAll };
}
