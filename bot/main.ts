// `npm run start`: the bot on the database in DATABASE_URL, or the embedded PGlite folder.
// Migrations run on open; the job workers share the database; on shutdown the HTTP server stops
// first, then the workers, then the database.
import { systemClock, type Clock } from '../domain/clock';
import { openDatabase, type Database } from '../prisma/db';
import { createRepositories } from '../prisma/repositories';
import { loadConfig, type BotConfig } from './config';
import type { Repositories } from '../domain/ports';
import type { CreateBotAppOptions } from './transport';
import { createDeliveries } from './deliveries';
import { createHandlers } from './handlers';
import type { JobQueue } from '../app/jobs/queue';
import { jobStoreFor, QUEUES, startJobs, type JobRunner } from './jobs';
import { createDevClock, type DevClock } from './dev-clock';
import { createLogger, errorFields, type Logger } from './log';
import { startServer, type RunningServer } from './server';
import type { ProactiveSender } from './transport-types';

// The workers need the server's proactive sender, the server needs the handlers, the handlers
// need the workers' queue: this forwards to the sender once the server exists.
function lateProactive(): { sender: ProactiveSender; bind(target: ProactiveSender): void } {
  let target: ProactiveSender | undefined;
  const get = () => {
    if (!target) throw new Error('the bot server is not started yet');
    return target;
  };
  return {
    sender: {
      send: (ref, activity) => get().send(ref, activity),
      update: (ref, id, activity) => get().update(ref, id, activity),
      createPersonalConversation: (input) => get().createPersonalConversation(input),
    },
    bind: (t) => {
      target = t;
    },
  };
}

export type BotOptions = {
  /** Where the config (and the database URL or PGlite folder) is read from. Default process.env. */
  env?: Record<string, string | undefined>;
  /** The clock of the handlers and the job workers. Default: the real time. */
  /**
   * The one clock of the handlers and the job workers. Default: the system clock; in local
   * development a settable one (DEV_CLOCK_START, POST /dev/clock).
   */
  clock?: Clock;
  /** Default: JSON lines on stdout at the configured level. */
  logger?: Logger;
  /** An open database to run on instead of the one env names; closed on shutdown like that one. */
  db?: Database;
  /** Listen for SIGTERM/SIGINT (default true). */
  handleSignals?: boolean;
  /** More routes on the bot's server, made from what the bot opened (the tab: tab/main.ts). */
  routes?: (ctx: RouteContext) => Promise<NonNullable<CreateBotAppOptions['routes']>>;
};

export type RouteContext = { db: Database; repos: Repositories; clock: Clock; config: BotConfig; logger: Logger };

export type RunningBot = RunningServer & { db: Database };

/** The bot as `npm run start` runs it, with what a benchmark or a tool needs to differ. */
export async function runBot(options: BotOptions = {}): Promise<RunningBot> {
  const env = options.env ?? process.env;
  const config = loadConfig(env);
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const db = options.db ?? (await openDatabase({ url: env.DATABASE_URL?.trim() || undefined, dataDir: env.PGLITE_DATA_DIR?.trim() || undefined }));
  logger.info('database open', { kind: db.kind });
  const repos = createRepositories(db.prisma);
  const proactive = lateProactive();
  const devClock: DevClock | undefined = config.devClockAllowed && !options.clock ? createDevClock(config.devClockStart) : undefined;
  const clock: Clock = options.clock ?? devClock ?? systemClock;
  if (config.devClockStart) logger.warn('development clock set', { now: clock.now().toISOString() });
  let jobs: JobRunner | undefined;
  try {
    // A turn whose write succeeded must not fail because queueing did: the sweep sends what
    // was written but not queued, so a failed enqueue is logged and left to it.
    const queue: JobQueue = {
      enqueue: async (...args: Parameters<JobRunner['enqueue']>) => {
        await jobs?.enqueue(...args).catch((error: unknown) => logger.warn('could not queue a job; the sweep will', { queue: args[0], error: errorFields(error) }));
      },
      enqueueMany: async (...args: Parameters<JobRunner['enqueueMany']>) => {
        await jobs?.enqueueMany(...args).catch((error: unknown) => logger.warn('could not queue jobs; the sweep will', { queue: args[0], count: args[1].length, error: errorFields(error) }));
      },
    };
    jobs = await startJobs({
      ...jobStoreFor(db),
      logger,
      handlers: createDeliveries({ repos, proactive: proactive.sender, jobs: queue, logger, clock }),
    });
    const handlers = createHandlers({ repos, logger, clock, jobs: queue, proactive: proactive.sender });
    const routes = await options.routes?.({ db, repos, clock, config, logger });
    const running = await startServer({
      config,
      logger,
      handlers,
      // Only the tenants of municipalities in the database are served at all.
      transport: {
        knownTenant: async (tenantId) => (await repos.municipalities.byTenant(tenantId)) !== null,
        ...(devClock ? { devClock: planningOnMove(devClock, () => queue.enqueue(QUEUES.reminderPlan, {})) } : {}),
        ...(routes ? { routes } : {}),
      },
      ...(options.handleSignals === undefined ? {} : { handleSignals: options.handleSignals }),
      onShutdown: async () => {
        await jobs?.stop();
        await db.close();
      },
    });
    proactive.bind(running.server.proactive);
    return { ...running, db };
  } catch (error) {
    await jobs?.stop().catch(() => {});
    await db.close();
    throw error;
  }
}

export async function startBot(env: Record<string, string | undefined> = process.env, options: Pick<BotOptions, 'routes'> = {}): Promise<RunningServer> {
  return runBot({ env, ...options });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startBot().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

// Moving the development clock plans reminders at once, as the quarter-hourly job would at that
// moment: a demo that jumps to the day before a deadline sees the reminder within seconds.
function planningOnMove(clock: DevClock, plan: () => Promise<void>): DevClock {
  return {
    now: () => clock.now(),
    set(at) {
      clock.set(at);
      void plan();
    },
    advance(ms) {
      clock.advance(ms);
      void plan();
    },
    get offsetMs() {
      return clock.offsetMs;
    },
  };
}
