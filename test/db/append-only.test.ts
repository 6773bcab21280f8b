// History the database itself protects: the audit log is append-only, application versions
// are immutable and only a retention run may delete them.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Repositories } from '../../domain/ports';
import { createRepositories } from '../../prisma/repositories';
import { newDraft, seed, submission } from './fixtures';
import { openTestDatabase, type TestDatabase } from './helpers';

let db: TestDatabase;
let repos: Repositories;
let caseId: string;

const sql = (text: string, params?: unknown[]) => db.pool.query(text, params);
const refused = (message: RegExp) => (e: unknown) => e instanceof Error && message.test(e.message);

describe('append-only records', () => {
  beforeAll(async () => {
    db = await openTestDatabase();
    repos = createRepositories(db.prisma);
    await seed(db.prisma);
    const draft = await newDraft(repos);
    caseId = (await repos.cases.submitApplication(submission(draft.id))).case.id;
  });
  afterAll(() => db.close());

  describe('audit_log', () => {
    // Each statement is a way someone might try to rewrite the trail.
    const attempts = [
      { name: 'UPDATE', sql: `UPDATE "audit_log" SET "action" = 'rewritten'` },
      { name: 'DELETE', sql: `DELETE FROM "audit_log"` },
      { name: 'TRUNCATE', sql: `TRUNCATE "audit_log"` },
    ];
    for (const attempt of attempts) {
      test(`${attempt.name} is refused by the database`, async () => {
        const before = (await sql(`SELECT count(*)::int AS n, min("action") AS a FROM "audit_log"`)).rows[0];
        assert.ok(before.n > 0, 'the submit wrote audit entries');
        await assert.rejects(sql(attempt.sql), refused(/audit_log is append-only/));
        const afterwards = (await sql(`SELECT count(*)::int AS n, min("action") AS a FROM "audit_log"`)).rows[0];
        assert.deepEqual(afterwards, before);
      });
    }

    test('INSERT still works, through the repository', async () => {
      const entry = await repos.audit.append({ action: 'draft.created', subjectType: 'test', subjectId: 'x', details: { n: 1 } });
      assert.match(entry.id, /^\d+$/);
      assert.deepEqual((await repos.audit.list('test', 'x')).map((e) => [e.action, e.details]), [['draft.created', { n: 1 }]]);
    });

    test('an action outside the closed list is refused before it reaches the table', async () => {
      const unknown = { action: 'test.appended', subjectType: 'test', subjectId: 'y' } as unknown as Parameters<typeof repos.audit.append>[0];
      await assert.rejects(repos.audit.append(unknown));
      assert.deepEqual(await repos.audit.list('test', 'y'), []);
    });

    test('Prisma cannot update an entry either', async () => {
      const [entry] = await repos.audit.list('case', caseId);
      await assert.rejects(db.prisma.auditLog.update({ where: { id: BigInt(entry!.id) }, data: { action: 'x' } }), refused(/append-only/));
    });
  });

  describe('application_versions', () => {
    test('UPDATE is refused', async () => {
      await assert.rejects(sql(`UPDATE "application_versions" SET "data" = '{}' WHERE "case_id" = $1`, [caseId]), refused(/application_versions are immutable: UPDATE/));
      const [v] = await repos.cases.versions(caseId);
      assert.notDeepEqual(v!.data, {});
    });

    test('DELETE is refused, directly and through a cascade from the case', async () => {
      await assert.rejects(sql(`DELETE FROM "application_versions" WHERE "case_id" = $1`, [caseId]), refused(/immutable: DELETE/));
      await assert.rejects(sql(`DELETE FROM "cases" WHERE "id" = $1`, [caseId]), refused(/immutable: DELETE/));
      assert.equal((await repos.cases.versions(caseId)).length, 1);
    });

    test('TRUNCATE is refused', async () => {
      await assert.rejects(sql(`TRUNCATE "application_versions" CASCADE`), refused(/immutable: TRUNCATE/));
    });

    test('the retention flag opens DELETE for its own transaction only', async () => {
      const client = await db.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SELECT set_config('tillaggsbot.retention', 'on', true)`);
        const deleted = await client.query(`DELETE FROM "application_versions" WHERE "case_id" = $1`, [caseId]);
        assert.equal(deleted.rowCount, 1);
        await client.query('ROLLBACK');
        // The setting died with the transaction: the same session is refused again.
        await assert.rejects(client.query(`DELETE FROM "application_versions" WHERE "case_id" = $1`, [caseId]), refused(/immutable: DELETE/));
      } finally {
        client.release();
      }
      assert.equal((await repos.cases.versions(caseId)).length, 1);
    });

    test('eraseForRetention removes the case and all of its data, and audits it', async () => {
      const draft = await newDraft(repos);
      await repos.attachments.store({ draftId: draft.id, name: 'atgardsprogram.pdf', contentType: 'application/pdf', bytes: new Uint8Array([1, 2, 3]), uploadedById: submission(draft.id).principalId });
      const { case: c } = await repos.cases.submitApplication(submission(draft.id));
      await repos.cases.addVersion(c.id, { v: 2 }, c.principalId);
      await repos.decisions.record({ caseId: c.id, outcome: 'rejected', text: 'Avslag.', decidedById: c.principalId });
      await repos.followUps.submit({ caseId: c.id, term: 'HT2027', results: 'Bra', continuedNeed: false, ratings: {}, submittedById: c.principalId });

      await repos.cases.eraseForRetention(c.id, null);

      assert.equal(await repos.cases.get(c.id), null);
      assert.equal(await repos.snapshots.load(draft.id), null);
      const left = (await sql(
        `SELECT (SELECT count(*) FROM "application_versions" WHERE "case_id" = $1) + (SELECT count(*) FROM "assessments" WHERE "case_id" = $1)
              + (SELECT count(*) FROM "decisions" WHERE "case_id" = $1) + (SELECT count(*) FROM "follow_ups" WHERE "case_id" = $1)
              + (SELECT count(*) FROM "attachments" WHERE "case_id" = $1) + (SELECT count(*) FROM "attachment_contents") AS n`,
        [c.id],
      )).rows[0];
      assert.equal(Number(left.n), 0);
      const trail = await repos.audit.list('case', c.id);
      assert.equal(trail.at(-1)!.action, 'case.erased');
      assert.equal(trail.at(-1)!.details.caseNumber, c.caseNumber);
      // The first case is untouched.
      assert.equal((await repos.cases.versions(caseId)).length, 1);
    });
  });
});
