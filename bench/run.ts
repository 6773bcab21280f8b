// `npm run bench`: complete applications by many principals at once, over HTTP, against the real
// bot on a real database, beside a bare Teams SDK echo bot measured the same way in the same run.
// The bot runs as `npm start` runs it, job workers included, with its Elevhälsa channel chosen
// before the run: every submitted case must reach the channel as exactly one case card, and the
// notification path is measured too (cases submitted per second; receipt-to-channel-card latency).
//
//   BENCH_PRINCIPALS=16           concurrent principals (each its own Teams user and chat)
//   BENCH_ROUNDS=2                applications each principal completes, one after the other
//   BENCH_DB=both|pglite|postgres PostgreSQL from DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres,
//                                 in a temporary database tillaggsbot_bench_<pid> (dropped after)
//   BENCH_ECHO_MS=5000            how long the echo bot is driven
//   BENCH_MAX_MS=60000            time budget of one bot run (applications not done by then fail)
//   BENCH_FILE_KB=100             size of each of the two uploaded files
//   BENCH_NOTIFY_WAIT_MS=30000    how long after the last receipt every case's channel card may take
//   BENCH_STEP_TURNS=30           step turns per principal in the step phase (one client alone: 2x, at least 200)
//
// After the applications, a step phase measures the commonest turn alone (answer a step, go on
// or back): every principal at once, then one client by itself (the unloaded latency), each with
// the bot's CPU per turn.
//
// Process layout, chosen for honest numbers on a 2-core machine: the server under test (bot or
// echo bot) runs alone in a child process; this process is the load generator (the simulated
// Teams clients, the fake Bot Framework connector the servers post their messages to, and the
// file host the bot downloads uploads from). In one process the client's JSON and card walking
// would share the server's event loop and be billed as server latency; as two processes each
// gets a core. Both servers reply to the same connector here, so the comparison is like for like.
// With PGlite the database runs inside the bot's process (as in `npm start` without
// DATABASE_URL); PostgreSQL's backends compete for the same two cores as both processes.
// CPU use of each side and of the machine is reported so saturation is visible.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { benchEndpoint, echoActivity, percentile, startEchoServer } from './echo';
import { startFileHost } from '../test/e2e/dialog-helpers';
import type { ChildCase, ChildChannel, ChildCpu, ChildReady, ChildVerified, ParentMessage } from './bot-server';
import { startConnector, type BenchConnector } from './connector';
import { createClient, DialogError, type BenchFile, type TurnKind, type TurnSample } from './dialog';
import { registerChannel, trackChannel, type ChannelTracker } from './notifications';
import { benchApplication, benchPrincipal, MAX_PRINCIPALS, MAX_ROUNDS } from './principals';

// ------------------------------------------------------------------ configuration
function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

// Defaults that finish on a shared 2-core machine within the time budget (40 x 3 did not).
const PRINCIPALS = intEnv('BENCH_PRINCIPALS', 16, 1, MAX_PRINCIPALS - 1);
// One round is kept back for the step phase's drafts (a pupil of its own).
const ROUNDS = intEnv('BENCH_ROUNDS', 2, 1, MAX_ROUNDS - 1);
const ECHO_MS = intEnv('BENCH_ECHO_MS', 5_000, 500, 30_000);
const MAX_RUN_MS = intEnv('BENCH_MAX_MS', 60_000, 5_000, 120_000);
const FILE_KB = intEnv('BENCH_FILE_KB', 100, 1, 5_000);
const NOTIFY_WAIT_MS = intEnv('BENCH_NOTIFY_WAIT_MS', 30_000, 1_000, 60_000);
const STEP_TURNS = intEnv('BENCH_STEP_TURNS', 30, 2, 1_000);
const DB_CHOICE = (process.env.BENCH_DB?.trim().toLowerCase() || 'both') as 'both' | 'pglite' | 'postgres';
if (!['both', 'pglite', 'postgres'].includes(DB_CHOICE)) {
  console.error(`BENCH_DB must be pglite, postgres or both, got "${process.env.BENCH_DB}"`);
  process.exit(2);
}
const DEFAULT_PG_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
const REQUEST_TIMEOUT_MS = 30_000;
const CHILD_START_TIMEOUT_MS = 60_000;
// The whole bench stays under ~3 minutes: a bot run never starts with less than this left.
const TOTAL_BUDGET_MS = 170_000;
const benchStarted = performance.now();
const remaining = () => TOTAL_BUDGET_MS - (performance.now() - benchStarted);

// ------------------------------------------------------------------ measurements
type Latency = { turns: number; turnsPerSec: number; p50: number; p95: number; p99: number; max: number; mean: number };
// Percent of one core: the server process (bot or echo bot), this process (the clients), and the
// rest of the machine (PostgreSQL's backends in a postgres run, and anything else running: on a
// shared machine, a test run elsewhere shows up here and explains a slow result). Machine busy
// is percent of all cores.
type Cpu = { serverPct: number | null; clientPct: number; restPct: number | null; machineBusyPct: number | null; stealPct: number | null };

