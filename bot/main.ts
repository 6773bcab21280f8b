// `npm run start`: the bot on the database in DATABASE_URL, or the embedded PGlite folder.
// Migrations run on open; the job workers share the database; on shutdown the HTTP server stops
// first, then the workers, then the database.
import { openDatabase } from '../prisma/db';
import { createRepositories } from '../prisma/repositories';
import { loadConfig } from './config';
import { createDeliveries } from './deliveries';
import { createHandlers } from './handlers';
import { startJobs, type JobRunner } from './jobs';
import { createLogger } from './log';
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

export async function startBot(env: Record<string, string | undefined> = process.env): Promise<RunningServer> {
  const config = loadConfig(env);
  const logger = createLogger({ level: config.logLevel });
  const db = await openDatabase({ url: env.DATABASE_URL?.trim() || undefined, dataDir: env.PGLITE_DATA_DIR?.trim() || undefined });
  logger.info('database open', { kind: db.kind });
  const repos = createRepositories(db.prisma);
  const proactive = lateProactive();
  const now = () => new Date();
  let jobs: JobRunner | undefined;
  try {
    const queue = { enqueue: async (...args: Parameters<JobRunner['enqueue']>) => jobs?.enqueue(...args) };
    jobs = await startJobs({
      connectionString: db.connectionString,
      poolSize: db.kind === 'pglite' ? 2 : 4,
      logger,
      handlers: createDeliveries({ repos, proactive: proactive.sender, jobs: queue, logger, now }),
    });
    const handlers = createHandlers({ repos, logger, now, jobs, proactive: proactive.sender });
    const running = await startServer({
      config,
      logger,
      handlers,
      onShutdown: async () => {
        await jobs?.stop();
        await db.close();
      },
    });
    proactive.bind(running.server.proactive);
    return running;
  } catch (error) {
    await jobs?.stop().catch(() => {});
    await db.close();
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startBot().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
