// `npm run bench:growth`: what history costs. Seeds BENCH_CASES cases (default 20 000; 30 %
// undecided, the rest decided and delivered, every case with its channel card) in a temporary
// PostgreSQL database, then times what a person can open and what runs every minute, in this
// process, through the same use cases the bot calls:
//   - `ärenden` (Elevhälsan's queue), `mina ärenden` (a principal owning BENCH_PRINCIPAL_SHARE of
//     the cases), case detail, the decision form, and the outbox sweep's queries with nothing
//     pending; beside them the old whole-list reads (listQueue, listForPrincipal) for comparison;
//   - the process's memory (RSS, heap) before and after the repeated list openings;
//   - a job drain: BENCH_DRAIN_CARDS channel-card jobs queued at once and drained by the pg-boss
//     workers (fake Teams connector answering at once), with burstWhenBatchFull on and off.
//
//   BENCH_CASES=20000  BENCH_REPEAT=30  BENCH_DRAIN_CARDS=400  BENCH_PRINCIPAL_SHARE=0.1
//   DATABASE_URL or postgresql://postgres@127.0.0.1:5432/postgres (a temporary database is made)
import os from 'node:os';
import pg from 'pg';
import { hasRole, type Actor } from '../app/actor';
import type { AppDeps } from '../app/deps';
import { myCases } from '../app/application/my-cases';
import { queueCard } from '../app/case/queue';
import { viewCase } from '../app/case/view-case';
import { openDecisionForm } from '../app/case/decide';
import { jobHandlers } from '../app/jobs';
import { QUEUES, type JobQueue } from '../app/jobs/queue';
import { startJobs, type JobRunner } from '../bot/jobs';
import { createHandlers } from '../bot/handlers';
import { createTurnContext } from '../bot/transport-context';
import { createLogger } from '../bot/log';
import { createDevClock } from '../bot/dev-clock';
import { openDatabase } from '../prisma/db';
import { createRepositories } from '../prisma/repositories';
import { GRANTED_SQL } from '../prisma/repositories/cases';
import { DEMO_IDS, DEMO_PEOPLE, PLAYGROUND_TENANT_ID, seedDemo } from '../prisma/seed';
import { FIXTURE_TODAY, validApplication } from '../test/domain/fixtures';
import { percentile } from './echo';
import { luhnCheckDigit } from '../domain/personnummer';

