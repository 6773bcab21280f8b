// Two bot instances (`npm run start`, each with its job workers, sweep and reminder planner) on
// one PostgreSQL database under load: nothing posted or sent twice (bench/two-instances.ts says
// what is driven and what is checked). PostgreSQL only: PGlite is an embedded database, one
// process's, and its folder is locked against a second process, so there is no second instance
// to run. CI runs it in `npm run test:db` on PostgreSQL.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { PLAYGROUND_TENANT_ID, seedDemo } from '../../prisma/seed';
import { runTwoInstances } from '../../bench/two-instances';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../db/helpers';

const onPostgres = testDatabaseKind === 'postgres';
if (!onPostgres) {
  console.warn('two-instance test skipped: it needs PostgreSQL (PGlite serves one process); run it with DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npm test -- test/e2e/two-instances.test.ts');
}
// Sized for CI on two cores: 10 principals x 2 applications, a draft each, 20 cases.
const PRINCIPALS = Number(process.env.TWO_INSTANCES_PRINCIPALS ?? 10);
const ROUNDS = Number(process.env.TWO_INSTANCES_ROUNDS ?? 2);

let db: TestDatabase;

beforeAll(async () => {
  if (!onPostgres) return;
  db = await openTestDatabase();
  await seedDemo(db.prisma, { tenantId: PLAYGROUND_TENANT_ID });
}, 60_000);

afterAll(async () => {
  await db?.close();
});

(onPostgres ? test : test.skip)('two instances on one PostgreSQL: every card, letter, request and reminder exactly once', async () => {
  const { figures, violations } = await runTwoInstances({ db, principals: PRINCIPALS, rounds: ROUNDS, log: (line) => process.env.TWO_INSTANCES_TRACE && process.stderr.write(`${line}\n`) });
  console.info(`two instances: ${JSON.stringify(figures)}`);
  expect(violations).toEqual([]);
  const cases = PRINCIPALS * ROUNDS;
  expect(figures).toMatchObject({ instances: 2, principals: PRINCIPALS, submitted: cases, cases, openDrafts: PRINCIPALS, channelPosts: cases, duplicates: 0 });
  expect(figures.decisionLetters).toBe(figures.decisions);
  expect(figures.completionCards).toBe(figures.completions);
  expect(figures.decisions + figures.completions).toBeGreaterThan(0);
  expect(figures.reminderCards).toBeGreaterThan(0);
}, 240_000);
