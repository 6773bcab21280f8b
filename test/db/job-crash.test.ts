// A worker killed in the middle of a job (kill -9: no graceful stop, no failure recorded) must not
// hide the job for its 15-minute expiry: the queue's heartbeat lets a live instance see the
// silence and retry the job within seconds.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { PgBoss } from 'pg-boss';
import { jobStoreFor, startJobs, type JobRunner } from '../../bot/jobs';
import { createLogger } from '../../bot/log';
import { QUEUES } from '../../app/jobs/queue';
import { openTestDatabase, type TestDatabase } from './helpers';

let db: TestDatabase;
const logger = createLogger({ level: 'error', write: () => {} });
const nothing = async () => {};

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

function rawBoss(): PgBoss {
  const store = jobStoreFor(db);
  const pool = store.pool;
  return pool
    ? new PgBoss({ db: { executeSql: (text, values) => pool.query(text, values as unknown[]) }, schema: 'pgboss', supervise: false })
    : new PgBoss({ connectionString: store.connectionString!, max: 2, schema: 'pgboss', supervise: false });
}

test('a job whose worker died is run again within seconds, not after its expiry', async () => {
  // The bot's queues, made as the bot makes them; then the instance goes away.
  const fast = { retryDelaySeconds: 1, retryBackoff: false, pollingIntervalSeconds: 0.5, superviseSeconds: 1 };
  const first = await startJobs({ ...jobStoreFor(db), ...fast, logger, handlers: { 'case-card': nothing, 'decision-delivery': nothing, 'completion-delivery': nothing, 'case-card-sweep': nothing } as never });
  await first.stop();

  // A worker claims the job and dies before finishing it: fetched (active), never completed,
  // and its last heartbeat a minute old.
  const caseId = '3f0c2a8e-6b1d-4c3e-9f7a-2d5e8b1c4a60';
  const crashed = rawBoss();
  await crashed.start();
  const jobId = await crashed.send(QUEUES.caseCard, { caseId }, { singletonKey: caseId });
  assert.ok(jobId);
  const [claimed] = await crashed.fetch(QUEUES.caseCard);
  assert.equal(claimed?.id, jobId);
  await crashed.stop({ graceful: false });
  const backdate = `UPDATE pgboss.job SET heartbeat_on = now() - interval '1 minute', started_on = now() - interval '1 minute' WHERE id = $1`;
  await db.pool.query(backdate, [jobId]);

  // Another instance (or the restarted one) runs it again.
  let ran: (value: unknown) => void = () => {};
  const done = new Promise((resolve) => (ran = resolve));
  let runner: JobRunner | undefined;
  try {
    runner = await startJobs({
      ...jobStoreFor(db),
      logger,
      handlers: { 'case-card': async (data: unknown) => ran(data), 'decision-delivery': nothing, 'completion-delivery': nothing, 'case-card-sweep': nothing } as never,
      ...fast,
    });
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    // Well under the 900 s expiry that used to be the only way back.
    const outcome = await Promise.race([done, new Promise((resolve) => (timer = setTimeout(() => resolve('still hidden'), 15_000)))]);
    clearTimeout(timer);
    expect(outcome).toEqual({ caseId });
    assert.ok(Date.now() - started < 15_000);
  } finally {
    await runner?.stop();
  }
}, 40_000);
