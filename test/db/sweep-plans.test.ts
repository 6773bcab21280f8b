// The outbox sweep runs every minute on every instance, so each of its reads must stay on its
// partial index: its cost then follows what is pending, not the history. Each read is caught as
// the repository sends it and explained with sequential scans priced out: a statement the
// planner cannot match to the index (Prisma's cast enum parameter did that) still scans.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Repositories } from '../../domain/ports';
import { createRepositories } from '../../prisma/repositories';
import { countQueries, type QueryCounter } from '../perf/query-counter';
import { seed } from './fixtures';
import { openTestDatabase, type TestDatabase } from './helpers';

let db: TestDatabase;
let repos: Repositories;
let counter: QueryCounter;

beforeAll(async () => {
  db = await openTestDatabase();
  await seed(db.prisma);
  repos = createRepositories(db.prisma);
  counter = countQueries(db.pool);
});
afterAll(() => db?.close());

const olderThan = new Date('2027-03-01T09:00:00Z');

async function planOf(read: () => Promise<unknown>): Promise<string> {
  counter.reset();
  await read();
  assert.equal(counter.count, 1, counter.statements.join('\n'));
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_seqscan = off');
    const plan = await client.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${counter.statements[0]}`, [olderThan, 100]);
    await client.query('ROLLBACK');
    return JSON.stringify(plan.rows[0]!['QUERY PLAN']);
  } finally {
    client.release();
  }
}

describe('the sweep reads on partial indexes', () => {
  test.each([
    ['cases without a channel card', () => repos.channelPosts.casesWithoutPost(olderThan, 100), 'cases_awaiting_channel_post_idx'],
    ['decisions not delivered', () => repos.decisions.listUndelivered(olderThan, 100), 'decisions_pending_delivery_idx'],
    ['completion requests not delivered', () => repos.completions.listUndelivered(olderThan, 100), 'completion_requests_pending_delivery_idx'],
  ] as const)('%s', async (_name, read, index) => {
    const plan = await planOf(read);
    assert.match(plan, new RegExp(`"Index Name":"${index}"`), plan);
    assert.doesNotMatch(plan, /"Node Type":"Seq Scan"/, plan);
  });
});
