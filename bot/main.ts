// `npm run start`: the bot on the database in DATABASE_URL, or the embedded PGlite folder.
// Migrations run on open; the HTTP server stops before the database closes.
import { openDatabase } from '../prisma/db';
import { createRepositories } from '../prisma/repositories';
import { loadConfig } from './config';
import { createHandlers } from './handlers';
import { createLogger } from './log';
import { startServer, type RunningServer } from './server';

export async function startBot(env: Record<string, string | undefined> = process.env): Promise<RunningServer> {
  const config = loadConfig(env);
  const logger = createLogger({ level: config.logLevel });
  const db = await openDatabase({ url: env.DATABASE_URL?.trim() || undefined, dataDir: env.PGLITE_DATA_DIR?.trim() || undefined });
  logger.info('database open', { kind: db.kind });
  try {
    const handlers = createHandlers({ repos: createRepositories(db.prisma), logger });
    return await startServer({ config, logger, handlers, onShutdown: () => db.close() });
  } catch (error) {
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
