// Two bot instances on one PostgreSQL database under load: nothing may be posted or sent twice.
// Both run as `npm run start` runs them (tab/main.ts in a child process of its own, each with its
// pg-boss job workers, the outbox sweep and the reminder planner) against one fake Bot Framework
// connector that keeps every activity the bots post (POST) or update (PUT). Then:
//
// 1. Principals complete applications, every turn going to the other instance than the one
//    before, so each dialog moves between instances; each then leaves a draft open.
// 2. As each case comes in, the handler takes it and asks for completion, or the head decides:
//    the taking, the request and the decision each pressed on both instances at once, as a
//    double click whose two invokes land on different instances.
// 3. Both development clocks are moved to the same reminder day, and moved again within it, so
//    both instances plan that day's reminders.
//
// The record is then checked against the database (checkExactlyOnce): one case per submitted
// application with every answer in it, one channel card POST per case (later cards are PUTs of
// that activity), one decision letter per decision, one completion request per request, one card
// per reminder and one reminder per natural key, no answer of an open draft lost, no 5xx, no
// error logged. test/e2e/two-instances.test.ts runs it in CI; `npm run bench:two` runs it bigger.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Database } from '../prisma/db';
import type { TApplication } from '../domain/schemas';
import { DEMO_PEOPLE, PLAYGROUND_TENANT_ID } from '../prisma/seed';
import { FIXTURE_TODAY } from '../test/domain/fixtures';
import { actionsOf, freePort, startFileHost, type Card } from '../test/e2e/dialog-helpers';
import { QUEUES } from '../app/jobs/queue';
import { startConnector, type BenchConnector, type ConnectorRecord } from './connector';
import { createClient, DialogError, type BenchFile } from './dialog';
import { BENCH_CHANNEL_ID, registerChannel } from './notifications';
import { benchApplication, benchPrincipal, seedBenchPrincipals, type BenchPrincipal } from './principals';

export type TwoInstanceOptions = {
  /** A migrated PostgreSQL database (PGlite is one process's database) with the demo seeded. */
  db: Database;
  principals: number;
  /** Applications each principal submits before leaving one more open as a draft. */
  rounds: number;
  /** Time budget of the load (turns not done by then fail). */
  budgetMs?: number;
  log?: (line: string) => void;
};

export type TwoInstanceFigures = {
  instances: number;
  principals: number;
  turns: number;
  submitted: number;
  cases: number;
  openDrafts: number;
  channelPosts: number;
  channelUpdates: number;
  decisions: number;
  decisionLetters: number;
  completions: number;
  completionCards: number;
  reminders: Record<string, number>;
  reminderCards: number;
  duplicates: number;
  /** Of the double clicks' invokes, those refused (conflict, or done already by the other). */
  refusedPresses: number;
  loadMs: number;
  totalMs: number;
};

export type TwoInstanceReport = { figures: TwoInstanceFigures; violations: string[] };

// The reminder day: Thursday 25 March 2027, 21 days before the HT deadline (15 April), so every
// open draft for HT gets "Ditt utkast är inte inskickat"; the cases submitted on 1 March nobody
// took are past their "väntar på en handläggare" day, and the completion requests of 1 March
// past their 5 and 10 days (the latest of each goes out once).
export const REMINDER_DAY = '2027-03-25T09:00:00+01:00';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const handler = DEMO_PEOPLE.find((p) => p.role === 'handler')!;
const head = DEMO_PEOPLE.find((p) => p.role === 'head')!;

// ------------------------------------------------------------------ the two instances
type Instance = { name: string; url: string; port: number; child: ChildProcess; logs: Map<string, number>; errors: string[]; output: () => string };

