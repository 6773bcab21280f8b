// Opens the database: the PostgreSQL server in DATABASE_URL, or else an embedded PGlite kept in
// a local folder and served on a Unix socket only this user can open. Either way the code above the connection is the
// same: a pg Pool, Prisma's adapter-pg, and a connection string pg-boss can use.
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client';
import { migrate } from './migrate';
import { lockDataDir } from './pglite-lock';

export type DatabaseKind = 'pglite' | 'postgres';

export interface OpenDatabaseOptions {
  // A PostgreSQL URL; defaults to DATABASE_URL. Without either, PGlite is used.
  url?: string;
  // PGlite's data folder; defaults to PGLITE_DATA_DIR, then .data/pglite.
  dataDir?: string;
  // Apply pending migrations on open (default true).
  migrate?: boolean;
  // Connections the pool may open (PostgreSQL only; PGlite gets one, see below).
  poolSize?: number;
  // How many client connections the PGlite socket server accepts (default 8), so a job queue
  // or a test can open its own pool next to Prisma's.
  pgliteMaxConnections?: number;
}

export interface Database {
  prisma: PrismaClient;
  // The pool Prisma runs on: for raw SQL, migrations and tests.
  pool: pg.Pool;
  // Where other clients (pg-boss) connect: the server, or PGlite's Unix socket (host=<dir>).
  connectionString: string;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export const DEFAULT_PGLITE_DIR = '.data/pglite';

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const url = options.url ?? nonEmpty(process.env.DATABASE_URL);
  const server = url ? undefined : await startPglite(options);
  const connectionString = url ?? server!.connectionString;
  // PGlite is one Postgres backend: a pool of one keeps Prisma's transactions from sharing it.
  const pool = new pg.Pool({ connectionString, max: server ? 1 : (options.poolSize ?? 10) });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await prisma.$disconnect().catch(() => {});
      await pool.end().catch(() => {});
      await server?.stop();
    })());
  try {
    if (options.migrate !== false) await migrate(pool);
    return { prisma, pool, connectionString, kind: server ? 'pglite' : 'postgres', close };
  } catch (error) {
    await close();
    throw error;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value : undefined;
}

interface PgliteServer {
  connectionString: string;
  stop(): Promise<void>;
}

async function startPglite(options: OpenDatabaseOptions): Promise<PgliteServer> {
  const dataDir = resolve(options.dataDir ?? nonEmpty(process.env.PGLITE_DATA_DIR) ?? DEFAULT_PGLITE_DIR);
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir);
  let db: PGlite | undefined;
  let socketDir: string | undefined;
  try {
    db = await PGlite.create({ dataDir });
    // pglite-socket accepts any user and password, so whoever can reach the socket can read
    // every table. A TCP port on 127.0.0.1 is open to every local process; a Unix socket in a
    // fresh 0700 folder is open to this user only. The folder name is random, so parallel test
    // files and a running bot never collide. (Short path: a socket path must fit in 107 bytes.)
    socketDir = await mkdtemp(join(tmpdir(), 'tillaggsbot-pg-'));
    await chmod(socketDir, 0o700);
    // libpq's naming: pg connects to <host>/.s.PGSQL.<port> with host a folder, port 5432.
    const server = new PGLiteSocketServer({ db, path: join(socketDir, '.s.PGSQL.5432'), maxConnections: options.pgliteMaxConnections ?? 8 });
    await server.start();
    const opened = db;
    const folder = socketDir;
    return {
      connectionString: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(folder)}&sslmode=disable`,
      async stop() {
        await server.stop();
        await opened.close();
        await rm(folder, { recursive: true, force: true });
        await unlock();
      },
    };
  } catch (error) {
    await db?.close().catch(() => {});
    if (socketDir) await rm(socketDir, { recursive: true, force: true }).catch(() => {});
    await unlock();
    throw error;
  }
}