const num = (name: string, fallback: number) => {
  const raw = process.env[name]?.trim();
  const n = raw ? Number(raw) : fallback;
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number, got "${raw}"`);
  return n;
};
const CASES = Math.round(num('BENCH_CASES', 20_000));
const REPEAT = Math.max(5, Math.round(num('BENCH_REPEAT', 30)));
const DRAIN = Math.round(num('BENCH_DRAIN_CARDS', 400));
const SHARE = num('BENCH_PRINCIPAL_SHARE', 0.1);
const server = process.env.DATABASE_URL?.trim() || 'postgresql://postgres@127.0.0.1:5432/postgres';

const name = `tillaggsbot_growth_${process.pid}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const url = new URL(server);
url.pathname = `/${name}`;
const db = await openDatabase({ url: url.toString() });
const repos = createRepositories(db.prisma);
const clock = createDevClock(FIXTURE_TODAY);
const deps: AppDeps = { repos, clock };

try {
  await seedDemo(db.prisma, { tenantId: PLAYGROUND_TENANT_ID });
  const seedStarted = performance.now();
  await seedCases(CASES);
  await db.pool.query('ANALYZE');
  console.log(`seeded ${CASES} cases in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s; PostgreSQL ${server.replace(/\/\/[^@]*@/, '//')}, Node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  const actorOf = async (role: string) => {
    const p = DEMO_PEOPLE.find((x) => x.role === role)!;
    const acting = await repos.people.acting(PLAYGROUND_TENANT_ID, p.aadObjectId);
    const { personalChat: _chat, ...actor } = acting!;
    return actor as Actor;
  };
  const handler = await actorOf('handler');
  const principal = await actorOf('principal');
  if (!hasRole(handler, 'handler')) throw new Error('the demo handler has no handler role');
  const some = await db.pool.query<{ id: string; status: string }>(
    `(SELECT id, status::text FROM cases WHERE status <> 'decided' ORDER BY created_at DESC LIMIT 5) UNION ALL (SELECT id, status::text FROM cases WHERE status = 'decided' LIMIT 5)`,
  );
  const undecided = some.rows.filter((r) => r.status !== 'decided').map((r) => r.id);
  const personal = { conversationType: 'personal' };
  const before = memory();
  const rows: Array<[string, number[]]> = [];
  const time = async (label: string, work: (i: number) => Promise<unknown>) => {
    await work(0);
    const ms: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      const t = performance.now();
      await work(i);
      ms.push(performance.now() - t);
    }
    rows.push([label, ms]);
  };
  await time('ärenden (queue card, one page + counts)', () => queueCard(deps, handler));
  await time('mina ärenden (one page + count)', () => myCases(deps, principal));
  await time('case detail', (i) => viewCase(deps, handler, some.rows[i % some.rows.length]!.id, personal));
  await time('decision form', (i) => openDecisionForm(deps, handler, undecided[i % undecided.length]!, personal));
  await time('sweep queries, nothing pending', async () => {
    const olderThan = new Date(clock.now().getTime() - 60_000);
    // As app/jobs/sweep.ts reads them: side by side.
    await Promise.all([
      repos.channelPosts.casesWithoutPost(olderThan, 100),
      repos.decisions.listUndelivered(olderThan, 100),
      repos.completions.listUndelivered(olderThan, 100),
    ]);
  });
  {
    const olderThan = new Date(clock.now().getTime() - 60_000);
    await time('  sweep: cases without a channel card', () => repos.channelPosts.casesWithoutPost(olderThan, 100));
    await time('  sweep: decisions not delivered', () => repos.decisions.listUndelivered(olderThan, 100));
    await time('  sweep: completion requests not delivered', () => repos.completions.listUndelivered(olderThan, 100));
  }
  await time("a child's grants (by personnummer)", (i) => repos.cases.listGranted(DEMO_IDS.municipality, { personnummer: childPersonnummer(i * 101) }));
  await time('who is acting (one query)', () => repos.people.acting(PLAYGROUND_TENANT_ID, DEMO_PEOPLE.find((x) => x.role === 'handler')!.aadObjectId));
  const after = memory();
  await time('new: queuePage (repository alone)', () => repos.cases.queuePage(DEMO_IDS.municipality, { limit: 20 }));
  await time('new: principalPage (repository alone)', () => repos.cases.principalPage(principal.person.id, { limit: 20 }));
  await time('old: listQueue (every undecided case)', () => repos.cases.listQueue(DEMO_IDS.municipality));
  await time('old: listForPrincipal (every case of theirs)', () => repos.cases.listForPrincipal(principal.person.id));
  const afterOld = memory();

  console.log(`\n${CASES} cases (${Math.round(CASES * 0.3)} undecided; the principal owns ${Math.round(CASES * SHARE)}), ${REPEAT} runs each:`);
  for (const [label, ms] of rows) {
    const sorted = [...ms].sort((a, b) => a - b);
    console.log(`  ${label.padEnd(48)} p50 ${percentile(sorted, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(sorted, 95).toFixed(1).padStart(7)} ms`);
  }
  // The plans, so an index that stops being used shows here (the sweep's three reads, as SQL).
  const at = new Date(clock.now().getTime() - 60_000).toISOString();
  for (const [label, sql] of [
    ['sweep cases', `SELECT c.id FROM cases c WHERE c.awaiting_channel_post AND c.created_at < '${at}' AND NOT EXISTS (SELECT 1 FROM channel_posts p WHERE p.case_id = c.id) ORDER BY c.created_at LIMIT 100`],
    ['old sweep cases (anti-join over every case)', `SELECT c.id FROM cases c WHERE c.created_at < '${at}' AND NOT EXISTS (SELECT 1 FROM channel_posts p WHERE p.case_id = c.id) ORDER BY c.created_at LIMIT 100`],
    ['a child\'s grants (by personnummer)', `SELECT v.case_id FROM application_versions v WHERE (v.data #>> '{pupil,personnummer}') = '${childPersonnummer(7)}'`],
    ['sweep decisions', `SELECT id FROM decisions WHERE delivery_status = 'pending' AND decided_at < '${at}' ORDER BY decided_at LIMIT 100`],
    ['sweep completions', `SELECT id FROM completion_requests WHERE delivery_status = 'pending' AND answered_version IS NULL AND requested_at < '${at}' ORDER BY requested_at LIMIT 100`],
  ] as const) {
    const plan = await db.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`);
    const lines = plan.rows.map((r) => r['QUERY PLAN']);
    console.log(`  plan of ${label}: ${lines.filter((l) => /Scan|Execution Time/.test(l)).map((l) => l.trim()).join(' | ')}`);
  }
  {
    const plan = await db.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${GRANTED_SQL}`, [DEMO_IDS.municipality, null, null, childPersonnummer(7)]);
    console.log(`  plan of listGranted by personnummer: ${plan.rows.map((r) => r['QUERY PLAN'].trim()).filter((l) => /Scan|Join|Execution Time/.test(l)).join(' | ')}`);
  }
  console.log(`  memory: before ${before}; after the new lists ${after}; after the old whole-list reads ${afterOld}`);

  console.log(`  ${await stepTurnCpu(200)}`);

  if (DRAIN > 0) {
    for (const burst of [true, false]) console.log(`  ${await drain(DRAIN, burst)}`);
  }
} finally {
  await db.close();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

// A dialog step turn through the bot's handlers alone (no HTTP, no Teams SDK): what the bot's
// own code costs per step, database client included. Alternates two steps of one draft.
async function stepTurnCpu(turns: number): Promise<string> {
  const p = DEMO_PEOPLE.find((x) => x.role === 'principal')!;
  const handlers = createHandlers({ repos, logger: createLogger({ level: 'error', write: () => {} }), clock });
  let last: unknown;
  const senders = { send: async (a: unknown) => ((last = a), { id: 'x' }), update: async () => {} };
  const base = {
    from: { id: '29:growth', aadObjectId: p.aadObjectId, name: p.displayName },
    conversation: { id: 'a:growth', conversationType: 'personal', tenantId: PLAYGROUND_TENANT_ID },
    recipient: { id: '28:bot' },
    serviceUrl: 'https://smba.example',
    channelId: 'msteams',
    id: '1',
  };
  await handlers.onMessage(createTurnContext({ ...base, type: 'message', text: 'Ny ansökan' } as never, senders as never));
  const draftId = /"draftId":"([^"]+)"/.exec(JSON.stringify(last))?.[1];
  if (!draftId) throw new Error('no draft started');
  const turn = (step: string) =>
    handlers.onCardAction(
      createTurnContext({ ...base, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'step.goto', data: { draftId, step } } } } as never, senders as never),
    );
  for (let i = 0; i < 20; i++) await turn(i % 2 ? 'pupil' : 'unitTerm');
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < turns; i++) await turn(i % 2 ? 'pupil' : 'unitTerm');
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - started;
  return `step turn through the handlers (no HTTP), ${turns} turns one at a time: ${((used.user + used.system) / 1000 / turns).toFixed(2)} ms CPU and ${(wall / turns).toFixed(2)} ms wall per turn`;
}

