// Reminders over the database, driven by the clock: a school term simulated day by day with two
// bot instances planning on one database (each twice a day, as a retried job would), every
// reminder sent on its working day exactly once. Then gallring: a dry run, the erasure, the
// audit trail and the admin's message.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { AdaptiveCard } from '../../cards';
import type { Clock } from '../../domain/clock';
import { isWorkingDay } from '../../domain/calendar';
import type { Repositories } from '../../domain/ports';
import { addDays, localDate } from '../../domain/terms';
import type { JobDeps } from '../../app/jobs/definition';
import { oneAtATime, type JobQueue } from '../../app/jobs/queue';
import { RecipientGone, type Messenger } from '../../app/ports';
import { deliverReminder } from '../../app/reminders/deliver';
import { planReminders } from '../../app/reminders/plan';
import { myReminders, setReminderPaused, snoozeReminder } from '../../app/reminders/settings';
import { gallra } from '../../app/retention/gallring';
import { PrismaClient } from '../../prisma/generated/client';
import { createRepositories } from '../../prisma/repositories';
import { ids, newDraft, seed, submission } from './fixtures';
import { openTestDatabase, type TestDatabase } from './helpers';

let db: TestDatabase;
let repos: Repositories;
let second: { repos: Repositories; close(): Promise<void> };
let now = new Date('2027-01-04T09:00:00Z');
const clock: Clock = { now: () => now };
const sent: Array<{ day: string; to: string; summary: string; card: AdaptiveCard }> = [];
let refuse: string | null = null;
const messenger: Messenger = {
  async send(reference, card, summary) {
    const to = (reference as { id: string }).id;
    if (refuse === to) throw new RecipientGone(403, 'the bot was removed');
    sent.push({ day: localDate(now, 'Europe/Stockholm'), to, summary, card });
    return { id: `a${sent.length}`, conversationId: to };
  },
  async update() {},
  async offerFile() {},
};
const log = { warn() {}, error() {}, debug() {} };

// One bot instance: its own connection pool and repositories, its own queue whose jobs it runs.
function instance(r: Repositories) {
  const queued: string[] = [];
  const jobs: JobQueue = oneAtATime(async (_q, data) => void queued.push((data as { sendId: string }).sendId));
  const deps: JobDeps = { repos: r, clock, messenger, jobs, log };
  return {
    plan: () => planReminders(deps),
    async deliver() {
      for (const id of queued.splice(0)) await deliverReminder(deps, id);
    },
  };
}

const caseIds: Record<string, string> = {};
let draftId = '';

