// A decision letter and a completion request reach the principal once, even when two jobs for
// the same one are queued at once on two instances: the decide (or request) queues one and the
// outbox sweep another when it finds the row still undelivered after a minute (a backlog, or a
// delivery retrying after Teams' 5xx: then the sweep added one more every minute). The queue
// runs one job per decision or request at a time, and the second finds it delivered.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { PgBoss } from 'pg-boss';
import { createDeliveries } from '../../bot/deliveries';
import type { JobQueue } from '../../app/jobs/queue';
import { jobStoreFor, QUEUES, startJobs, type JobRunner } from '../../bot/jobs';
import { createLogger } from '../../bot/log';
import type { ConversationRef, ProactiveSender } from '../../bot/transport-types';
import type { Repositories } from '../../domain/ports';
import { createRepositories } from '../../prisma/repositories';
import { validApplication } from '../domain/fixtures';
import { openTestDatabase, type TestDatabase } from './helpers';
import { ids, newDraft, seed, submission } from './fixtures';

let db: TestDatabase;
let repos: Repositories;
const logger = createLogger({ level: 'error', write: () => {} });
const fast = { retryDelaySeconds: 1, retryBackoff: false, pollingIntervalSeconds: 0.5, superviseSeconds: 1 };

beforeAll(async () => {
  db = await openTestDatabase();
  repos = createRepositories(db.prisma);
  await seed(db.prisma);
});
afterAll(async () => {
  await db?.close();
});

async function pendingJobs(): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ANY($1::text[]) AND state IN ('created', 'retry', 'active')`, [[QUEUES.decision, QUEUES.completion]]);
  return rows[0]!.n;
}

test('two jobs for one decision and one completion request, on two instances at once: each is sent once', async () => {
  const reference: ConversationRef = { channelId: 'msteams', serviceUrl: 'https://smba.example/', conversationId: 'a:principal', conversationType: 'personal', tenantId: 'tenant-test', bot: { id: '28:bot' }, user: { id: '29:principal' } };
  await repos.conversations.upsertPersonal({ personId: ids.people.principal, tenantId: 'tenant-test', conversationId: 'a:principal', serviceUrl: reference.serviceUrl, reference });
  const caseId = async () => (await repos.cases.submitApplication(submission((await newDraft(repos)).id, { application: { ...validApplication(), unit: { id: ids.units.jarnboas } } }))).case.id;
  const decision = await repos.decisions.record({ caseId: await caseId(), outcome: 'rejected', reason: 'Ordinära insatser.', text: 'Beslut', decidedById: ids.people.head });
  const request = await repos.completions.create({ caseId: await caseId(), message: 'Bifoga läkarintyget.', step: 'attachments', requestedById: ids.people.handler });

  // Teams takes a moment to answer: long enough for the other instance to start the same send.
  const sent: string[] = [];
  const proactive: ProactiveSender = {
    async send(_ref, activity) {
      await new Promise((r) => setTimeout(r, 400));
      sent.push(typeof activity === 'object' && 'summary' in activity ? String(activity.summary) : '');
      return { id: `out-${sent.length}` };
    },
    update: async () => {},
    createPersonalConversation: async () => reference,
  };
  // The queues as an older version made them (no key, several jobs of one decision at once):
  // the runner makes them again with the policy their definition asks for.
  const store = jobStoreFor(db);
  const pool = store.pool;
  const older = pool
    ? new PgBoss({ db: { executeSql: (text, values) => pool.query(text, values as unknown[]) }, schema: 'pgboss', supervise: false, schedule: false })
    : new PgBoss({ connectionString: store.connectionString!, max: 2, schema: 'pgboss', supervise: false, schedule: false });
  await older.start();
  for (const queue of [QUEUES.decision, QUEUES.completion]) await older.createQueue(queue, { policy: 'standard' });
  await older.stop({ graceful: false });

  const runners: JobRunner[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const queue: JobQueue = { enqueue: (q, data) => runners[i]!.enqueue(q, data), enqueueMany: (q, items) => runners[i]!.enqueueMany(q, items) };
      runners.push(await startJobs({ ...jobStoreFor(db), ...fast, logger, handlers: createDeliveries({ repos, proactive, jobs: queue, logger }) }));
    }
    await Promise.all(runners.flatMap((r) => [r.enqueue(QUEUES.decision, { decisionId: decision.id }), r.enqueue(QUEUES.completion, { completionId: request.id })]));
    for (let waited = 0; (await pendingJobs()) > 0; waited += 100) {
      if (waited > 20_000) throw new Error('the deliveries did not finish');
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await Promise.all(runners.map((r) => r.stop()));
  }
  expect(sent.filter((s) => s.startsWith('Beslut i ärende'))).toHaveLength(1);
  expect(sent.filter((s) => s.startsWith('Elevhälsan behöver en komplettering'))).toHaveLength(1);
  expect((await repos.decisions.get(decision.id))?.deliveryStatus).toBe('delivered');
  expect((await repos.completions.get(request.id))?.deliveryStatus).toBe('delivered');
  const { rows } = await db.pool.query<{ name: string; policy: string }>(`SELECT name, policy FROM pgboss.queue WHERE name = ANY($1::text[]) ORDER BY name`, [[QUEUES.decision, QUEUES.completion]]);
  expect(rows.map((r) => r.policy)).toEqual(['stately', 'stately']);
}, 60_000);

test('many jobs queued in one statement: each runs once, and a key already waiting is not queued again', async () => {
  const ran: string[] = [];
  const handlers = Object.fromEntries(Object.values(QUEUES).map((q) => [q, async () => {}])) as unknown as Parameters<typeof startJobs>[0]['handlers'];
  handlers[QUEUES.reminderDelivery] = async ({ sendId }) => void ran.push(sendId);
  const runner = await startJobs({ ...jobStoreFor(db), ...fast, logger, handlers });
  try {
    const sendIds = Array.from({ length: 1500 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    // Across two INSERTs (1000 a statement), and the first id twice.
    await runner.enqueueMany(QUEUES.reminderDelivery, [...sendIds, sendIds[0]!].map((sendId) => ({ sendId })));
    for (let waited = 0; ran.length < sendIds.length; waited += 100) {
      if (waited > 30_000) throw new Error(`only ${ran.length} of ${sendIds.length} ran`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500));
    expect([...ran].sort()).toEqual([...sendIds].sort());
    await runner.enqueueMany(QUEUES.reminderDelivery, []);
  } finally {
    await runner.stop();
  }
});