function summarize(ms: number[], seconds: number): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    turns: sorted.length,
    turnsPerSec: seconds > 0 ? r(sorted.length / seconds) : 0,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: r(sorted.at(-1) ?? 0),
    mean: r(sorted.length ? sum / sorted.length : 0),
  };
}

// Machine-wide CPU from /proc/stat (Linux); null elsewhere.
async function cpuTimes(): Promise<{ busy: number; steal: number; total: number } | null> {
  try {
    const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!;
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    const v = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const steal = v[7] ?? 0;
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: total - idle - steal, steal, total };
  } catch {
    return null;
  }
}

// CPU time of another process (Linux /proc), in ms; null elsewhere.
async function processCpuMs(pid: number | undefined): Promise<number | null> {
  if (!pid) return null;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

// Starts measuring now; the returned function ends it. The server's CPU comes either from the
// server itself (the bot child reports process.cpuUsage) or from /proc (the echo child).
function cpuMeter(serverPid?: number) {
  const client = process.cpuUsage();
  const wall = performance.now();
  const machine = cpuTimes();
  const server0 = processCpuMs(serverPid);
  return async (reported?: { userMs: number; systemMs: number; wallMs: number }): Promise<Cpu> => {
    const c = process.cpuUsage(client);
    const wallMs = performance.now() - wall;
    const [m0, m1, s0, s1] = [await machine, await cpuTimes(), await server0, await processCpuMs(serverPid)];
    const pct = (x: number) => Math.round(x * 10) / 10;
    const serverPct = reported
      ? pct(((reported.userMs + reported.systemMs) / reported.wallMs) * 100)
      : s0 !== null && s1 !== null
        ? pct(((s1 - s0) / wallMs) * 100)
        : null;
    const clientPct = pct(((c.user + c.system) / 1000 / wallMs) * 100);
    const machineBusyPct = m0 && m1 && m1.total > m0.total ? pct(((m1.busy - m0.busy) / (m1.total - m0.total)) * 100) : null;
    return {
      serverPct,
      clientPct,
      restPct: machineBusyPct !== null && serverPct !== null ? pct(Math.max(0, machineBusyPct * os.cpus().length - serverPct - clientPct)) : null,
      machineBusyPct,
      stealPct: m0 && m1 && m1.total > m0.total ? pct(((m1.steal - m0.steal) / (m1.total - m0.total)) * 100) : null,
    };
  };
}

// How busy the machine is before we start (1 s sample), to warn about a noisy neighbour.
async function idleCheck(): Promise<number | null> {
  const a = await cpuTimes();
  await new Promise((r) => setTimeout(r, 1_000));
  const b = await cpuTimes();
  return a && b && b.total > a.total ? Math.round(((b.busy - a.busy) / (b.total - a.total)) * 1000) / 10 : null;
}

// ------------------------------------------------------------------ cleanup on exit and ^C
const cleanups: Array<() => Promise<void>> = [];
async function runCleanups() {
  while (cleanups.length > 0) await cleanups.pop()!().catch((e: unknown) => console.error('cleanup failed:', e));
}
process.once('SIGINT', () => {
  console.error('\ninterrupted; cleaning up');
  void runCleanups().finally(() => process.exit(130));
});

// ------------------------------------------------------------------ echo baseline
type EchoRun = { turns: number; turnsPerSec: number; p50: number; errors: number; cpu: Cpu };
type EchoResult = Latency & { errors: number; durationMs: number; concurrency: number; runs: EchoRun[] };

// The echo bot is driven twice, before and after the bot runs, and the two are pooled: on a
// shared 2-core VM one 5-second sample swings by a quarter from run to run, and bracketing keeps
// the ratios from resting on one lucky or unlucky moment. Both runs are in the results.
async function benchEchoOnce(connector: BenchConnector, pool: number[]): Promise<EchoRun> {
  const server = await startEchoServer('sdk');
  try {
    const activity = echoActivity(connector.serviceUrl);
    await benchEndpoint({ url: server.url, activity, durationMs: 1_000, concurrency: PRINCIPALS });
    const meter = cpuMeter(server.pid);
    const samples: number[] = [];
    const r = await benchEndpoint({ url: server.url, activity, durationMs: ECHO_MS, concurrency: PRINCIPALS, record: (ms) => samples.push(ms) });
    const cpu = await meter();
    pool.push(...samples);
    const l = summarize(samples, ECHO_MS / 1000);
    return { turns: l.turns, turnsPerSec: l.turnsPerSec, p50: l.p50, errors: r.errors, cpu };
  } finally {
    await server.stop();
  }
}

function echoSummary(runs: EchoRun[], pool: number[]): EchoResult {
  return {
    ...summarize(pool, (runs.length * ECHO_MS) / 1000),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    durationMs: ECHO_MS,
    concurrency: PRINCIPALS,
    runs,
  };
}

// ------------------------------------------------------------------ the bot child
type BotChild = {
  ready: ChildReady;
  request<T>(message: ParentMessage, reply: string): Promise<T>;
  stop(): Promise<void>;
};

async function startBotChild(env: Record<string, string>): Promise<BotChild> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./bot-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.connected) child.disconnect();
    if (child.exitCode === null && child.signalCode === null) {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const next = <T>(type: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string; error?: string }) => {
        if (m.type === 'failed') finish(() => reject(new Error(`bot child: ${m.error}`)));
        else if (m.type === type) finish(() => resolve(m as T));
      };
      const onExit = (code: number | null) => finish(() => reject(new Error(`bot child exited (code ${code}) before '${type}'`)));
      const timer = setTimeout(() => finish(() => reject(new Error(`bot child: no '${type}' within ${timeoutMs} ms`))), timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        settle();
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  try {
    const ready = await next<ChildReady>('ready', CHILD_START_TIMEOUT_MS);
    return {
      ready,
      request: (message, reply) => {
        const answer = next<any>(reply, 30_000);
        child.send(message);
        return answer;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

// ------------------------------------------------------------------ one bot run
type Failure = { principal: number; error: string };
type BotResult = {
  db: 'pglite' | 'postgres';
  status: 'ok' | 'failed';
  startupMs: number;
  wallSeconds: number;
  latency: Latency;
  byKind: Record<string, Latency>;
  turnsPerApplication: number;
  applications: { expected: number; completed: number; failures: Failure[] };
  verification: { ok: boolean; expectedCases: number; cases: number; problems: string[] };
  notifications: Notifications;
  cpu: Cpu;
  steps: StepPhase;
  serverRssMb: number;
  serverLog: Record<string, number>;
  serverErrorSamples: string[];
};

// Step turns alone. `loaded`: every principal walking steps at once; `alone`: one client.
type StepRun = Latency & { cpuMsPerTurn: number; statementsPerTurn: number; commonest: Array<[string, number]> };
type StepPhase = { loaded: StepRun; alone: StepRun };

type Receipt = { caseNumber: string; draftId: string; receivedAt: number };

// The notification path: cases submitted per second over the measured phase (each completed
// application ends in one submit), and for each measured case the time from its receipt (the
// submit turn's HTTP response) to the fake connector receiving its card POST in the Elevhälsa
// channel. `cards` counts every case (the warm-up one too): each must have exactly one POST.
type Notifications = {
  ok: boolean;
  casesSubmitted: number;
  submitSeconds: number;
  casesPerSec: number;
  /** Milliseconds; negative only if a card beat its own receipt back to the client. */
  receiptToChannelCard: { count: number; min: number; p50: number; p95: number; p99: number; max: number; mean: number };
  cards: { expected: number; received: number; missing: number; duplicates: number; refreshes: number; otherChannelPosts: number };
  /** From the end of the measured phase to the last case card (how far the workers lagged). */
  lastCardAfterPhaseMs: number;
  /** Case cards that arrived after the phase (no new submits, so no queue wake-ups), and their rate. */
  cardsAfterPhase: number;
  cardsPerSecAfterPhase: number | null;
  /** How long the bench waited after the phase for the cards and a drained queue. */
  waitedMs: number;
  database: { cases: number; channelPosts: number; casesWithoutPost: number; caseCardJobs: Record<string, number> };
  problems: string[];
};

// Every application the dialog completed is exactly one case in the database: the case number
// on the receipt, from the draft the dialog filled in, with both uploads and one version; and
// there is no other case (principals 0..n-1, the last one being the warm-up principal).
function verify(expectedPerPrincipal: (i: number) => number, principals: number, receipts: Map<number, Receipt[]>, cases: ChildCase[]) {
  const problems: string[] = [];
  let expected = 0;
  for (let i = 0; i < principals; i++) expected += expectedPerPrincipal(i);
  const byPrincipal = new Map<string, ChildCase[]>();
  for (const c of cases) byPrincipal.set(c.principalId, [...(byPrincipal.get(c.principalId) ?? []), c]);
  if (cases.length !== expected) problems.push(`expected ${expected} cases in the database, found ${cases.length}`);
  const numbers = new Set(cases.map((c) => c.caseNumber));
  if (numbers.size !== cases.length) problems.push(`case numbers are not unique (${numbers.size} distinct of ${cases.length})`);
  for (let i = 0; i < principals; i++) {
    const own = byPrincipal.get(benchPrincipal(i).personId) ?? [];
    const got = receipts.get(i) ?? [];
    if (own.length !== expectedPerPrincipal(i)) problems.push(`principal ${i}: ${own.length} cases, expected ${expectedPerPrincipal(i)}`);
    if (got.length !== expectedPerPrincipal(i)) problems.push(`principal ${i}: ${got.length} receipts, expected ${expectedPerPrincipal(i)}`);
    for (const r of got) {
      const c = own.filter((x) => x.caseNumber === r.caseNumber);
      if (c.length !== 1) {
        problems.push(`principal ${i}: receipt ${r.caseNumber} matches ${c.length} of the principal's cases`);
        continue;
      }
      if (c[0]!.sourceDraftId !== r.draftId) problems.push(`${r.caseNumber}: made from draft ${c[0]!.sourceDraftId}, the dialog filled in ${r.draftId}`);
      if (c[0]!.attachments !== 2) problems.push(`${r.caseNumber}: ${c[0]!.attachments} attachments, expected 2`);
      if (c[0]!.versions !== 1) problems.push(`${r.caseNumber}: ${c[0]!.versions} application versions, expected 1`);
    }
  }
  return { ok: problems.length === 0, expectedCases: expected, cases: cases.length, problems: problems.slice(0, 20) };
}

const PENDING_JOB_STATES = ['created', 'retry', 'active'];
const pendingJobs = (jobs: Record<string, number>) => PENDING_JOB_STATES.reduce((n, s) => n + (jobs[s] ?? 0), 0);

// After the measured phase: wait (bounded) until every case has its channel card and the
// case-card queue has nothing left to do, so a late duplicate (a retried job) would be seen too;
// then check each case has exactly one card, and the database one channel post per case.
async function checkNotifications(
  child: BotChild,
  tracker: ChannelTracker,
  measured: Receipt[],
  warm: Receipt,
  phase: { started: number; ended: number },
): Promise<{ notifications: Notifications; channel: ChildChannel }> {
  const all = [...measured, warm];
  const numbers = all.map((r) => r.caseNumber);
  const waitStarted = performance.now();
  const deadline = waitStarted + NOTIFY_WAIT_MS;
  const arrived = await tracker.waitForAll(numbers, deadline);
  let channel = await child.request<ChildChannel>({ type: 'channel' }, 'channel');
  while (pendingJobs(channel.caseCardJobs) > 0 && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    channel = await child.request<ChildChannel>({ type: 'channel' }, 'channel');
  }
  // A moment more for a POST already on its way; the queue said it has nothing left to send.
  await new Promise((r) => setTimeout(r, 500));
  channel = await child.request<ChildChannel>({ type: 'channel' }, 'channel');
  const waitedMs = Math.round(performance.now() - waitStarted);

  const problems: string[] = [];
  let missing = 0;
  let duplicates = 0;
  const latencies: number[] = [];
  for (const r of all) {
    const posts = tracker.postsOf(r.caseNumber);
    if (posts.length === 0) {
      missing += 1;
      if (missing <= 5) problems.push(`${r.caseNumber}: no channel card within ${NOTIFY_WAIT_MS} ms of the end of the run`);
    } else if (posts.length > 1) {
      duplicates += 1;
      if (duplicates <= 5) problems.push(`${r.caseNumber}: ${posts.length} channel cards, expected exactly one`);
    }
    if (r !== warm && posts.length > 0) latencies.push(posts[0]! - r.receivedAt);
  }
  if (missing > 5) problems.push(`... ${missing} cases in all without a channel card`);
  if (duplicates > 5) problems.push(`... ${duplicates} cases in all with more than one channel card`);
  if (!arrived && missing === 0) problems.push('the cards arrived, but not in time');
  const known = new Set(numbers);
  const strangers = tracker.caseNumbersPosted.filter((n) => !known.has(n));
  if (strangers.length > 0) problems.push(`channel cards for cases no receipt named: ${strangers.slice(0, 5).join(', ')}`);
  problems.push(...tracker.unexpected);
  if (channel.channelPosts !== channel.cases || channel.casesWithoutPost !== 0) {
    problems.push(`database: ${channel.channelPosts} channel posts for ${channel.cases} cases (${channel.casesWithoutPost} cases without one)`);
  }
  if (pendingJobs(channel.caseCardJobs) > 0) problems.push(`case-card queue not drained after ${waitedMs} ms: ${JSON.stringify(channel.caseCardJobs)}`);
  if ((channel.caseCardJobs.failed ?? 0) > 0) problems.push(`${channel.caseCardJobs.failed} case-card jobs failed for good`);

  const submitSeconds = (phase.ended - phase.started) / 1000;
  const l = summarize(latencies, submitSeconds);
  const afterPhase = numbers.flatMap((n) => tracker.postsOf(n)).filter((t) => t > phase.ended);
  const drainSeconds = (Math.max(...afterPhase, phase.ended) - phase.ended) / 1000;
  const received = numbers.filter((n) => tracker.postsOf(n).length > 0).length;
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    channel,
    notifications: {
      ok: problems.length === 0,
      casesSubmitted: measured.length,
      submitSeconds: r2(submitSeconds),
      casesPerSec: submitSeconds > 0 ? r2(measured.length / submitSeconds) : 0,
      receiptToChannelCard: { count: l.turns, min: latencies.length > 0 ? r2(Math.min(...latencies)) : 0, p50: l.p50, p95: l.p95, p99: l.p99, max: l.max, mean: l.mean },
      cards: { expected: all.length, received, missing, duplicates, refreshes: tracker.refreshes, otherChannelPosts: tracker.other },
      lastCardAfterPhaseMs: Math.round(Math.max(0, tracker.lastPostAt - phase.ended)),
      cardsAfterPhase: afterPhase.length,
      cardsPerSecAfterPhase: afterPhase.length > 1 && drainSeconds > 0 ? r2(afterPhase.length / drainSeconds) : null,
      waitedMs,
      database: { cases: channel.cases, channelPosts: channel.channelPosts, casesWithoutPost: channel.casesWithoutPost, caseCardJobs: channel.caseCardJobs },
      problems: problems.slice(0, 20),
    },
  };
}

async function benchBot(
  db: 'pglite' | 'postgres',
  env: Record<string, string>,
  connector: BenchConnector,
  files: BenchFile[],
): Promise<BotResult> {
  // Principals 0..N-1 are measured; principal N warms the bot up with one application first.
  const warmupIndex = PRINCIPALS;
  // Every card the bot posts in the Elevhälsa channel, from the install on.
  const tracker = trackChannel(connector);
  let child: BotChild;
  try {
    child = await startBotChild({ ...env, BENCH_DB: db, BENCH_SEED_PRINCIPALS: String(PRINCIPALS + 1) });
  } catch (error) {
    tracker.stop();
    throw error;
  }
  cleanups.push(child.stop);
  try {
    const botUrl = `http://127.0.0.1:${child.ready.port}/api/messages`;
    // What is left of the 3 minutes, less the wait for the channel cards after the run.
    const budget = Math.min(MAX_RUN_MS, Math.max(10_000, remaining() - 15_000 - NOTIFY_WAIT_MS));
    const clientFor = (i: number, deadline: number, record?: (s: TurnSample) => void) =>
      createClient(benchPrincipal(i), { botUrl, botAccountId: child.ready.botAccountId, connector, timeoutMs: REQUEST_TIMEOUT_MS, deadline, record });

    // The Elevhälsa team installs the bot in its channel; from now on every case gets a card.
    await registerChannel({ botUrl, botAccountId: child.ready.botAccountId, connector, timeoutMs: REQUEST_TIMEOUT_MS });

    // Warm-up, not measured: every principal has chatted with the bot before (the first turn
    // stores the conversation reference), and one full application has run (JIT, pools, and
    // the first job through the queue).
    const warmDeadline = performance.now() + 30_000;
    await Promise.all(Array.from({ length: PRINCIPALS }, (_, i) => clientFor(i, warmDeadline).sendMessage('hjälp')));
    const warm = await clientFor(warmupIndex, warmDeadline).apply(benchApplication(warmupIndex), files);

    await child.request({ type: 'mark' }, 'marked');
    const samples: TurnSample[] = [];
    const receipts = new Map<number, Receipt[]>();
    const failures: Failure[] = [];
    const meter = cpuMeter();
    const started = performance.now();
    const deadline = started + budget;
    await Promise.all(
      Array.from({ length: PRINCIPALS }, async (_, i) => {
        const client = clientFor(i, deadline, (s) => samples.push(s));
        const own: Receipt[] = [];
        receipts.set(i, own);
        try {
          for (let round = 0; round < ROUNDS; round++) own.push(await client.apply(benchApplication(i, round), files));
        } catch (error) {
          failures.push({ principal: i, error: error instanceof DialogError ? error.message : String(error) });
        }
      }),
    );
    const ended = performance.now();
    const wallSeconds = (ended - started) / 1000;
    const verified = await child.request<ChildVerified>({ type: 'verify' }, 'verified');
    const cpu = await meter(verified.cpu);
    const measuredReceipts = [...receipts.values()].flat();
    const { notifications, channel } = await checkNotifications(child, tracker, measuredReceipts, warm, { started, ended });

    const steps = await stepPhase(child, clientFor);

    const byKind: Record<string, Latency> = {};
    for (const kind of ['command', 'step', 'measure', 'file', 'fileKind', 'submit'] satisfies TurnKind[]) {
      byKind[kind] = summarize(samples.filter((s) => s.kind === kind).map((s) => s.ms), wallSeconds);
    }
    const completed = [...receipts.values()].reduce((n, r) => n + r.length, 0);
    receipts.set(warmupIndex, [warm]);
    const verification = verify((i) => (i === warmupIndex ? 1 : ROUNDS), PRINCIPALS + 1, receipts, verified.cases);
    return {
      db,
      status: verification.ok && notifications.ok && failures.length === 0 ? 'ok' : 'failed',
      startupMs: child.ready.startupMs,
      wallSeconds: Math.round(wallSeconds * 1000) / 1000,
      latency: summarize(samples.map((s) => s.ms), wallSeconds),
      byKind,
      turnsPerApplication: warm.turns,
      applications: { expected: PRINCIPALS * ROUNDS, completed, failures: failures.slice(0, 10) },
      verification,
      notifications,
      cpu,
      steps,
      serverRssMb: verified.rssMb,
      // Tallied from the mark to the end of the notification wait, so the workers' warnings count.
      serverLog: channel.logs,
      serverErrorSamples: channel.errorSamples,
    };
  } finally {
    tracker.stop();
    cleanups.splice(cleanups.indexOf(child.stop), 1);
    await child.stop();
  }
}

// Every principal opens a new draft (not measured), then all walk STEP_TURNS step turns at once;
// then principal 0 walks 20 turns to let the bot settle, and at least 200 alone. CPU is the bot process's, from mark to 'cpu'.
async function stepPhase(
  child: BotChild,
  clientFor: (i: number, deadline: number, record?: (s: TurnSample) => void) => ReturnType<typeof createClient>,
): Promise<StepPhase> {
  const deadline = performance.now() + 60_000;
  const apps = Array.from({ length: PRINCIPALS }, (_, i) => benchApplication(i, ROUNDS));
  const opened = await Promise.all(apps.map((_, i) => clientFor(i, deadline).openDraft()));
  const run = async (clients: number[], turns: number): Promise<StepRun> => {
    const samples: number[] = [];
    await child.request({ type: 'mark' }, 'marked');
    const started = performance.now();
    await Promise.all(
      clients.map((i) => clientFor(i, deadline, (s) => samples.push(s.ms)).walkSteps(opened[i]!, apps[i]!, turns).then((card) => (opened[i] = card))),
    );
    const seconds = (performance.now() - started) / 1000;
    const { cpu, statements, commonest } = await child.request<ChildCpu>({ type: 'cpu' }, 'cpu');
    return { ...summarize(samples, seconds), cpuMsPerTurn: (cpu.userMs + cpu.systemMs) / samples.length, statementsPerTurn: statements / samples.length, commonest };
  };
  const loaded = await run(apps.map((_, i) => i), STEP_TURNS);
  // One client alone: the steady state, so the bot first settles after the burst (unmeasured
  // turns), then enough turns that a few slow ones do not make the median.
  await clientFor(0, deadline).walkSteps(opened[0]!, apps[0]!, 20).then((card) => (opened[0] = card));
  const alone = await run([0], Math.max(STEP_TURNS * 2, 200));
  return { loaded, alone };
}

// ------------------------------------------------------------------ PostgreSQL temp database
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

async function createTempPostgres(): Promise<{ url: string; server: string; drop: () => Promise<void> } | { skip: string }> {
  const server = process.env.DATABASE_URL?.trim() || DEFAULT_PG_URL;
  const name = `tillaggsbot_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: server, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } catch (error) {
    await admin.end().catch(() => {});
    return { skip: `unreachable at ${redactUrl(server)} (${error instanceof Error ? error.message : String(error)})` };
  }
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    server: redactUrl(server),
    async drop() {
      const c = new pg.Client({ connectionString: server, connectionTimeoutMillis: 3_000 });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

// ------------------------------------------------------------------ report
const fmt = (n: number | null | undefined, digits = 1) => (n === null || n === undefined || Number.isNaN(n) ? '-' : n.toFixed(digits));

const n = (b: BotResult) => b.notifications.receiptToChannelCard;

function printTable(echo: EchoResult | undefined, bots: BotResult[], skipped: Array<{ db: string; reason: string }>) {
  const rows: string[][] = [
    ['target', 'turns', 'turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'apps', 'cases', 'cases/s', 'cards', 'card p50/p95/p99 ms', 'check', 'cpu % srv/cli/rest'],
  ];
  if (echo) {
    const avg = (f: (r: EchoRun) => number | null) => echo.runs.reduce((n, r) => n + (f(r) ?? NaN), 0) / echo.runs.length;
    const cpu = `${fmt(avg((r) => r.cpu.serverPct), 0)}/${fmt(avg((r) => r.cpu.clientPct), 0)}/${fmt(avg((r) => r.cpu.restPct), 0)}`;
    rows.push(['echo (bare Teams SDK)', String(echo.turns), fmt(echo.turnsPerSec), fmt(echo.p50), fmt(echo.p95), fmt(echo.p99), '-', '-', '-', '-', '-', echo.errors ? `${echo.errors} errors` : 'ok', cpu]);
  }
  for (const b of bots) {
    rows.push([
      `bot on ${b.db}`,
      String(b.latency.turns),
      fmt(b.latency.turnsPerSec),
      fmt(b.latency.p50),
      fmt(b.latency.p95),
      fmt(b.latency.p99),
      `${b.applications.completed}/${b.applications.expected}`,
      `${b.verification.cases}/${b.verification.expectedCases}`,
      fmt(b.notifications.casesPerSec, 2),
      `${b.notifications.cards.received - b.notifications.cards.duplicates}/${b.notifications.cards.expected}`,
      `${fmt(n(b).p50, 0)}/${fmt(n(b).p95, 0)}/${fmt(n(b).p99, 0)}`,
      b.status === 'ok' ? 'ok' : 'FAILED',
      `${fmt(b.cpu.serverPct, 0)}/${fmt(b.cpu.clientPct, 0)}/${fmt(b.cpu.restPct, 0)}`,
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log('cpu %: of one core; rest = everything else on the machine (PostgreSQL in the postgres row, and any other load)');
  console.log('cases/s: applications submitted per second of the measured phase; cards: cases with exactly one Elevhälsa channel card (warm-up case included);');
  console.log('card ms: from a submit turn\'s HTTP response (the receipt) to the fake connector receiving that case\'s channel card POST');
  for (const s of skipped) console.log(`bot on ${s.db}: skipped, ${s.reason}`);
  if (echo) {
    console.log(`echo: ${echo.runs.map((r, i) => `${i === 0 ? 'before' : 'after'} the bot runs ${fmt(r.turnsPerSec)} turns/s, p50 ${fmt(r.p50)} ms`).join('; ')} (pooled above)`);
  }
  for (const b of bots) {
    const kinds = Object.entries(b.byKind)
      .map(([k, l]) => `${k} ${fmt(l.p50)}/${fmt(l.p95)}`)
      .join(', ');
    console.log(`${b.db}: ${b.turnsPerApplication} turns per application, measured ${fmt(b.wallSeconds, 2)} s; p50/p95 ms by turn: ${kinds}`);
    if (echo) {
      console.log(`${b.db}: echo turns/s / bot turns/s = ${fmt(echo.turnsPerSec / b.latency.turnsPerSec, 2)}x; bot p50 / echo p50 = ${fmt(b.latency.p50 / echo.p50, 2)}x`);
      // Steadier than absolute times on a shared machine: what a turn costs the server's CPU.
      const c = cpuPerTurn(echo, b);
      console.log(
        `${b.db}: CPU ms per turn: bot ${fmt(c.botMs, 2)} (job workers included), echo ${fmt(c.echoMs, 2)}; ` +
          `bot turns/s = ${fmt(b.latency.turnsPerSec / echo.turnsPerSec, 2)} of echo's`,
      );
      const { loaded, alone } = b.steps;
      console.log(
        `${b.db}: step turns alone: CPU ms per step turn ${fmt(loaded.cpuMsPerTurn, 2)} (${PRINCIPALS} clients at once, ${loaded.turns} turns, ` +
          `${fmt(loaded.turnsPerSec)} turns/s = ${fmt(loaded.turnsPerSec / echo.turnsPerSec, 2)} of echo's, p50 ${fmt(loaded.p50)} ms), ` +
          `${fmt(alone.cpuMsPerTurn, 2)} (one client, ${alone.turns} turns, unloaded p50 ${fmt(alone.p50)} ms, p95 ${fmt(alone.p95)} ms); ` +
          `${fmt(loaded.statementsPerTurn, 2)} statements per step turn (workers included)`,
      );
      if (process.env.BENCH_VERBOSE) for (const [text, count] of loaded.commonest) console.log(`  ${count}x ${text}`);
    }
    const logLines = Object.entries(b.serverLog);
    if (logLines.length > 0) console.log(`${b.db}: server log during the run: ${logLines.map(([k, n]) => `${n}x ${k}`).join('; ')}`);
    for (const f of b.applications.failures) console.log(`${b.db}: principal ${f.principal} failed: ${f.error}`);
    for (const p of b.verification.problems) console.log(`${b.db}: check: ${p}`);
    const nb = b.notifications;
    const c = n(b);
    console.log(
      `${b.db}: notifications: ${nb.casesSubmitted} cases in ${fmt(nb.submitSeconds, 2)} s = ${fmt(nb.casesPerSec, 2)} cases/s; ` +
        `receipt -> channel card ms (n=${c.count}): min ${fmt(c.min)}, p50 ${fmt(c.p50)}, p95 ${fmt(c.p95)}, p99 ${fmt(c.p99)}, max ${fmt(c.max)}, mean ${fmt(c.mean)}; ` +
        `last card ${nb.lastCardAfterPhaseMs} ms after the last receipt (${nb.cardsAfterPhase} cards after it, ${fmt(nb.cardsPerSecAfterPhase, 2)} cards/s); ` +
        `${nb.cards.received}/${nb.cards.expected} cases carded, ${nb.cards.missing} missing, ${nb.cards.duplicates} duplicated, ${nb.cards.refreshes} card refreshes (PUT); ` +
        `database ${nb.database.channelPosts} channel posts for ${nb.database.cases} cases; case-card jobs ${JSON.stringify(nb.database.caseCardJobs)}`,
    );
    if (!nb.ok) {
      console.log(`${b.db}: NOTIFICATIONS FAILED: not every case got exactly one channel card within ${NOTIFY_WAIT_MS} ms`);
      for (const p of nb.problems) console.log(`${b.db}: notifications: ${p}`);
    }
  }
}

