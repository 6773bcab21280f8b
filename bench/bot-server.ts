// Child process for bench/run.ts: the real bot on a real database, started by bot/main.ts's
// runBot exactly as `npm run start` starts it (transport, handlers, repositories, the pg-boss job
// workers in the same database with their late-bound proactive sender), with the demo data and
// the bench principals seeded and the clock fixed. Runs in its own process so the load generator
// in the parent does not share its event loop; with PGlite the database runs here too, on the
// bot's event loop, exactly as in `npm start` without DATABASE_URL.
//
// Environment: BENCH_DB=pglite|postgres, BENCH_DATABASE_URL (postgres), BENCH_SEED_PRINCIPALS.
// IPC: sends {type:'ready'}; answers {type:'mark'} (reset CPU and log tallies) with 'marked',
// {type:'verify'} with the cases in the database, and {type:'channel'} with the channel posts and
// the case-card job queue; shuts down when the parent disconnects.
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { openDatabase, type Database } from '../prisma/db';
import { seedDemo, PLAYGROUND_TENANT_ID } from '../prisma/seed';
import { runBot } from '../bot/main';
import { createDevClock } from '../bot/dev-clock';
import { QUEUES } from '../bot/jobs';
import { createLogger } from '../bot/log';
import { botAccountId } from '../bot/transport';
import { openTestDatabase } from '../test/db/helpers';
import { countQueries } from '../test/perf/query-counter';
import { FIXTURE_TODAY } from '../test/domain/fixtures';
import { seedBenchPrincipals } from './principals';

export type ChildReady = { type: 'ready'; port: number; botAccountId: string; dbKind: string; startupMs: number };
export type ChildCase = { caseNumber: string; principalId: string; sourceDraftId: string | null; attachments: number; versions: number };
export type ChildVerified = {
  type: 'verified';
  cases: ChildCase[];
  cpu: { userMs: number; systemMs: number; wallMs: number };
  rssMb: number;
  logs: Record<string, number>;
  errorSamples: string[];
};
// After the run: one channel post per case, and whether the case-card queue still has work.
export type ChildChannel = {
  type: 'channel';
  cases: number;
  channelPosts: number;
  casesWithoutPost: number;
  /** Case-card jobs by pg-boss state (created, retry, active, completed, failed, ...). */
  caseCardJobs: Record<string, number>;
  logs: Record<string, number>;
  errorSamples: string[];
};
// CPU since the last mark, for a phase that needs no verification (the step phase).
// `statements`: sent to the database since the mark, by text (the commonest first, at most 12).
export type ChildCpu = { type: 'cpu'; cpu: { userMs: number; systemMs: number; wallMs: number }; statements: number; commonest: Array<[string, number]> };
export type ParentMessage = { type: 'mark' } | { type: 'verify' } | { type: 'channel' } | { type: 'cpu' };

const started = performance.now();
const kind = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'pglite';
const principals = Number(process.env.BENCH_SEED_PRINCIPALS ?? '0');

// PGlite: a copy of the migrated template in a temp folder (test/db/helpers), removed on close.
// PostgreSQL: the temporary database the parent created; pool as in bot/main.ts (default size).
// runBot gets the open database (it would open DATABASE_URL or a PGlite folder itself) and closes
// it on shutdown after the server and the workers, as in `npm start`.
let db: Database;
if (kind === 'postgres') {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('BENCH_DATABASE_URL is required for postgres');
  db = await openDatabase({ url });
} else {
  delete process.env.DATABASE_URL;
  db = await openTestDatabase();
}

await seedDemo(db.prisma, { tenantId: PLAYGROUND_TENANT_ID });
await seedBenchPrincipals(db.prisma, principals);

// Warnings and errors are tallied (and a few errors kept), not printed: a handler that fails
// under load must show up in the results, but the output has to stay readable.
let logs: Record<string, number> = {};
let errorSamples: string[] = [];
const logger = createLogger({
  level: 'warn',
  write: (line) => {
    const parsed = JSON.parse(line) as { level: string; msg: string };
    const key = `${parsed.level}: ${parsed.msg}`;
    logs[key] = (logs[key] ?? 0) + 1;
    if (parsed.level === 'error' && errorSamples.length < 5) errorSamples.push(line.slice(0, 2000));
  },
});

// The clock starts at the e2e tests' day, so deadlines (and "late") do not depend on the day it
// runs, and runs on with real time: a clock standing still made every case look just written
// to the sweep's minute of grace, while rows stamped by the database looked months old, so the
// sweep re-queued cards nobody asked for. Handlers and job workers share it, as in `npm start`.
const running = await runBot({
  // The parent's file host stands in for SharePoint: downloads from it must be allowed.
  env: { NODE_ENV: 'development', PORT: '0', LOG_LEVEL: 'warn', FILE_DOWNLOAD_HOSTS: 'http://127.0.0.1' },
  clock: createDevClock(FIXTURE_TODAY),
  logger,
  db,
  handleSignals: false,
});
const config = running.config;