function memory(): string {
  const m = process.memoryUsage();
  return `rss ${Math.round(m.rss / 1048576)} MB, heap ${Math.round(m.heapUsed / 1048576)} MB`;
}

async function seedCases(n: number): Promise<void> {
  const data = JSON.stringify({ ...validApplication(), unit: { id: DEMO_IDS.units.jarnboas } });
  const params = [DEMO_IDS.municipality, DEMO_IDS.units.jarnboas, DEMO_IDS.people.principal, DEMO_IDS.people.handler, FIXTURE_TODAY.toISOString(), data, SHARE];
  // Oldest first, a minute apart, ending an hour before the fixture's day; the principal owns
  // every 1/SHARE-th case, a second principal the rest (the same unit, another person).
  await db.pool.query(`INSERT INTO people (id, municipality_id, tenant_id, aad_object_id, display_name) VALUES ('00000000-0000-4000-8000-00000000beef', $1, $2, 'growth-other', 'Annan rektor')`, [DEMO_IDS.municipality, PLAYGROUND_TENANT_ID]);
  for (let from = 1; from <= n; from += 10_000) {
    const to = Math.min(n, from + 9_999);
    // A child of its own for every two cases (an application and its renewal), as in a real
    // municipality: a lookup by personnummer finds a child's few cases, not the whole history.
    const children = Array.from({ length: to - from + 1 }, (_, k) => childPersonnummer(Math.floor((from + k) / 2)));
    await db.pool.query(
      `WITH c AS (
         INSERT INTO cases (id, case_number, municipality_id, unit_id, principal_id, term, school_form, status, pupil_ref, assigned_handler_id, awaiting_channel_post, created_at, updated_at)
         SELECT gen_random_uuid(), 'TB-' || (2000 + i / 9000) || '-' || lpad((i % 9000 + 1)::text, 4, '0'), $1, $2::uuid,
                CASE WHEN i % round(1 / $7::float8)::int = 0 THEN $3::uuid ELSE '00000000-0000-4000-8000-00000000beef'::uuid END,
                'HT2027', 'grundskola',
                (CASE WHEN i % 10 < 3 THEN 'submitted' ELSE 'decided' END)::case_status, 'AB, född 2015',
                CASE WHEN i % 10 = 1 THEN $4::uuid END, false,
                $5::timestamptz - make_interval(mins => ${n} - i + 60), now()
         FROM generate_series(${from}, ${to}) AS i
         RETURNING id, status, created_at, case_number),
       v AS (INSERT INTO application_versions (id, case_id, version, data, submitted_by_id, submitted_at)
             SELECT gen_random_uuid(), c.id, 1, jsonb_set($6::jsonb, '{pupil,personnummer}', to_jsonb(($8::text[])[(split_part(c.case_number, '-', 2)::int - 2000) * 9000 + split_part(c.case_number, '-', 3)::int - 1 - ${from} + 1])), $3::uuid, c.created_at FROM c),
       p AS (INSERT INTO channel_posts (case_id, conversation_id, activity_id) SELECT c.id, '19:growth', 'act-' || c.id FROM c)
       INSERT INTO decisions (id, case_id, outcome, amount_per_month, text, decided_by_id, decided_at, notified_at, delivery_status)
       SELECT gen_random_uuid(), c.id, 'approved', 12000, 'Beviljat.', $4::uuid, c.created_at + interval '1 day', c.created_at + interval '1 day', 'delivered'
       FROM c WHERE c.status = 'decided'`,
      [...params, children],
    );
  }
}