async function startInstance(name: string, databaseUrl: string, timeoutMs: number): Promise<Instance> {
  const port = await freePort();
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'development',
    BOT_ID: '',
    CLIENT_ID: '',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    DEV_CLOCK_START: FIXTURE_TODAY.toISOString().replace('Z', '+00:00'),
    // The file host below stands in for SharePoint.
    FILE_DOWNLOAD_HOSTS: 'http://127.0.0.1',
  };
  // node with tsx as a loader, as `npm run start` (tsx tab/main.ts) without the npm wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', `${ROOT}tab/main.ts`], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs = new Map<string, number>();
  const errors: string[] = [];
  let tail = '';
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      tail = (tail + line + '\n').slice(-4000);
      try {
        const parsed = JSON.parse(line) as { level?: string; msg?: string };
        const key = `${parsed.level}: ${parsed.msg}`;
        logs.set(key, (logs.get(key) ?? 0) + 1);
        if (parsed.level === 'error' || parsed.level === 'fatal') errors.push(line.slice(0, 1500));
      } catch {
        // not a log line (a stack printed by a crash): kept in the tail
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited (${child.exitCode}): ${tail}`);
    const up = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (up) break;
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`instance ${name} did not start within ${timeoutMs} ms: ${tail}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { name, url, port, child, logs, errors, output: () => tail };
}

async function stopInstance(instance: Instance): Promise<void> {
  const { child } = instance;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function setClock(instance: Instance, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${instance.url}/dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`instance ${instance.name}: /dev/clock answered ${res.status} ${await res.text()}`);
}

// ------------------------------------------------------------------ waiting for the queues
// Everything but the sweep (scheduled every minute, it is never done) and gallring.
const WORK_QUEUES = [QUEUES.caseCard, QUEUES.decision, QUEUES.completion, QUEUES.reminderPlan, QUEUES.reminderDelivery];