// Every statement the bot sends (pool queries and transactions' clients), counted per phase.
const queries = countQueries(db.pool);
let cpuMark = process.cpuUsage();
let wallMark = performance.now();

// BENCH_CPU_PROF=<folder>: a V8 CPU profile of each measured phase only (from 'mark' to 'verify'
// or 'cpu'), written there as bot-<pid>-<phase>.cpuprofile; `node bench/profile-summary.mjs <file>`
// sums one up.
const profileDir = process.env.BENCH_CPU_PROF?.trim();
const profiler = profileDir ? new Session() : undefined;
let profiles = 0;
profiler?.connect();
async function startProfile(): Promise<void> {
  if (!profiler) return;
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
  await profiler.post('Profiler.start');
}
async function stopProfile(): Promise<void> {
  if (!profiler || !profileDir) return;
  const { profile } = await profiler.post('Profiler.stop');
  await mkdir(profileDir, { recursive: true });
  profiles += 1;
  await writeFile(join(profileDir, `bot-${process.pid}-${profiles}.cpuprofile`), JSON.stringify(profile));
}

process.on('message', (raw: ParentMessage) => {
  void (async () => {
    if (raw.type === 'mark') {
      await startProfile();
      queries.reset();
      cpuMark = process.cpuUsage();
      wallMark = performance.now();
      logs = {};
      errorSamples = [];
      process.send?.({ type: 'marked' });
    } else if (raw.type === 'verify') {
      const cpu = process.cpuUsage(cpuMark);
      const wallMs = performance.now() - wallMark;
      await stopProfile();
      const rows = await db.prisma.case.findMany({
        select: { caseNumber: true, principalId: true, sourceDraftId: true, _count: { select: { attachments: true, versions: true } } },
      });
      const reply: ChildVerified = {
        type: 'verified',
        cases: rows.map((r) => ({
          caseNumber: r.caseNumber,
          principalId: r.principalId,
          sourceDraftId: r.sourceDraftId,
          attachments: r._count.attachments,
          versions: r._count.versions,
        })),
        cpu: { userMs: cpu.user / 1000, systemMs: cpu.system / 1000, wallMs },
        rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
        logs,
        errorSamples,
      };
      process.send?.(reply);
    } else if (raw.type === 'cpu') {
      const cpu = process.cpuUsage(cpuMark);
      const wallMs = performance.now() - wallMark;
      await stopProfile();
      const byText = new Map<string, number>();
      for (const text of queries.statements) byText.set(text.slice(0, 160), (byText.get(text.slice(0, 160)) ?? 0) + 1);
      const reply: ChildCpu = {
        type: 'cpu',
        cpu: { userMs: cpu.user / 1000, systemMs: cpu.system / 1000, wallMs },
        statements: queries.count,
        commonest: [...byText].sort((a, b) => b[1] - a[1]).slice(0, 12),
      };
      process.send?.(reply);
    } else if (raw.type === 'channel') {
      const [cases, channelPosts, casesWithoutPost] = await Promise.all([
        db.prisma.case.count(),
        db.prisma.channelPost.count(),
        db.prisma.case.count({ where: { channelPost: null } }),
      ]);
      const jobs = await db.pool.query<{ state: string; n: number }>(
        'SELECT state::text AS state, count(*)::int AS n FROM pgboss.job WHERE name = $1 GROUP BY state',
        [QUEUES.caseCard],
      );
      const reply: ChildChannel = {
        type: 'channel',
        cases,
        channelPosts,
        casesWithoutPost,
        caseCardJobs: Object.fromEntries(jobs.rows.map((r) => [r.state, r.n])),
        logs,
        errorSamples,
      };
      process.send?.(reply);
    }
  })().catch((error: unknown) => {
    process.send?.({ type: 'failed', error: error instanceof Error ? error.stack : String(error) });
  });
});

// ^C reaches the whole process group; the parent stops this child by disconnecting, after which
// the server stops and the database closes (removing the PGlite copy), so ignore it here.
process.on('SIGINT', () => {});
process.on('disconnect', () => {
  void running
    .shutdown()
    .catch((error: unknown) => console.error('bench bot: shutdown failed', error))
    .finally(() => process.exit(0));
});

const ready: ChildReady = {
  type: 'ready',
  port: running.port,
  botAccountId: botAccountId(config),
  dbKind: db.kind,
  startupMs: Math.round(performance.now() - started),
};
process.send?.(ready);
