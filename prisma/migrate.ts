// Applies prisma/migrations/<timestamp>_<name>/migration.sql in order, each once, each in its
// own transaction. Prisma's own `migrate deploy` needs a schema engine we cannot install, so
// this is the runner; the folders keep Prisma's layout so `prisma migrate` could take over.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

// Any bigint constant works as long as every instance uses the same one: "tillaggs" in ASCII.
const ADVISORY_LOCK_KEY = '7308604970378003315';

export interface Queryable {
  query(text: string, params?: unknown[]): Promise<{ rows: any[] }>;
}
// A pg.Pool (or anything with connect()) hands out one connection for the whole run: the
// advisory lock and the transactions must all live on the same session.
export interface ConnectionSource {
  connect(): Promise<Queryable & { release(): void }>;
}
export type MigrationTarget = Queryable | ConnectionSource | ((text: string, params?: unknown[]) => Promise<{ rows: any[] }>);

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

// Line endings are normalised so a checkout with CRLF does not look like a tampered file.
export const checksumOf = (sql: string): string =>
  createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');

export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(e.name))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: checksumOf(sql) };
    }),
  );
}

// One checksum over every migration: changes whenever any migration is added or edited.
export async function migrationsChecksum(dir: string = MIGRATIONS_DIR): Promise<string> {
  const all = await readMigrations(dir);
  return createHash('sha256').update(all.map((m) => `${m.name}:${m.checksum}`).join('\n')).digest('hex');
}

export async function migrate(target: MigrationTarget, options: { dir?: string } = {}): Promise<MigrateResult> {
  const migrations = await readMigrations(options.dir);
  if (typeof target === 'function') return runLocked({ query: target }, migrations);
  if (isPool(target)) {
    const client = await target.connect();
    try {
      return await runLocked(client, migrations);
    } finally {
      client.release();
    }
  }
  return runLocked(target, migrations);
}

// pg.Client also has connect() (to open its socket); a pg.Pool is told apart by its counters.
function isPool(target: Queryable | ConnectionSource): target is ConnectionSource {
  return 'connect' in target && ('totalCount' in target || !('query' in target));
}

async function runLocked(db: Queryable, migrations: Migration[]): Promise<MigrateResult> {
  // A session lock, so two instances starting at once apply each migration exactly once: the
  // second waits, then finds everything recorded. (On PGlite all socket connections share one
  // backend session, so this lock does not exclude there; PGlite is single-process anyway.)
  await db.query(`SELECT pg_advisory_lock(${ADVISORY_LOCK_KEY})`);
  try {
    await db.query(`CREATE TABLE IF NOT EXISTS "_migrations" (
      "name" TEXT PRIMARY KEY,
      "checksum" TEXT NOT NULL,
      "applied_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
    )`);
    const { rows } = await db.query(`SELECT "name", "checksum" FROM "_migrations" ORDER BY "name"`);
    const recorded = new Map<string, string>(rows.map((r) => [r.name as string, r.checksum as string]));
    verifyRecorded(recorded, migrations);

    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const m of migrations) {
      if (recorded.has(m.name)) {
        result.alreadyApplied.push(m.name);
        continue;
      }
      await db.query('BEGIN');
      try {
        await db.query(m.sql);
        await db.query(`INSERT INTO "_migrations" ("name", "checksum") VALUES ($1, $2)`, [m.name, m.checksum]);
        await db.query('COMMIT');
      } catch (error) {
        await db.query('ROLLBACK');
        throw new MigrationError(`Migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
      }
      result.applied.push(m.name);
    }
    return result;
  } finally {
    await db.query(`SELECT pg_advisory_unlock(${ADVISORY_LOCK_KEY})`);
  }
}

// An applied migration must never change, and the database must not be ahead of the code:
// either means the schema is not what this code was tested against.
function verifyRecorded(recorded: Map<string, string>, migrations: Migration[]): void {
  const known = new Map(migrations.map((m) => [m.name, m.checksum]));
  for (const [name, checksum] of recorded) {
    const current = known.get(name);
    if (current === undefined) {
      throw new MigrationError(`The database has migration ${name}, which this code does not know. Deploy the newer code.`);
    }
    if (current !== checksum) {
      throw new MigrationError(
        `Migration ${name} was changed after it was applied (checksum ${checksum.slice(0, 12)}… in the database, ${current.slice(0, 12)}… on disk). Add a new migration instead of editing an applied one.`,
      );
    }
  }
}
