// A list costs the same number of statements whatever it shows: "mina ärenden" reads its page,
// each row's version and decision, and the follow-ups due in a fixed number of round trips, not
// two or three per row.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Actor } from '../../app/actor';
import { myCases } from '../../app/application/my-cases';
import type { Repositories } from '../../domain/ports';
import { createRepositories } from '../../prisma/repositories';
import { DEMO_PEOPLE, PLAYGROUND_TENANT_ID, seedDemo } from '../../prisma/seed';
import { openTestDatabase, type TestDatabase } from '../db/helpers';
import { ids, newDraft, submission } from '../db/fixtures';
import { FIXTURE_TODAY } from '../domain/fixtures';
import { countQueries, type QueryCounter } from './query-counter';

let db: TestDatabase;
let repos: Repositories;
let counter: QueryCounter;
let actor: Actor;

beforeAll(async () => {
  db = await openTestDatabase();
  await seedDemo(db.prisma, { tenantId: PLAYGROUND_TENANT_ID });
  repos = createRepositories(db.prisma);
  counter = countQueries(db.pool);
  const principal = DEMO_PEOPLE.find((p) => p.role === 'principal')!;
  const { personalChat: _chat, ...acting } = (await repos.people.acting(PLAYGROUND_TENANT_ID, principal.aadObjectId))!;
  actor = acting as Actor;
});

afterAll(() => db?.close());

// `n` more cases of the demo principal, every other one granted.
async function addCases(n: number) {
  for (let i = 0; i < n; i++) {
    const draft = await newDraft(repos);
    const { case: made } = await repos.cases.submitApplication(submission(draft.id));
    if (i % 2 === 0) continue;
    await repos.cases.setStatus(made.id, 'decided', { by: ids.people.head, expected: ['submitted'] });
    await repos.decisions.record({ caseId: made.id, outcome: 'approved', amountPerMonth: 5000, from: '2027-08-15', to: '2027-12-31', text: 'Beviljas.', decidedById: ids.people.head });
  }
}

async function statementsOfMyCases(): Promise<number> {
  counter.reset();
  await myCases({ repos, clock: { now: () => FIXTURE_TODAY } }, actor);
  return counter.count;
}

describe('statements per list', () => {
  test('mina ärenden: the same number of statements for 2 rows and for 12', async () => {
    await addCases(2);
    const few = await statementsOfMyCases();
    await addCases(10);
    const many = await statementsOfMyCases();
    assert.equal(many, few, `2 rows: ${few} statements, 12 rows: ${many}`);
    // The page with its count; its rows' versions and decisions; the grants, theirs and their follow-ups.
    assert.ok(few <= 7, `${few} statements`);
  });
});
