// Lists paged in SQL: the page, its order and the counts the cards show, from one statement
// each; and the sweep reading only the cases still waiting for their channel card.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Repositories } from '../../domain/ports';
import { createRepositories } from '../../prisma/repositories';
import { ids, seed } from './fixtures';
import { openTestDatabase, type TestDatabase } from './helpers';
import { countQueries, type QueryCounter } from '../perf/query-counter';

let db: TestDatabase;
let repos: Repositories;
let counter: QueryCounter;

// 45 cases: every third decided, every fifth assigned to the handler; created a minute apart.
const N = 45;
const created = (i: number) => new Date(Date.UTC(2027, 0, 1, 8, i));

beforeAll(async () => {
  db = await openTestDatabase();
  await seed(db.prisma);
  await db.pool.query(
    `INSERT INTO "cases" ("id", "case_number", "municipality_id", "unit_id", "principal_id", "term", "school_form", "status", "pupil_ref", "assigned_handler_id", "created_at", "updated_at")
     SELECT gen_random_uuid(), 'TB-2027-' || lpad(i::text, 4, '0'), $1, $2::uuid, $3::uuid, 'HT2027', 'grundskola',
            (CASE WHEN i % 3 = 0 THEN 'decided' ELSE 'submitted' END)::case_status, 'AB, född 2015',
            CASE WHEN i % 5 = 0 THEN $4::uuid END, $5::timestamptz + make_interval(mins => i), now()
     FROM generate_series(1, ${N}) AS i`,
    [ids.municipality, ids.units.jarnboas, ids.people.principal, ids.people.handler, created(0).toISOString()],
  );
  repos = createRepositories(db.prisma);
  counter = countQueries(db.pool);
});

afterAll(async () => {
  await db?.close();
});

const numbers = (n: number[]) => n.map((i) => `TB-2027-${String(i).padStart(4, '0')}`);
const range = (from: number, to: number, keep: (i: number) => boolean) => Array.from({ length: to - from + 1 }, (_, k) => from + k).filter(keep);

describe(`paged lists (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  test('the queue: oldest undecided first, names joined, counts of the whole queue, one statement', async () => {
    counter.reset();
    const page = await repos.cases.queuePage(ids.municipality, { limit: 20 });
    assert.equal(counter.count, 1);
    const undecided = range(1, N, (i) => i % 3 !== 0);
    assert.equal(page.total, undecided.length);
    assert.equal(page.unassigned, undecided.filter((i) => i % 5 !== 0).length);
    assert.deepEqual(page.cases.map((c) => c.caseNumber), numbers(undecided.slice(0, 20)));
    assert.equal(page.cases[0]!.unitName, 'Järnboåsskolan');
    const assigned = page.cases.find((c) => c.assignedHandlerId)!;
    assert.ok(assigned.handlerName && assigned.handlerName.length > 0);
    assert.equal(page.cases.find((c) => !c.assignedHandlerId)!.handlerName, null);

    const second = await repos.cases.queuePage(ids.municipality, { limit: 20, offset: 20 });
    assert.deepEqual(second.cases.map((c) => c.caseNumber), numbers(undecided.slice(20, 40)));
    assert.equal(second.total, undecided.length);
  });

  test('an empty queue: no rows, zero counts', async () => {
    const page = await repos.cases.queuePage('ingen-kommun', { limit: 20 });
    assert.deepEqual(page, { total: 0, unassigned: 0, cases: [] });
  });

  test("a principal's cases: newest first, with the total, one statement", async () => {
    counter.reset();
    const page = await repos.cases.principalPage(ids.people.principal, { limit: 20 });
    assert.equal(counter.count, 1);
    assert.equal(page.total, N);
    assert.deepEqual(page.cases.map((c) => c.caseNumber), numbers(range(1, N, () => true).reverse().slice(0, 20)));
    assert.deepEqual(page.cases, (await repos.cases.listForPrincipal(ids.people.principal)).slice(0, 20));
    assert.deepEqual(await repos.cases.principalPage(ids.people.handler, { limit: 20 }), { total: 0, cases: [] });
  });

  test('a recorded channel card takes its case out of what the sweep reads', async () => {
    const before = new Date(Date.UTC(2030, 0, 1));
    const waiting = await repos.channelPosts.casesWithoutPost(before, 100);
    assert.equal(waiting.length, N);
    const [first] = waiting;
    const { created: isNew } = await repos.channelPosts.record({ caseId: first!, conversationId: '19:channel', activityId: 'a1' });
    assert.equal(isNew, true);
    const again = await repos.channelPosts.record({ caseId: first!, conversationId: '19:channel', activityId: 'a2' });
    assert.equal(again.created, false);
    assert.equal(again.post.activityId, 'a1');
    const flag = await db.pool.query(`SELECT "awaiting_channel_post" FROM "cases" WHERE "id" = $1`, [first]);
    assert.equal(flag.rows[0].awaiting_channel_post, false);
    assert.deepEqual(await repos.channelPosts.casesWithoutPost(before, 100), waiting.slice(1));
  });

  test('who gets channel cards refreshed: staff with a chat, by role then name, each once, one query', async () => {
    const chat = (personId: string, userId: string) =>
      repos.conversations.upsertPersonal({ personId, tenantId: 'tenant-test', conversationId: `a:${userId}`, serviceUrl: 'https://smba.example', reference: { user: { id: userId } } });
    await chat(ids.people.head, '29:head');
    await chat(ids.people.handler, '29:handler');
    await chat(ids.people.principal, '29:principal');
    await repos.people.grantRole(ids.people.head, 'handler');
    const expected = await expectedOrder();
    assert.equal(expected.length, 2);
    counter.reset();
    assert.deepEqual(await repos.people.chatUserIdsByRole(ids.municipality, ['handler', 'head']), expected);
    assert.equal(counter.count, 1);
  });
});

// The same order the old code produced: handlers by name, then heads by name, first one wins.
async function expectedOrder(): Promise<string[]> {
  const people = [...(await repos.people.listByRole(ids.municipality, 'handler')), ...(await repos.people.listByRole(ids.municipality, 'head'))];
  const out: string[] = [];
  for (const p of people) {
    const ref = (await repos.conversations.getPersonal(p.id))?.reference as { user?: { id?: string } } | undefined;
    if (ref?.user?.id && !out.includes(ref.user.id)) out.push(ref.user.id);
  }
  return out;
}