async function pendingJobs(db: Database): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = ANY($1::text[]) AND state IN ('created', 'retry', 'active')`,
    [WORK_QUEUES],
  );
  return rows[0]!.n;
}

async function until(what: string, timeoutMs: number, done: () => Promise<boolean>): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ------------------------------------------------------------------ the run
type Fate = 'decided' | 'completion' | 'waiting';
type Submitted = { principal: BenchPrincipal; round: number; caseNumber: string; draftId: string; caseId: string; fate: Fate };
type OpenDraft = { principal: BenchPrincipal; round: number; draftId: string };
// Every third case is decided, every third asked for completion, the rest wait for a handler.
const fateOf = (k: number): Fate => (['decided', 'completion', 'waiting'] as const)[k % 3]!;

export async function runTwoInstances(options: TwoInstanceOptions): Promise<TwoInstanceReport> {
  const { db } = options;
  const log = options.log ?? (() => {});
  if (db.kind !== 'postgres' || !db.connectionString) throw new Error('two instances need PostgreSQL: PGlite is one process\'s database');
  const started = performance.now();
  const principals = await seedBenchPrincipals(db.prisma, options.principals);
  const records: ConnectorRecord[] = [];
  const connector: BenchConnector = await startConnector({ record: (entry) => records.push(entry) });
  const payload = (label: string) => new TextEncoder().encode(`%PDF-1.4 ${label}\n`);
  const host = await startFileHost({ 'atgardsprogram.pdf': payload('åtgärdsprogram'), 'psykologutlatande.pdf': payload('psykologbedömning') });
  const files: BenchFile[] = [
    { name: 'atgardsprogram.pdf', kind: 'atgardsprogram', url: host.url('atgardsprogram.pdf') },
    { name: 'psykologutlatande.pdf', kind: 'psykologbedomning', url: host.url('psykologutlatande.pdf') },
  ];
  const instances: Instance[] = [];
  const violations: string[] = [];
  try {
    // Started at once, as in a deployment: the migrations and the queues are made once.
    const url = db.connectionString;
    const starts = await Promise.allSettled(['A', 'B'].map((name) => startInstance(name, url, 90_000)));
    for (const s of starts) if (s.status === 'fulfilled') instances.push(s.value);
    for (const s of starts) if (s.status === 'rejected') throw s.reason;
    log(`two instances up after ${Math.round(performance.now() - started)} ms`);
    const urls = instances.map((i) => `${i.url}/api/messages`);
    const botAccountId = '28:two-instances-bot';
    await registerChannel({ botUrl: urls[0]!, botAccountId, connector, timeoutMs: 30_000 });

    const loadStarted = performance.now();
    const deadline = loadStarted + (options.budgetMs ?? 120_000);
    const clientOptions = (botUrl: string | readonly string[]) => ({ botUrl, botAccountId, connector, timeoutMs: 30_000, deadline });
    // Elevhälsan, from their personal chats; one client per instance, to press on both at once.
    const as = (who: (typeof DEMO_PEOPLE)[number], tag: string): BenchPrincipal => ({
      index: -1,
      personId: who.id,
      aadObjectId: who.aadObjectId,
      teamsUserId: `29:two-${tag}`,
      conversationId: `a:two-${tag}-personal`,
      displayName: who.displayName,
      tenantId: PLAYGROUND_TENANT_ID,
    });
    const handlerVia = urls.map((u) => createClient(as(handler, 'handler'), clientOptions(u)));
    const headVia = urls.map((u) => createClient(as(head, 'head'), clientOptions(u)));
    // A double click whose invokes land on both instances: one may be refused as a conflict or
    // as done already. If both are refused, the user does what the message says and tries again.
    let refusedPresses = 0;
    const both = async (via: typeof handlerVia, verb: string, data: Record<string, unknown>) => {
      const answers = await Promise.all(via.map((c) => c.act(verb, data)));
      refusedPresses += answers.filter((a) => 'message' in a).length;
      if (!answers.some((a) => 'card' in a)) await via[0]!.invoke(verb, data);
    };
    let alternate = 0;
    const one = (via: typeof handlerVia, verb: string, data: Record<string, unknown>) => via[alternate++ % via.length]!.invoke(verb, data);

    const submitted: Submitted[] = [];
    const drafts: OpenDraft[] = [];
    const clients = principals.map((p) => createClient(p, clientOptions(urls)));
    let k = 0;
    await Promise.all(
      principals.map(async (principal, i) => {
        const client = clients[i]!;
        try {
          const own: Submitted[] = [];
          for (let round = 0; round < options.rounds; round++) {
            const outcome = await client.apply(benchApplication(principal.index, round), files);
            const { id: caseId } = await db.prisma.case.findFirstOrThrow({ where: { caseNumber: outcome.caseNumber }, select: { id: true } });
            const fate = fateOf(k++);
            own.push({ principal, round, caseNumber: outcome.caseNumber, draftId: outcome.draftId, caseId, fate });
            // Taken at once, while the submit's channel card may still be on its way: the card
            // jobs of the submit and of both presses race for the case's one channel post.
            if (fate !== 'waiting') await both(handlerVia, 'case.assign', { caseId });
          }
          submitted.push(...own);
          // A draft left open after three answered steps, for the deadline reminder.
          drafts.push({ principal, round: options.rounds, draftId: await client.startDraft(benchApplication(principal.index, options.rounds), files, 'need') });
          // Elevhälsan acts on this principal's cases once the principal's own turns are done,
          // so the letters and requests the jobs post do not mix with the dialog's replies.
          for (const { caseId, fate } of own) {
            if (fate === 'completion') {
              await both(handlerVia, 'case.completion.send', { caseId, 'completion.message': 'Bifoga läkarintyget.', 'completion.step': 'attachments' });
            } else if (fate === 'decided') {
              await both(headVia, 'case.decision.send', {
                caseId,
                'decision.outcome': 'approved',
                'decision.amountPerMonth': '21000',
                'decision.from': '2027-08-16',
                'decision.to': '2028-01-16',
                'decision.reason': '',
              });
              // A late refresh of the case from one instance while the other's jobs run.
              await one(handlerVia, 'case.view', { caseId });
            }
          }
        } catch (error) {
          violations.push(`principal ${principal.index}: ${error instanceof DialogError ? error.message : error instanceof Error ? error.stack : String(error)}`);
        }
      }),
    );
    const loadMs = performance.now() - loadStarted;
    log(`load done in ${Math.round(loadMs)} ms: ${submitted.length} applications, ${drafts.length} drafts`);

    // Every card, letter and request out before the clocks move.
    await until('the case cards, letters and completion requests', 60_000, async () => {
      const [withoutPost, undelivered, unsent, jobs] = await Promise.all([
        db.prisma.case.count({ where: { channelPost: null } }),
        db.prisma.decision.count({ where: { deliveryStatus: { not: 'delivered' } } }),
        db.prisma.completionRequest.count({ where: { deliveryStatus: { not: 'delivered' } } }),
        pendingJobs(db),
      ]);
      return withoutPost + undelivered + unsent + jobs === 0;
    });

    // Both instances plan the same day, then again an hour later the same day.
    const remindersDone = async () => (await pendingJobs(db)) === 0 && (await db.prisma.reminderSend.count({ where: { status: 'claimed' } })) === 0;
    await Promise.all(instances.map((i) => setClock(i, { set: REMINDER_DAY })));
    await until('the reminders of the day', 60_000, async () => (await db.prisma.reminderSend.count()) > 0 && (await remindersDone()));
    await Promise.all(instances.map((i) => setClock(i, { advance: 'PT1H' })));
    await until('the second planning of the day', 60_000, remindersDone);

    const turns = clients.reduce((n, c) => n + c.turns, 0) + [...handlerVia, ...headVia].reduce((n, c) => n + c.turns, 0);
    const checked = await checkExactlyOnce(db, records, { submitted, drafts, rounds: options.rounds });
    violations.push(...checked.violations);
    for (const instance of instances) {
      if (instance.errors.length) violations.push(`instance ${instance.name} logged ${instance.errors.length} errors, e.g. ${instance.errors.slice(0, 3).join('\n')}`);
    }
    return {
      figures: {
        instances: instances.length,
        principals: principals.length,
        turns,
        ...checked.figures,
        refusedPresses,
        loadMs: Math.round(loadMs),
        totalMs: Math.round(performance.now() - started),
      },
      violations,
    };
  } finally {
    await Promise.all(instances.map(stopInstance));
    await connector.close();
    await host.close();
  }
}

// ------------------------------------------------------------------ the checks
type CheckInput = { submitted: Submitted[]; drafts: OpenDraft[]; rounds: number };
type Checked = { figures: Omit<TwoInstanceFigures, 'instances' | 'principals' | 'turns' | 'refusedPresses' | 'loadMs' | 'totalMs'>; violations: string[] };

const summaryOf = (r: ConnectorRecord) => (typeof r.activity.summary === 'string' ? r.activity.summary : '');
const reminderSendIdOf = (r: ConnectorRecord) => {
  const card = r.activity.attachments?.[0]?.content as Card | undefined;
  const snooze = card && typeof card === 'object' ? actionsOf(card).find((a) => a.verb === 'reminder.snooze') : undefined;
  return typeof snooze?.data.sendId === 'string' ? snooze.data.sendId : undefined;
};

function countBy<T>(items: T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) map.set(k, [...(map.get(k) ?? []), item]);
  }
  return map;
}

/** What the connector got, checked against the database: everything exactly once. */
export async function checkExactlyOnce(db: Database, records: ConnectorRecord[], input: CheckInput): Promise<Checked> {
  const violations: string[] = [];
  let duplicates = 0;
  const flag = (message: string) => violations.length < 40 && violations.push(message);

  // One case per submitted application, with every answer in it.
  const cases = await db.prisma.case.findMany({
    select: { id: true, caseNumber: true, sourceDraftId: true, principalId: true, versions: { select: { data: true } }, _count: { select: { attachments: true } }, channelPost: true },
  });
  const byDraft = countBy(cases, (c) => c.sourceDraftId ?? undefined);
  for (const s of input.submitted) {
    const found = byDraft.get(s.draftId) ?? [];
    if (found.length !== 1) flag(`draft ${s.draftId}: ${found.length} cases`);
    const kase = found[0];
    if (!kase) continue;
    if (kase.caseNumber !== s.caseNumber) flag(`draft ${s.draftId}: the receipt said ${s.caseNumber}, the case is ${kase.caseNumber}`);
    const expected = benchApplication(s.principal.index, s.round);
    const data = kase.versions[0]?.data as unknown as TApplication | undefined;
    const same =
      kase.versions.length === 1 &&
      data !== undefined &&
      data.pupil.personnummer === expected.pupil!.personnummer &&
      data.pupil.firstName === expected.pupil!.firstName &&
      data.placement.attendanceHoursPerWeek === expected.placement!.attendanceHoursPerWeek &&
      data.need.description === expected.need!.description &&
      data.mapping.prognosis === expected.mapping!.prognosis &&
      data.effect.description === expected.effect!.description &&
      data.measures.length === expected.measures!.length &&
      kase._count.attachments === 2;
    if (!same) flag(`case ${kase.caseNumber}: answers lost or changed (${kase.versions.length} versions, ${kase._count.attachments} attachments)`);
  }
  if (cases.length !== input.submitted.length) flag(`${cases.length} cases for ${input.submitted.length} submitted applications`);

  // The open drafts kept the three steps answered.
  const snapshots = await db.prisma.machineSnapshot.findMany({ where: { id: { in: input.drafts.map((d) => d.draftId) } }, select: { id: true, status: true, snapshot: true } });
  for (const d of input.drafts) {
    const row = snapshots.find((s) => s.id === d.draftId);
    const draft = (row?.snapshot as { context?: { draft?: Partial<TApplication> } } | undefined)?.context?.draft;
    const expected = benchApplication(d.principal.index, d.round);
    if (row?.status !== 'open' || draft?.pupil?.personnummer !== expected.pupil!.personnummer || draft?.placement?.attendanceHoursPerWeek !== expected.placement!.attendanceHoursPerWeek) {
      flag(`open draft ${d.draftId}: answers lost (status ${row?.status})`);
    }
  }

  // One channel card per case: a POST; every refresh a PUT of that very activity.
  const channel = records.filter((r) => r.conversationId === BENCH_CHANNEL_ID);
  const caseCardOf = (r: ConnectorRecord) => /^Ärende (TB-\d{4}-\d{4}): /.exec(summaryOf(r))?.[1];
  const posts = countBy(channel.filter((r) => r.method === 'POST'), caseCardOf);
  const updates = channel.filter((r) => r.method === 'PUT');
  for (const kase of cases) {
    const own = posts.get(kase.caseNumber) ?? [];
    if (own.length !== 1) {
      flag(`case ${kase.caseNumber}: ${own.length} channel card POSTs`);
      duplicates += Math.max(0, own.length - 1);
    }
    if (own[0] && kase.channelPost?.activityId !== own[0].id) flag(`case ${kase.caseNumber}: the stored channel post ${kase.channelPost?.activityId} is not the card posted (${own[0].id})`);
  }
  for (const u of updates) {
    const number = caseCardOf(u);
    const post = number ? posts.get(number)?.[0] : undefined;
    if (!post || post.id !== u.id) flag(`a channel card update (${summaryOf(u)}) is not of its case's posted card`);
  }

  // Letters and completion requests: one per row, in the principal's own chat.
  const chatOf = new Map(cases.map((c) => [c.caseNumber, input.submitted.find((s) => s.caseNumber === c.caseNumber)?.principal.conversationId]));
  const sent = (pattern: RegExp) =>
    countBy(
      records.filter((r) => r.method === 'POST'),
      (r) => pattern.exec(summaryOf(r))?.[1],
    );
  const letters = sent(/^Beslut i ärende (TB-\d{4}-\d{4})$/);
  const requests = sent(/^Elevhälsan behöver en komplettering av (TB-\d{4}-\d{4})$/);
  const decisions = await db.prisma.decision.findMany({ select: { case: { select: { caseNumber: true } }, deliveryStatus: true } });
  const completions = await db.prisma.completionRequest.findMany({ select: { case: { select: { caseNumber: true } }, deliveryStatus: true } });
  const checkDeliveries = (what: string, rows: Array<{ case: { caseNumber: string }; deliveryStatus: string }>, got: Map<string, ConnectorRecord[]>) => {
    const perCase = countBy(rows, (r) => r.case.caseNumber);
    for (const row of rows) if (row.deliveryStatus !== 'delivered') flag(`case ${row.case.caseNumber}: ${what} ${row.deliveryStatus}`);
    for (const number of new Set([...perCase.keys(), ...got.keys()])) {
      const stored = perCase.get(number)?.length ?? 0;
      const out = got.get(number) ?? [];
      if (stored !== 1) flag(`case ${number}: ${stored} ${what} rows`);
      if (out.length !== 1) flag(`case ${number}: ${what} sent ${out.length} times`);
      duplicates += Math.max(0, out.length - 1);
      if (out.some((o) => o.conversationId !== chatOf.get(number))) flag(`case ${number}: ${what} sent to another chat`);
    }
  };
  checkDeliveries('decision', decisions, letters);
  checkDeliveries('completion request', completions, requests);
  const expectedFates = { decided: 0, completion: 0 };
  for (const s of input.submitted) if (s.fate !== 'waiting') expectedFates[s.fate] += 1;
  if (decisions.length !== expectedFates.decided) flag(`${decisions.length} decisions for ${expectedFates.decided} decided cases`);
  if (completions.length !== expectedFates.completion) flag(`${completions.length} completion requests for ${expectedFates.completion} asked for`);

  // Reminders: one card per claimed reminder, one reminder per natural key.
  const sends = await db.prisma.reminderSend.findMany({ select: { id: true, kind: true, subject: true, occurrence: true, status: true } });
  const reminderCards = countBy(records.filter((r) => r.method === 'POST'), reminderSendIdOf);
  for (const [sendId] of reminderCards) if (!sends.some((s) => s.id === sendId)) flag(`a reminder card for ${sendId}, which was never claimed`);
  for (const s of sends) {
    const out = reminderCards.get(s.id) ?? [];
    if (s.status !== 'sent' || out.length !== 1) {
      flag(`reminder ${s.kind} ${s.subject} (${s.occurrence}): ${s.status}, ${out.length} cards`);
      duplicates += Math.max(0, out.length - 1);
    }
  }
  const perKey = countBy(sends, (s) => `${s.kind}|${s.subject}`);
  for (const [key, list] of perKey) {
    if (list.length !== 1) {
      flag(`reminder ${key}: sent ${list.length} times (${list.map((s) => s.occurrence).join(', ')})`);
      duplicates += list.length - 1;
    }
  }
  const reminders: Record<string, number> = {};
  for (const s of sends) reminders[s.kind] = (reminders[s.kind] ?? 0) + 1;
  const waiting = input.submitted.filter((s) => s.fate === 'waiting').length;
  const expectReminders = { draft_deadline: input.drafts.length, new_case_waiting: waiting, completion_unanswered: expectedFates.completion };
  for (const [kind, n] of Object.entries(expectReminders)) {
    if ((reminders[kind] ?? 0) !== n) flag(`${reminders[kind] ?? 0} ${kind} reminders, expected ${n}`);
  }

  return {
    figures: {
      submitted: input.submitted.length,
      cases: cases.length,
      openDrafts: input.drafts.length,
      channelPosts: [...posts.values()].reduce((n, l) => n + l.length, 0),
      channelUpdates: updates.length,
      decisions: decisions.length,
      decisionLetters: [...letters.values()].reduce((n, l) => n + l.length, 0),
      completions: completions.length,
      completionCards: [...requests.values()].reduce((n, l) => n + l.length, 0),
      reminders,
      reminderCards: [...reminderCards.values()].reduce((n, l) => n + l.length, 0),
      duplicates,
    },
    violations,
  };
}