// A valid personnummer for child number `k` (born 2015, a day and a serial of its own).
function childPersonnummer(k: number): string {
  const born = new Date(Date.UTC(2015, 0, 1 + (k % 365)));
  const yymmdd = `15${String(born.getUTCMonth() + 1).padStart(2, '0')}${String(born.getUTCDate()).padStart(2, '0')}`;
  const serial = String(Math.floor(k / 365) % 1000).padStart(3, '0');
  return `20${yymmdd}-${serial}${luhnCheckDigit(`${yymmdd}${serial}`)}`;
}

// Channel cards from a backlog: `cards` new cases, a job each, queued at once; the workers post
// them to a connector that answers at once. Cards per second until the last is recorded.
async function drain(cards: number, burstWhenBatchFull: boolean): Promise<string> {
  const team = { teamId: '19:growth-team', channelId: '19:growth' };
  await repos.conversations.upsertChannel({ tenantId: PLAYGROUND_TENANT_ID, ...team, conversationId: '19:growth', serviceUrl: 'https://smba.example', reference: { conversationId: '19:growth' } });
  await repos.municipalities.setElevhalsaChannel(DEMO_IDS.municipality, team);
  const ids = await db.pool.query<{ id: string }>(
    `INSERT INTO cases (id, case_number, municipality_id, unit_id, principal_id, term, school_form, pupil_ref, created_at, updated_at)
     SELECT gen_random_uuid(), 'TB-3${burstWhenBatchFull ? 1 : 2}00-' || lpad(i::text, 5, '0'), $1, $2::uuid, $3::uuid, 'HT2027', 'grundskola', 'AB, född 2015', $4::timestamptz, now()
     FROM generate_series(1, ${cards}) AS i RETURNING id`,
    [DEMO_IDS.municipality, DEMO_IDS.units.jarnboas, DEMO_IDS.people.principal, clock.now().toISOString()],
  );
  await db.pool.query(
    `INSERT INTO application_versions (id, case_id, version, data, submitted_by_id) SELECT gen_random_uuid(), id, 1, $2::jsonb, $3::uuid FROM unnest($1::uuid[]) AS id`,
    [ids.rows.map((r) => r.id), JSON.stringify({ ...validApplication(), unit: { id: DEMO_IDS.units.jarnboas } }), DEMO_IDS.people.principal],
  );
  let sent = 0;
  const messenger = {
    send: async () => ({ id: `m${++sent}`, conversationId: '19:growth' }),
    update: async () => {},
    offerFile: async () => {},
  };
  const late: { runner?: JobRunner } = {};
  const queue: JobQueue = { enqueue: (q, d) => late.runner!.enqueue(q, d), enqueueMany: (q, items) => late.runner!.enqueueMany(q, items) };
  const log = createLogger({ level: 'warn', write: (l) => { if (process.env.BENCH_DRAIN_LOG) console.error(l.slice(0, 600)); } });
  const handlers = jobHandlers({ repos, clock, messenger, jobs: queue, log });
  late.runner = await startJobs({ connectionString: db.connectionString, poolSize: 4, logger: log, handlers, burstWhenBatchFull });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const posted = async () =>
    (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM channel_posts WHERE case_id = ANY($1::uuid[])`, [ids.rows.map((r) => r.id)])).rows[0]!.n;
  try {
    // Queued 25 at a time, so the backlog builds faster than it drains; the drain rate is then
    // taken from the moment the whole backlog was queued.
    for (let i = 0; i < ids.rows.length; i += 25) {
      await Promise.all(ids.rows.slice(i, i + 25).map(({ id }) => late.runner!.enqueue(QUEUES.caseCard, { caseId: id })));
    }
    const queuedMs = performance.now() - started;
    const atQueued = await posted();
    const drainStarted = performance.now();
    for (;;) {
      const n = await posted();
      if (n >= cards) break;
      if (performance.now() - started > 120_000) return `job drain (burstWhenBatchFull ${burstWhenBatchFull}): only ${n}/${cards} cards in 120 s`;
      await new Promise((r) => setTimeout(r, 20));
    }
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return (
      `job drain (burstWhenBatchFull ${burstWhenBatchFull}): ${cards} cards queued in ${(queuedMs / 1000).toFixed(2)} s (${atQueued} already posted by then); ` +
      `the backlog of ${cards - atQueued} drained in ${drainSeconds.toFixed(2)} s = ${((cards - atQueued) / drainSeconds).toFixed(1)} cards/s; ` +
      `all ${cards} in ${seconds.toFixed(2)} s; this process ${(((used.user + used.system) / 1000 / (seconds * 1000)) * 100).toFixed(0)} % of a core`
    );
  } finally {
    await late.runner.stop();
  }
}
