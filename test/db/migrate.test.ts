// The migration runner: each migration once, in order, atomically; edited or unknown applied
// migrations are refused. Runs in a scratch schema of the test database, so it starts empty.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { MIGRATIONS_DIR, MigrationError, migrate, readMigrations } from '../../prisma/migrate';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from './helpers';

let db: TestDatabase;
let client: pg.PoolClient;
let dirs: string[] = [];

// A copy of the migrations folder that a test may change.
async function migrationsCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tillaggsbot-migrations-'));
  dirs.push(dir);
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function freshSchema(name: string): Promise<void> {
  await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE; CREATE SCHEMA "${name}"; SET search_path TO "${name}"`);
}

const tableExists = async (schema: string, table: string) =>
  (await client.query(`SELECT to_regclass($1) IS NOT NULL AS ok`, [`"${schema}"."${table}"`])).rows[0].ok as boolean;

describe('migrate', () => {
  beforeAll(async () => {
    db = await openTestDatabase();
    // One session for the whole file: search_path points into the scratch schema.
    client = await db.pool.connect();
  });
  afterAll(async () => {
    await client.query('RESET search_path');
    client.release();
    await db.close();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  test('applies every migration once, in order; a second run is a no-op', async () => {
    await freshSchema('m_once');
    const names = (await readMigrations()).map((m) => m.name);
    assert.ok(names.length >= 2);

    const first = await migrate(client);
    assert.deepEqual(first, { applied: names, alreadyApplied: [] });
    assert.ok(await tableExists('m_once', 'cases'));
    const recorded = await client.query(`SELECT "name", "checksum" FROM "_migrations" ORDER BY "name"`);
    assert.deepEqual(recorded.rows.map((r) => r.name), names);
    assert.ok(recorded.rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum)));

    const second = await migrate(client);
    assert.deepEqual(second, { applied: [], alreadyApplied: names });
  });

  test('accepts a query function as well as a client', async () => {
    await freshSchema('m_function');
    const result = await migrate((text, params) => client.query(text, params as unknown[]));
    assert.equal(result.applied.length, (await readMigrations()).length);
  });

  test('refuses to run when an applied migration was edited', async () => {
    await freshSchema('m_tamper');
    const dir = await migrationsCopy();
    await migrate(client, { dir });
    const [firstName] = (await readdir(dir)).filter((n) => /^\d{14}_/.test(n)).sort();
    await appendFile(join(dir, firstName!, 'migration.sql'), '\n-- edited after it was applied\n');
    await assert.rejects(migrate(client, { dir }), (e: unknown) => e instanceof MigrationError && /was changed after it was applied/.test(e.message));
  });

  test('a line-ending change alone is not an edit', async () => {
    await freshSchema('m_crlf');
    const dir = await migrationsCopy();
    await migrate(client, { dir });
    for (const m of await readMigrations(dir)) await writeFile(join(dir, m.name, 'migration.sql'), m.sql.replace(/\n/g, '\r\n'));
    assert.deepEqual((await migrate(client, { dir })).applied, []);
  });

  test('refuses a database that has a migration this code does not know', async () => {
    await freshSchema('m_ahead');
    const dir = await migrationsCopy();
    await migrate(client, { dir });
    const names = (await readMigrations(dir)).map((m) => m.name);
    await rm(join(dir, names.at(-1)!), { recursive: true });
    await assert.rejects(migrate(client, { dir }), /does not know/);
  });

  test('a failing migration leaves nothing behind and is not recorded', async () => {
    await freshSchema('m_fail');
    const dir = await migrationsCopy();
    const bad = join(dir, '99991231000000_broken');
    await mkdir(bad);
    await writeFile(join(bad, 'migration.sql'), 'CREATE TABLE "half_done" ("id" INTEGER);\nSELECT 1 / 0;\n');
    await assert.rejects(migrate(client, { dir }), (e: unknown) => e instanceof MigrationError && /99991231000000_broken/.test(e.message));
    assert.equal(await tableExists('m_fail', 'half_done'), false);
    const recorded = (await client.query(`SELECT "name" FROM "_migrations"`)).rows.map((r) => r.name);
    assert.ok(!recorded.includes('99991231000000_broken'));
    // The good ones before it were committed, each in its own transaction.
    assert.ok(await tableExists('m_fail', 'cases'));
  });

  // Needs a PostgreSQL server: PGlite is one backend shared by all socket connections, so there
  // is no second session to race, and one process owns the data folder.
  (testDatabaseKind === 'postgres' ? test : test.skip)('two instances starting at once apply each migration exactly once', async () => {
    await freshSchema('m_race');
    const connect = async () => {
      const c = await db.pool.connect();
      await c.query('SET search_path TO "m_race"');
      return c;
    };
    const [a, b] = await Promise.all([connect(), connect()]);
    try {
      const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
      const names = (await readMigrations()).map((m) => m.name);
      assert.deepEqual([...ra.applied, ...rb.applied].sort(), names);
      assert.equal(ra.applied.length === 0 || rb.applied.length === 0, true);
    } finally {
      for (const c of [a, b]) {
        await c.query('RESET search_path');
        c.release();
      }
    }
  });
});