// Server CPU per turn: its share of a core over the measured wall time, divided by the turns.
function cpuPerTurn(echo: EchoResult, b: BotResult): { botMs: number | null; echoMs: number | null } {
  const botMs = b.cpu.serverPct !== null && b.latency.turns > 0 ? (b.cpu.serverPct / 100) * b.wallSeconds * 1000 / b.latency.turns : null;
  const echoMsRuns = echo.runs.filter((r) => r.cpu.serverPct !== null && r.turns > 0).map((r) => ((r.cpu.serverPct! / 100) * echo.durationMs) / r.turns);
  return { botMs, echoMs: echoMsRuns.length > 0 ? echoMsRuns.reduce((a, x) => a + x, 0) / echoMsRuns.length : null };
}

// ------------------------------------------------------------------ main
async function main() {
  console.log(
    `Tilläggsbot bench: ${PRINCIPALS} concurrent principals x ${ROUNDS} applications each, BENCH_DB=${DB_CHOICE}, Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'})`,
  );
  const busyBefore = await idleCheck();
  if (busyBefore !== null && busyBefore > 20) {
    console.log(`warning: the machine was ${busyBefore}% busy before the bench started; other load makes these numbers low and noisy`);
  }
  const connector = await startConnector();
  cleanups.push(connector.close);
  const payload = (label: string) => {
    const bytes = new Uint8Array(FILE_KB * 1024);
    bytes.set(new TextEncoder().encode(`%PDF-1.4 ${label}\n`));
    for (let i = 64; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
    return bytes;
  };
  const host = await startFileHost({ 'atgardsprogram.pdf': payload('åtgärdsprogram'), 'psykologutlatande.pdf': payload('psykologbedömning') });
  cleanups.push(host.close);
  const files: BenchFile[] = [
    { name: 'atgardsprogram.pdf', kind: 'atgardsprogram', url: host.url('atgardsprogram.pdf') },
    { name: 'psykologutlatande.pdf', kind: 'psykologbedomning', url: host.url('psykologutlatande.pdf') },
  ];

  const echoPool: number[] = [];
  const echoRuns: EchoRun[] = [await benchEchoOnce(connector, echoPool)];
  console.log(`echo: ${echoRuns[0]!.turns} turns in ${ECHO_MS} ms`);

  const bots: BotResult[] = [];
  const skipped: Array<{ db: string; reason: string }> = [];
  const errors: Array<{ db: string; error: string }> = [];
  let postgresServer: string | undefined;
  const dbs = DB_CHOICE === 'both' ? (['pglite', 'postgres'] as const) : ([DB_CHOICE] as const);
  for (const db of dbs) {
    if (remaining() < 30_000) {
      skipped.push({ db, reason: 'not enough of the 3-minute budget left' });
      continue;
    }
    let env: Record<string, string> = {};
    let drop: (() => Promise<void>) | undefined;
    if (db === 'postgres') {
      const temp = await createTempPostgres();
      if ('skip' in temp) {
        skipped.push({ db, reason: temp.skip });
        console.log(`postgres: skipped, ${temp.skip}`);
        continue;
      }
      postgresServer = temp.server;
      env = { BENCH_DATABASE_URL: temp.url };
      drop = temp.drop;
      cleanups.push(drop);
    }
    try {
      const result = await benchBot(db, env, connector, files);
      bots.push(result);
      const nb = result.notifications;
      console.log(
        `${db}: ${result.applications.completed}/${result.applications.expected} applications, ${result.latency.turns} turns in ${fmt(result.wallSeconds, 2)} s; ` +
          `${nb.cards.received}/${nb.cards.expected} channel cards (${nb.cards.duplicates} duplicated) after ${nb.waitedMs} ms of waiting${nb.ok ? '' : ' — NOTIFICATIONS FAILED'}`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      errors.push({ db, error: message });
      console.log(`${db}: bench failed: ${message}`);
    } finally {
      if (drop) {
        cleanups.splice(cleanups.indexOf(drop), 1);
        await drop().catch((e: unknown) => console.error(`could not drop the bench database: ${e}`));
      }
    }
  }

  if (remaining() > ECHO_MS + 5_000) {
    echoRuns.push(await benchEchoOnce(connector, echoPool));
    console.log(`echo: ${echoRuns[1]!.turns} turns in ${ECHO_MS} ms`);
  }
  const echo = echoSummary(echoRuns, echoPool);

  console.log('');
  printTable(echo, bots, skipped);

  const results = {
    date: new Date().toISOString(),
    command: 'npm run bench',
    config: { principals: PRINCIPALS, rounds: ROUNDS, db: DB_CHOICE, echoMs: ECHO_MS, maxRunMs: MAX_RUN_MS, fileKb: FILE_KB, notifyWaitMs: NOTIFY_WAIT_MS, postgresServer },
    machine: { busyBeforePct: busyBefore, node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, totalMemMb: Math.round(os.totalmem() / 1024 / 1024) },
    layout: 'server under test in a child process (the bot with its pg-boss job workers, as npm start runs it); load generator, fake connector and file host in the parent',
    echo,
    bots,
    ratios: Object.fromEntries(
      bots.map((b) => [
        b.db,
        {
          echoTurnsPerSecOverBot: Math.round((echo.turnsPerSec / b.latency.turnsPerSec) * 100) / 100,
          botP50OverEchoP50: Math.round((b.latency.p50 / echo.p50) * 100) / 100,
          botTurnsPerSecOverEcho: Math.round((b.latency.turnsPerSec / echo.turnsPerSec) * 100) / 100,
          cpuMsPerTurn: cpuPerTurn(echo, b),
        },
      ]),
    ),
    skipped,
    errors,
    connector: connector.stats,
    totalSeconds: Math.round(performance.now() - benchStarted) / 1000,
  };
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  await mkdir(dir, { recursive: true });
  await writeFile(`${dir}latest.json`, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nresults: bench/results/latest.json (${results.totalSeconds} s in all)`);
  if (errors.length > 0 || bots.some((b) => b.status !== 'ok')) process.exitCode = 1;
}

try {
  await main();
} finally {
  await runCleanups();
}
