// `npm run bench:reminders` (also the last part of `npm run bench`): plans one day's reminders
// over many cases, on PostgreSQL and on PGlite, as the reminder job does (keyset batches of
// cases, one claim statement per batch) and reports the time and the peak heap above the
// baseline, which stays flat whatever the number of cases because no more than one batch is
// ever in memory.
//
//   BENCH_REMINDER_CASES_PG=100000     cases on PostgreSQL (goal: under 10 s)
//   BENCH_REMINDER_CASES_PGLITE=10000  cases on PGlite
//   BENCH_REMINDER_BATCH=2000          cases per batch
//   BENCH_DB=both|pglite|postgres      as for the dialog bench; PostgreSQL from DATABASE_URL, else
//                                      postgresql://postgres@127.0.0.1:5432/postgres, in a temporary
//                                      database tillaggsbot_bench_rem_<pid> (dropped after)
//
// The cases are a mix, a quarter each: granted for VT2027 with nothing applied for HT2027 (an
// application-deadline reminder, and a follow-up due 31 May that the follow-up schedule lists as
// coming), new and not taken (waiting + undecided), waiting for a completion, and rejected
// (nothing); plus a draft for HT2027 per ten cases. The day is
// Wednesday 14 April 2027, 10:00 in Stockholm: the day before HT2027's deadline. Queued
// deliveries are counted, not sent: this measures planning.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { planReminders } from '../app/reminders/plan';
import { openDatabase, type Database } from '../prisma/db';
import { createRepositories } from '../prisma/repositories';
import { fillForBench as fill } from './reminders-fill';
import { oneAtATime } from '../app/jobs/queue';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  const n = raw ? Number(raw) : fallback;
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name} must be a positive integer, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const CASES_PG = intEnv('BENCH_REMINDER_CASES_PG', 100_000);
const CASES_PGLITE = intEnv('BENCH_REMINDER_CASES_PGLITE', 10_000);
const BATCH = intEnv('BENCH_REMINDER_BATCH', 2000);
const DB_CHOICE = (process.env.BENCH_DB?.trim().toLowerCase() || 'both') as 'both' | 'pglite' | 'postgres';
const PG_URL = process.env.DATABASE_URL?.trim() || 'postgresql://postgres@127.0.0.1:5432/postgres';
const NOW = new Date('2027-04-14T08:00:00Z');

interface Figures {
  db: string;
  cases: number;
  planned: number;
  claimed: number;
  ms: number;
  againMs: number;
  peakHeapMb: number;
}

async function measure(label: string, db: Database, cases: number): Promise<Figures> {
  const t0 = performance.now();
  await fill(db, cases);
  console.log(`${label}: ${cases} cases filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const repos = createRepositories(db.prisma);
  let queued = 0;
  const deps = { repos, clock: { now: () => NOW }, jobs: oneAtATime(async () => void queued++) };
  const start = performance.now();
  const result = await planReminders(deps, { batchSize: BATCH });
  const ms = performance.now() - start;
  // Memory on the second pass: the heap still in use after a collection at every fifth batch
  // (run with --expose-gc, as the npm scripts do), which is what must stay flat.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let batches = 0;
  const factBatches = repos.reminders.factBatches.bind(repos.reminders);
  repos.reminders.factBatches = async function* (...args) {
    for await (const facts of factBatches(...args)) {
      yield facts;
      if (++batches % 5 === 0 && gc) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
  };
  // Again, as a second instance or a retried job would: everything is claimed already.
  const again0 = performance.now();
  const again = await planReminders(deps, { batchSize: BATCH });
  const againMs = performance.now() - again0;
  if (!gc) peak = NaN;
  if (again.claimed !== 0) throw new Error(`the second pass claimed ${again.claimed}: exactly once is broken`);
  if (queued !== result.claimed) throw new Error('queued and claimed differ');
  return { db: label, cases, planned: result.planned, claimed: result.claimed, ms: Math.round(ms), againMs: Math.round(againMs), peakHeapMb: Math.round(((peak - base) / 1e6) * 10) / 10 };
}

async function onPostgres(): Promise<Figures> {
  const name = `tillaggsbot_bench_rem_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 4 });
  try {
    return await measure('postgres', db, CASES_PG);
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

async function onPglite(): Promise<Figures> {
  const dir = await mkdtemp(join(tmpdir(), 'tillaggsbot-bench-rem-'));
  const db = await openDatabase({ url: undefined, dataDir: dir });
  try {
    return await measure('pglite', db, CASES_PGLITE);
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const results: Figures[] = [];
if (DB_CHOICE !== 'pglite') results.push(await onPostgres());
if (DB_CHOICE !== 'postgres') {
  // PGlite's own folder, never DATABASE_URL.
  delete process.env.DATABASE_URL;
  results.push(await onPglite());
}
console.log('\nReminder planning (one day, batches of %d cases; "again": a second instance finding every key claimed; heap: retained above the start, sampled after GC)', BATCH);
console.table(results.map((r) => ({ database: r.db, cases: r.cases, 'reminders due': r.planned, claimed: r.claimed, 'plan ms': r.ms, 'again ms': r.againMs, 'retained heap MB': r.peakHeapMb, 'cases/s': Math.round((r.cases / r.ms) * 1000) })));
const pgRun = results.find((r) => r.db === 'postgres');
if (pgRun && pgRun.cases >= 100_000 && pgRun.ms > 10_000) console.log(`NOTE: ${pgRun.cases} cases took ${pgRun.ms} ms on PostgreSQL, over the 10 s goal.`);
