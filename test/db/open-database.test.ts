// openDatabase: the connection string serves other clients beside Prisma (pg-boss will use
// it), and a PGlite folder is opened by one process at a time.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import pg from 'pg';
import { statSync } from 'node:fs';
import { PgBoss } from 'pg-boss';
import { openDatabase } from '../../prisma/db';
import { DataDirInUseError } from '../../prisma/pglite-lock';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from './helpers';

let db: TestDatabase;

describe('openDatabase', () => {
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  test('reports what it opened', () => {
    assert.equal(db.kind, process.env.DATABASE_URL ? 'postgres' : 'pglite');
    assert.match(db.connectionString, /^postgresql:\/\//);
  });

  test('a second pool on the connection string works while Prisma writes', async () => {
    const other = new pg.Pool({ connectionString: db.connectionString, max: 3 });
    try {
      const writes = Array.from({ length: 20 }, (_, i) => db.prisma.auditLog.create({ data: { action: 'open.test', subjectType: 'open', subjectId: String(i) } }));
      const reads = Array.from({ length: 20 }, (_, i) => other.query('SELECT $1::int AS n, $2::text AS s', [i, `v${i}`]));
      const [, results] = await Promise.all([Promise.all(writes), Promise.all(reads)]);
      assert.deepEqual(results.map((r) => r.rows[0]), Array.from({ length: 20 }, (_, i) => ({ n: i, s: `v${i}` })));
      const { rows } = await other.query(`SELECT count(*)::int AS n FROM "audit_log" WHERE "subject_type" = 'open'`);
      assert.equal(rows[0].n, 20);
    } finally {
      await other.end();
    }
  });

  // PGlite is one backend session shared by every socket connection; pglite-socket must hold
  // other connections' queries while a transaction is open, or they would run inside it.
  test('another connection never sees a transaction\'s uncommitted rows', async () => {
    const other = new pg.Pool({ connectionString: db.connectionString, max: 1 });
    try {
      let insideTransaction = false;
      let seen: { n: number; duringTransaction: boolean } | undefined;
      let read: Promise<void> | undefined;
      await db.prisma.$transaction(async (tx) => {
        insideTransaction = true;
        await tx.auditLog.create({ data: { action: 'open.tx', subjectType: 'open-tx', subjectId: '1' } });
        read = other.query(`SELECT count(*)::int AS n FROM "audit_log" WHERE "subject_type" = 'open-tx'`).then((r) => {
          seen = { n: r.rows[0].n, duringTransaction: insideTransaction };
        });
        await new Promise((r) => setTimeout(r, 150));
        insideTransaction = false;
      });
      await read;
      // PostgreSQL answers during the transaction with the committed state (0); PGlite holds
      // the query until the transaction is over. Never: 1 while it is still open.
      assert.ok(seen);
      assert.ok(!(seen.duringTransaction && seen.n !== 0), `saw ${seen.n} row(s) while the transaction was open`);
      if (db.kind === 'postgres') assert.equal(seen.duringTransaction, true);
      const { rows } = await other.query(`SELECT count(*)::int AS n FROM "audit_log" WHERE "subject_type" = 'open-tx'`);
      assert.equal(rows[0].n, 1);
    } finally {
      await other.end();
    }
  });

  // pglite-socket checks no password: on a TCP port any local process could read the people.
  (testDatabaseKind === 'pglite' ? test : test.skip)('PGlite is served on a Unix socket in a folder only this user can open, and pg-boss connects through it', async () => {
    const host = new URL(db.connectionString).searchParams.get('host');
    assert.ok(host?.startsWith('/'), `host is a socket folder, not a TCP address: ${db.connectionString}`);
    if (!host) return;
    const folder = statSync(host);
    assert.equal(folder.mode & 0o777, 0o700);
    assert.equal(folder.uid, process.getuid!());
    assert.ok(statSync(`${host}/.s.PGSQL.5432`).isSocket());
    const boss = new PgBoss({ connectionString: db.connectionString, max: 2, schema: 'pgboss_socket_test' });
    boss.on('error', () => {});
    try {
      await boss.start();
      await boss.createQueue('socket-test');
      const id = await boss.send('socket-test', { n: 1 });
      assert.ok(id);
      const [job] = await boss.fetch('socket-test');
      assert.equal(job?.id, id);
    } finally {
      await boss.stop({ graceful: false });
    }
  });

  // PGlite only.
  (testDatabaseKind === 'pglite' ? test : test.skip)('a PGlite folder that is open cannot be opened again', async () => {
    const dataDir = db.dataDir;
    assert.ok(dataDir, 'a PGlite copy has a data folder');
    await assert.rejects(openDatabase({ url: undefined, dataDir }), (e: unknown) => e instanceof DataDirInUseError && /in use by process/.test(e.message));
    // The refused open did not disturb the open one.
    assert.equal(typeof (await db.prisma.auditLog.count()), 'number');
  });
});