// `npm run bench:two`: the same run, bigger, on a temporary database of the PostgreSQL server in
// DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres), dropped after.
//   BENCH_PRINCIPALS=24  BENCH_ROUNDS=2  BENCH_MAX_MS=120000
if (import.meta.url === `file://${process.argv[1]}`) {
  const int = (name: string, fallback: number) => {
    const n = Number(process.env[name] ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
    return n;
  };
  process.env.DATABASE_URL ||= 'postgresql://postgres@127.0.0.1:5432/postgres';
  const { openTestDatabase } = await import('../test/db/helpers');
  const { seedDemo } = await import('../prisma/seed');
  const db = await openTestDatabase();
  try {
    await seedDemo(db.prisma, { tenantId: PLAYGROUND_TENANT_ID });
    const { figures, violations } = await runTwoInstances({ db, principals: int('BENCH_PRINCIPALS', 24), rounds: int('BENCH_ROUNDS', 2), budgetMs: int('BENCH_MAX_MS', 120_000), log: console.log });
    console.log(JSON.stringify(figures, null, 2));
    for (const v of violations) console.error(`VIOLATION: ${v}`);
    console.log(violations.length ? `${violations.length} violations` : 'exactly once: no violations');
    if (violations.length) process.exitCode = 1;
  } finally {
    await db.close();
  }
}
