// A migrated database per test file, fast.
// - PGlite (DATABASE_URL unset): migrations run once into a template folder under os.tmpdir(),
//   cached by the migrations' checksum and PGlite's version; each test file opens a copy.
//   Creating a PGlite database costs seconds, opening a copy well under one.
// - PostgreSQL (DATABASE_URL set): a fresh database per test file, created from scratch,
//   migrated, and dropped when the file is done.
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../../prisma/db';
import { migrationsChecksum } from '../../prisma/migrate';

export interface TestDatabase extends Database {
  // What the file runs on, for test names and skips.
  label: string;
  // PGlite only: the copy's data folder.
  dataDir?: string;
}

// Known while the tests are being declared, which is when jest decides what it skips.
export const testDatabaseKind: 'pglite' | 'postgres' = process.env.DATABASE_URL?.trim() ? 'postgres' : 'pglite';

export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL?.trim();
  return url ? openPostgresCopy(url) : openPgliteCopy();
}

async function openPostgresCopy(serverUrl: string): Promise<TestDatabase> {
  const name = `tillaggsbot_test_${process.pid}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 5 });
  return {
    ...db,
    label: 'postgres',
    async close() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

const TEMPLATE_PREFIX = 'tillaggsbot-pglite-template-';

async function openPgliteCopy(): Promise<TestDatabase> {
  const template = await pgliteTemplate();
  const dataDir = await mkdtemp(join(tmpdir(), 'tillaggsbot-pglite-test-'));
  await cp(template, dataDir, { recursive: true });
  // Migrating the copy is a checksum check and nothing else; it proves the template is current.
  const db = await openDatabase({ url: undefined, dataDir });
  return {
    ...db,
    label: 'pglite',
    dataDir,
    async close() {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function pgliteTemplate(): Promise<string> {
  const key = (await migrationsChecksum()).slice(0, 16) + '-' + (await pgliteVersion());
  const template = join(tmpdir(), TEMPLATE_PREFIX + key);
  if (await exists(template)) return template;

  // Build beside it and rename into place: rename is atomic, so test files starting together
  // never see a half-built template; the loser of the race discards its copy.
  const building = await mkdtemp(join(tmpdir(), `${TEMPLATE_PREFIX}building-`));
  const db = await openDatabase({ url: undefined, dataDir: building });
  await db.close();
  try {
    await rename(building, template);
    await pruneOldTemplates(template);
  } catch {
    await rm(building, { recursive: true, force: true });
  }
  return template;
}

// Another checkout on the same machine (a second branch, a CI run) may be copying its own
// template right now: only templates untouched for a day are removed.
const TEMPLATE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

async function pruneOldTemplates(current: string): Promise<void> {
  for (const name of await readdir(tmpdir())) {
    const path = join(tmpdir(), name);
    if (name.startsWith(TEMPLATE_PREFIX) && !name.startsWith(`${TEMPLATE_PREFIX}building-`) && path !== current) {
      const modified = await stat(path).then((s) => s.mtimeMs, () => Date.now());
      if (Date.now() - modified > TEMPLATE_MAX_AGE_MS) await rm(path, { recursive: true, force: true });
    }
  }
}

async function pgliteVersion(): Promise<string> {
  const pkg = new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url);
  return (JSON.parse(await readFile(pkg, 'utf8')) as { version: string }).version;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