describe('reminders driven by the clock, two instances on one database', () => {
  beforeAll(async () => {
    db = await openTestDatabase();
    repos = createRepositories(db.prisma);
    await seed(db.prisma);
    const pool = new pg.Pool({ connectionString: db.connectionString, max: 1 });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    second = { repos: createRepositories(prisma), close: async () => { await prisma.$disconnect(); await pool.end(); } };

    await repos.conversations.upsertPersonal({ personId: ids.people.principal, tenantId: 'tenant-test', conversationId: 'chat-principal', serviceUrl: 'https://smba.example', reference: { id: 'principal' } });
    await repos.conversations.upsertPersonal({ personId: ids.people.admin, tenantId: 'tenant-test', conversationId: 'chat-admin', serviceUrl: 'https://smba.example', reference: { id: 'admin' } });
    await repos.conversations.upsertChannel({ tenantId: 'tenant-test', teamId: 'team', channelId: 'channel', conversationId: 'channel', serviceUrl: 'https://smba.example', reference: { id: 'channel' } });
    await repos.municipalities.setElevhalsaChannel(ids.municipality, { teamId: 'team', channelId: 'channel' });

    // A: granted for VT2027, nothing applied for HT2027.
    const a = await repos.cases.submitApplication(submission((await newDraft(repos)).id, { term: 'VT2027', pupilRef: 'Elev A', now: new Date('2026-10-01T09:00:00Z') }));
    caseIds.A = a.case.id;
    const decision = await repos.decisions.record({ caseId: a.case.id, outcome: 'approved', amountPerMonth: 5000, from: '2027-01-01', to: '2027-06-30', text: 'Beviljas.', decidedById: ids.people.head, decidedAt: new Date('2026-11-20T09:00:00Z') });
    await repos.decisions.markDelivery(decision.id, 'delivered', new Date('2026-11-20T09:05:00Z'));
    await repos.cases.setStatus(a.case.id, 'decided', { by: null });
    // C: a completion request sent Monday 1 February 2027, never answered.
    const c = await repos.cases.submitApplication(submission((await newDraft(repos)).id, { term: 'VT2027', pupilRef: 'Elev C', now: new Date('2027-01-20T09:00:00Z') }));
    caseIds.C = c.case.id;
    await repos.cases.setStatus(c.case.id, 'completion_requested', { by: null });
    const request = await repos.completions.create({ caseId: c.case.id, message: 'Bifoga åtgärdsprogrammet.', step: 'attachments', requestedById: ids.people.handler, requestedAt: new Date('2027-02-01T10:00:00Z') });
    await repos.completions.markDelivery(request.id, 'delivered');
    // D: a draft for HT2027, never sent in.
    draftId = (await newDraft(repos)).id;
  });
  afterAll(async () => {
    await second?.close();
    await db?.close();
  });

  test('a school term day by day: every reminder on its working day, exactly once', async () => {
    const one = instance(repos);
    const two = instance(second.repos);
    for (let day = '2027-01-04'; day <= '2027-06-30'; day = addDays(day, 1)) {
      if (day === '2027-05-10') {
        // N: submitted Monday 10 May for HT2027; nobody takes it.
        const n = await repos.cases.submitApplication(submission((await newDraft(repos)).id, { term: 'HT2027', pupilRef: 'Elev N', now: new Date('2027-05-10T08:00:00Z') }));
        caseIds.N = n.case.id;
      }
      // 09:00 UTC: within office hours in Stockholm, winter and summer; the two instances
      // plan at the same moment, then one plans again (a retried job).
      now = new Date(`${day}T09:00:00Z`);
      await Promise.all([one.plan(), two.plan()]);
      await two.plan();
      await Promise.all([one.deliver(), two.deliver()]);
    }
    for (const s of sent) assert.ok(isWorkingDay(s.day), `${s.day} is a working day`);
    assert.deepEqual(
      // Sorted: within a day the two instances deliver side by side.
      sent.map((s) => `${s.day} ${s.to} ${s.summary}`).sort(),
      [
        '2027-02-08 principal Kompletteringen är inte besvarad',
        '2027-02-11 principal Kompletteringen är inte besvarad',
        '2027-03-25 principal Snart sista dag att ansöka',
        '2027-03-25 principal Ditt utkast är inte inskickat',
        '2027-04-08 principal Snart sista dag att ansöka',
        '2027-04-08 principal Ditt utkast är inte inskickat',
        '2027-04-14 principal Snart sista dag att ansöka',
        '2027-04-14 principal Ditt utkast är inte inskickat',
        // A's follow-up for VT2027 is due Monday 31 May: 14 and 3 days before, 1 and 7 days
        // after; never filed, so Elevhälsan's weekly summary lists it from the first overdue day
        // of that week, then every Monday.
        '2027-05-17 principal Dags för uppföljning',
        '2027-05-28 principal Dags för uppföljning',
        '2027-06-01 principal Uppföljningen är försenad',
        '2027-06-07 principal Uppföljningen är försenad',
        '2027-06-01 channel Försenade uppföljningar',
        '2027-06-07 channel Försenade uppföljningar',
        '2027-06-14 channel Försenade uppföljningar',
        '2027-06-21 channel Försenade uppföljningar',
        '2027-06-28 channel Försenade uppföljningar',
        `2027-05-13 channel Ärende ${(await repos.cases.get(caseIds.N!))!.caseNumber} väntar på en handläggare`,
        `2027-06-17 channel Ärende ${(await repos.cases.get(caseIds.N!))!.caseNumber} har inget beslut`,
      ].sort(),
    );
    // Each reminder carries the button that does the thing and the snooze.
    const draftCard = sent.find((s) => s.summary === 'Ditt utkast är inte inskickat')!.card;
    const titles = (draftCard.actions ?? []).map((a) => (a as { title: string }).title);
    assert.deepEqual(titles, ['Öppna utkastet', 'Påminn mig igen om en vecka']);
    const rows = await db.pool.query(`SELECT count(*)::int AS n, count(DISTINCT (kind, subject, occurrence))::int AS keys FROM reminder_sends WHERE status = 'sent'`);
    assert.equal(rows.rows[0].n, sent.length);
    assert.equal(rows.rows[0].keys, sent.length);
  });

  test('nothing is sent outside office hours or on a holiday', async () => {
    const before = sent.length;
    const one = instance(repos);
    const n = await repos.cases.submitApplication(submission((await newDraft(repos)).id, { term: 'VT2028', pupilRef: 'Elev Q', now: new Date('2027-12-20T08:00:00Z') }));
    // Three working days after Monday 20 December is Thursday 23 December; at 06:00 local it waits.
    now = new Date('2027-12-23T05:00:00Z');
    assert.deepEqual(await one.plan(), { planned: 0, claimed: 0 });
    now = new Date('2027-12-24T10:00:00Z');
    assert.deepEqual(await one.plan(), { planned: 0, claimed: 0 });
    now = new Date('2027-12-23T09:00:00Z');
    await one.plan();
    await one.deliver();
    // Waiting for a handler, and (VT2028 starts 1 January) undecided close to the term's start;
    // and that week's summary of A's follow-up, still not filed.
    assert.deepEqual(sent.slice(before).map((s) => `${s.day} ${s.summary}`).sort(), [
      '2027-12-23 Försenade uppföljningar',
      `2027-12-23 Ärende ${n.case.caseNumber} har inget beslut`,
      `2027-12-23 Ärende ${n.case.caseNumber} väntar på en handläggare`,
    ]);
  });

  test('a reminder whose reason went away before it was sent is dropped; a gone recipient is undeliverable', async () => {
    const one = instance(repos);
    const x = await repos.cases.submitApplication(submission((await newDraft(repos)).id, { term: 'VT2028', pupilRef: 'Elev X', now: new Date('2028-01-10T08:00:00Z') }));
    now = new Date('2028-01-13T09:00:00Z');
    const queue = instance(repos);
    await queue.plan();
    // Taken between the plan and the send.
    await repos.cases.assignHandler(x.case.id, ids.people.handler, ids.people.handler);
    const before = sent.length;
    await queue.deliver();
    // Only that week's summary of A's overdue follow-up went out; nothing about X.
    assert.deepEqual(sent.slice(before).map((s) => s.summary), ['Försenade uppföljningar']);
    const dropped = await db.pool.query(`SELECT status FROM reminder_sends WHERE subject = $1`, [x.case.id]);
    assert.deepEqual(dropped.rows.map((r) => r.status), ['dropped']);

    // The principal removed the bot: 403, recorded, shown to Elevhälsan.
    const draft = await repos.snapshots.create({ machine: 'application', personId: ids.people.principal, label: 'Utkast 2', snapshot: { value: 'pupil', context: { draft: { term: 'HT2028' } } } });
    refuse = 'principal';
    now = new Date('2028-04-13T08:00:00Z');
    await one.plan();
    await one.deliver();
    refuse = null;
    const gone = await repos.reminders.listUndeliverable(ids.municipality, 10);
    assert.ok(gone.some((g) => g.subject === draft.id && g.kind === 'draft_deadline'));
    const admin = { person: (await repos.people.get(ids.people.head))!, municipality: (await repos.municipalities.get(ids.municipality))!, units: [] };
    const card = JSON.stringify(await myReminders({ repos, clock }, admin));
    assert.match(card, /inte kom fram till rektorn/);
  });

  test('påminnelser lists what is coming; a kind can be paused; a reminder can be snoozed a week', async () => {
    const principal = { person: (await repos.people.get(ids.people.principal))!, municipality: (await repos.municipalities.get(ids.municipality))!, units: [(await repos.units.get(ids.units.jarnboas))!] };
    now = new Date('2028-04-03T08:00:00Z');
    const listed = JSON.stringify(await myReminders({ repos, clock }, principal));
    assert.match(listed, /Utkast som inte är inskickade/);
    // HT2028's deadline, 15 April 2028, is a Saturday; the day before is långfredagen, so the
    // last reminder goes out on Thursday 13 April.
    assert.match(listed, /13 april 2028/);
    await setReminderPaused({ repos, clock }, principal, 'draft_deadline', true);
    assert.deepEqual(await repos.reminders.pausedKinds(ids.municipality, ids.people.principal), ['draft_deadline']);
    const paused = JSON.stringify(await myReminders({ repos, clock }, principal));
    assert.match(paused, /pausad/);
    assert.doesNotMatch(paused, /13 april 2028/);
    await setReminderPaused({ repos, clock }, principal, 'draft_deadline', false);
    const [claimed] = (await db.pool.query(`SELECT id FROM reminder_sends WHERE kind = 'draft_deadline' ORDER BY claimed_at DESC LIMIT 1`)).rows;
    const reply = await snoozeReminder({ repos, clock }, principal, claimed.id);
    assert.deepEqual(reply, { toast: 'Du blir påmind igen 10 april 2028, om det fortfarande behövs.' });

    // The snooze and the pause reach the plan for a draft too: the reminder comes back on Monday
    // 10 April, and a paused kind is not claimed on its day (Thursday 13 April).
    const { subject } = (await db.pool.query(`SELECT subject FROM reminder_sends WHERE id = $1`, [claimed.id])).rows[0];
    const draftSends = async () => (await db.pool.query(`SELECT occurrence FROM reminder_sends WHERE kind = 'draft_deadline' AND subject = $1 ORDER BY occurrence`, [subject])).rows.map((r) => r.occurrence);
    const before = await draftSends();
    now = new Date('2028-04-10T08:00:00Z');
    await instance(repos).plan();
    assert.deepEqual(await draftSends(), [...before, 'again:2028-04-10'].sort());
    await setReminderPaused({ repos, clock }, principal, 'draft_deadline', true);
    now = new Date('2028-04-13T08:00:00Z');
    await instance(repos).plan();
    assert.deepEqual(await draftSends(), [...before, 'again:2028-04-10'].sort());
    await setReminderPaused({ repos, clock }, principal, 'draft_deadline', false);
  });

  test('a failed delivery is reminded from the day it failed, not the day of the decision', async () => {
    // [decided, delivery failed, planned at, expected send_on, expected about (the day it failed,
    // in Stockholm)]; an empty send_on: nothing about that decision at that moment.
    const table: Array<[string, string, string, string | null, string | null]> = [
      // Decided Monday 8 May 2028, failed Thursday the 11th: reminded Thursday, about Thursday.
      ['2028-05-08T09:00:00Z', '2028-05-11T08:30:00Z', '2028-05-11T09:00:00Z', '2028-05-11', '2028-05-11'],
      // Failed on Saturday the 13th: nothing that day, Monday the 15th names Saturday.
      ['2028-05-10T09:00:00Z', '2028-05-13T10:00:00Z', '2028-05-13T10:00:00Z', null, null],
      ['2028-05-10T09:00:00Z', '2028-05-13T10:00:00Z', '2028-05-15T09:00:00Z', '2028-05-15', '2028-05-13'],
      // 23:30 UTC on Sunday is 01:30 on Monday the 15th in Stockholm.
      ['2028-05-12T09:00:00Z', '2028-05-14T23:30:00Z', '2028-05-15T09:00:00Z', '2028-05-15', '2028-05-15'],
    ];
    const one = instance(repos);
    const decisions = new Map<string, string>();
    for (const [decided, failed] of table) {
      const key = `${decided}|${failed}`;
      if (decisions.has(key)) continue;
      const f = await repos.cases.submitApplication(submission((await newDraft(repos)).id, { term: 'HT2028', pupilRef: `Elev F${decisions.size}`, now: new Date('2028-04-20T08:00:00Z') }));
      const d = await repos.decisions.record({ caseId: f.case.id, outcome: 'rejected', reason: 'Ordinära insatser räcker.', text: 'Avslag.', decidedById: ids.people.head, decidedAt: new Date(decided) });
      await repos.cases.setStatus(f.case.id, 'decided', { by: null });
      decisions.set(key, d.id);
    }
    for (const [decided, failed, plannedAt, sendOn, about] of table) {
      const decisionId = decisions.get(`${decided}|${failed}`)!;
      await repos.decisions.markDelivery(decisionId, 'failed', new Date(failed));
      now = new Date(plannedAt);
      await one.plan();
      const rows = (await db.pool.query(`SELECT to_char(send_on, 'YYYY-MM-DD') AS send_on, to_char(about, 'YYYY-MM-DD') AS about FROM reminder_sends WHERE kind = 'delivery_failed' AND subject = $1`, [decisionId])).rows;
      assert.deepEqual(rows, sendOn ? [{ send_on: sendOn, about }] : [], `decided ${decided}, failed ${failed}, planned ${plannedAt}`);
    }
    // The card names the day it failed.
    const before = sent.length;
    now = new Date('2028-05-15T09:30:00Z');
    await one.deliver();
    const texts = sent.slice(before).filter((s) => s.summary.includes('kom inte fram')).map((s) => JSON.stringify(s.card));
    assert.equal(texts.length, 3);
    assert.ok(texts.some((t) => t.includes('levereras till rektorn (11 maj 2028)')));
    assert.ok(texts.some((t) => t.includes('levereras till rektorn (13 maj 2028)')));
  });

  test('gallring: a dry run lists, the run erases with a non-identifying audit record, the admin is told', async () => {
    const kept = await repos.cases.submitApplication(submission((await newDraft(repos)).id, { term: 'HT2027', pupilRef: 'Elev G', now: new Date('2027-05-01T08:00:00Z') }));
    const d = await repos.decisions.record({ caseId: kept.case.id, outcome: 'approved', amountPerMonth: 1000, from: '2027-07-01', to: '2028-06-30', text: 'Beviljas.', decidedById: ids.people.head });
    await repos.decisions.markDelivery(d.id, 'delivered');
    await repos.cases.setStatus(kept.case.id, 'decided', { by: null });
    const a = (await repos.cases.get(caseIds.A!))!;
    // 36 months after 30 June 2027 is 30 June 2030: erased from that day.
    now = new Date('2030-06-29T08:00:00Z');
    const deps = { repos, clock, log, messenger };
    const early = await gallra(deps, { dryRun: true });
    assert.deepEqual(early[0]!.cases, []);
    now = new Date('2030-06-30T08:00:00Z');
    const dry = await gallra(deps, { dryRun: true });
    assert.deepEqual(dry[0]!.cases, [a.caseNumber]);
    assert.ok(dry[0]!.drafts >= 1);
    assert.ok(await repos.cases.get(a.id), 'a dry run erases nothing');
    assert.equal(sent.at(-1)!.to, 'admin');
    assert.match(JSON.stringify(sent.at(-1)!.card), /skulle gallras/);

    const report = await gallra(deps);
    assert.deepEqual(report[0]!.cases, [a.caseNumber]);
    assert.equal(await repos.cases.get(a.id), null);
    assert.ok(await repos.cases.get(kept.case.id), 'a grant that ended later stays');
    assert.ok(await repos.cases.get(caseIds.C!), 'an undecided case stays');
    assert.equal(await repos.snapshots.load(draftId), null, 'the untouched draft is gone');
    assert.equal(Number((await db.pool.query(`SELECT count(*) AS n FROM reminder_sends WHERE case_id = $1`, [a.id])).rows[0].n), 0);
    const trail = await repos.audit.list('case', a.id);
    assert.equal(trail.at(-1)!.action, 'case.erased');
    assert.doesNotMatch(JSON.stringify(trail.at(-1)!.details), /Elev A/);
    const ran = await repos.audit.list('municipality', ids.municipality);
    assert.equal(ran.at(-1)!.action, 'retention.ran');
    assert.match(JSON.stringify(sent.at(-1)!.card), /har gallrats/);
    assert.equal(sent.at(-1)!.to, 'admin');
  });
});
