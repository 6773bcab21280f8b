// The follow-up and the renewal end to end over HTTP, on the development clock moved at
// /dev/clock, with the real job queue: two children granted for HT 2027; the clock moves into
// the term; the follow-up of the child with a protected identity is filed, the channel card says
// it came in (nothing about the child) and the handler opens it in the 1:1 chat; the renewal for
// VT 2028 is submitted from the receipt. The clock moves past 30 November: the other child's new
// application is refused at submit, naming the case and the term, with a button that opens the
// follow-up; filing it lifts the block at once.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createDevClock } from '../../bot/dev-clock';
import type { Repositories } from '../../domain/ports';
import type { TApplication, TApplicationDraft } from '../../domain/schemas';
import { QUEUES } from '../../app/jobs/queue';
import { FOLLOW_UP_MACHINE } from '../../app/follow-up/flow';
import { DEMO_IDS, DEMO_PEOPLE, PLAYGROUND_TENANT_ID } from '../../prisma/seed';
import { validateCard } from '../cards/validate';
import type { TestDatabase } from '../db/helpers';
import { validApplication } from '../domain/fixtures';
import type { CapturedCall, Harness } from './harness';
import { ELEVHALSA_CHANNEL, as, chatOf, startWorld, type World } from './world';
import { actionsOf, cardOf, cardText, heading, inputIds, lastPostedCard, press, walkToSummary, type Card } from './dialog-helpers';

const person = (role: string) => DEMO_PEOPLE.find((p) => p.role === role)!;
const principal = person('principal');
const handler = person('handler');
const head = person('head');
const CHANNEL = ELEVHALSA_CHANNEL;

let world: World;
let db: TestDatabase;
let repos: Repositories;
let harness: Harness;
let files: World['files'];

beforeAll(async () => {
  world = await startWorld({ self: as(principal), clock: createDevClock(new Date('2027-03-01T10:00:00+01:00')), jobs: 'queue' });
  ({ db, repos, harness, files } = world);
});

afterAll(() => world?.close());

const cardIn = (call: CapturedCall): Card => call.body.attachments[0].content as Card;
const postedTo = (conversationId: string, kinds: string[], since: number) => (c: CapturedCall) =>
  kinds.includes(c.kind) && c.conversationId === conversationId && c.status < 300 && harness.requests.indexOf(c) >= since;

async function moveClock(body: Record<string, unknown>): Promise<void> {
  const res = await fetch(new URL('/dev/clock', harness.botUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 200);
}

async function submit(app: TApplicationDraft): Promise<{ caseId: string; caseNumber: string }> {
  app.unit = { id: DEMO_IDS.units.jarnboas };
  await harness.sendMessage('ny ansökan', as(principal));
  const summary = await walkToSummary(harness, files, lastPostedCard(harness, chatOf(principal)), app);
  const receipt = await press(harness, summary, 'app.submit', { 'signature.confirmed': 'true' }, as(principal));
  const caseNumber = /TB-\d{4}-\d{4}/.exec(cardText(receipt))![0];
  return { caseId: (await repos.cases.byNumber(DEMO_IDS.municipality, caseNumber))!.id, caseNumber };
}

async function grant(caseId: string, caseNumber: string): Promise<string> {
  const since = harness.requests.length;
  const form = cardOf(await harness.sendCardAction({ caseId }, { ...as(head), verb: 'case.decision.form' }));
  await press(harness, form, 'case.decision.send', {
    'decision.outcome': 'approved',
    'decision.amountPerMonth': '21000',
    'decision.from': '2027-08-16',
    'decision.to': '2027-12-22',
    'decision.followUpSchedule': 'every_term',
  }, as(head));
  const letter = await harness.waitFor((c) => postedTo(chatOf(principal), ['create'], since)(c) && cardText(cardIn(c)).includes(caseNumber), 10_000);
  return cardText(cardIn(letter));
}

// Every step of the follow-up dialog, answered from the card's own inputs.
async function fileFollowUp(first: Card, ratings: (areaInput: string) => string, need: 'yes' | 'changed' | 'no'): Promise<Card> {
  let card = first;
  assert.match(heading(card), /^Uppföljning · steg 1 av 5 · Insatserna/);
  // Nästa with nothing answered: the messages stand next to the fields, and the step stays.
  const refused = await press(harness, card, 'followup.step.next', {}, as(principal));
  assert.match(heading(refused), /steg 1 av 5/);
  assert.match(cardText(refused), /Välj om insats 1/);
  const measureInputs = Object.fromEntries(
    inputIds(card).flatMap((id) => {
      const [, , , answer] = id.split('.');
      if (answer === 'carriedOut') return [[id, 'as_planned']];
      if (answer === 'hoursPerWeek') return [[id, '8']];
      if (answer === 'effect') return [[id, 'Färre konflikter på rasterna och fler avslutade uppgifter.']];
      return [];
    }),
  );
  card = await press(harness, refused, 'followup.step.next', measureInputs, as(principal));
  assert.match(heading(card), /steg 2 av 5 · Ny behovsbedömning/);
  assert.match(cardText(card), /Förra bedömningen: nuläge/);
  // Save and resume: "uppföljning" lists it again with a button that continues it.
  const saved = await press(harness, card, 'followup.draft.save', {}, as(principal));
  assert.match(heading(saved), /sparad/);
  card = await press(harness, saved, 'followup.open', {}, as(principal));
  assert.match(heading(card), /steg 2 av 5/);
  const areaInputs = Object.fromEntries(inputIds(card).filter((id) => id.startsWith('assessment.')).map((id) => [id, ratings(id)]));
  card = await press(harness, card, 'followup.step.next', areaInputs, as(principal));
  assert.match(heading(card), /steg 3 av 5 · Fortsatt behov/);
  // Back keeps what was typed.
  const back = await press(harness, card, 'followup.step.back', { 'followUp.continuedNeed': need }, as(principal));
  assert.match(heading(back), /steg 2 av 5/);
  card = await press(harness, back, 'followup.step.next', {}, as(principal));
  card = await press(harness, card, 'followup.step.next', { 'followUp.continuedNeed': need, 'followUp.comment': 'Behovet visar sig främst vid övergångar och i stora grupper.' }, as(principal));
  assert.match(heading(card), /steg 4 av 5 · Bilagor/);
  card = await press(harness, card, 'followup.step.next', {}, as(principal));
  assert.match(heading(card), /steg 5 av 5 · Sammanfattning/);
  assert.deepEqual(validateCard(card), []);
  const unsigned = await press(harness, card, 'followup.submit', { 'signature.confirmed': 'false' }, as(principal));
  assert.match(heading(unsigned), /kan inte lämnas in än/);
  card = await press(harness, unsigned, 'followup.step.goto', {}, as(principal));
  return press(harness, card, 'followup.submit', { 'signature.confirmed': 'true' }, as(principal));
}

describe('follow-up and renewal over HTTP on the development clock', () => {
  const protectedChild = (): TApplicationDraft => {
    const app = validApplication();
    app.pupil = { protectedIdentity: true, registeredMunicipality: 'Nora kommun', schoolForm: 'grundskola', grade: '6' };
    return app;
  };
  let a: { caseId: string; caseNumber: string };
  let b: { caseId: string; caseNumber: string };

  test('two children are granted for HT 2027; the letter says how to follow up', async () => {
    for (const who of [principal, handler, head]) await harness.sendInstall(as(who));
    await harness.sendInstall(as(handler, 'channel'));
    a = await submit(protectedChild());
    b = await submit(validApplication());
    const letter = await grant(a.caseId, a.caseNumber);
    assert.match(letter, /Uppföljning: rektorn lämnar en skriftlig uppföljning till chefen för Elevhälsan en gång per termin \(höstterminen 2027 senast 30 november 2027\)/);
    await grant(b.caseId, b.caseNumber);
    assert.deepEqual((await repos.decisions.forCase(a.caseId))[0]?.followUpSchedule, { kind: 'every_term' });
    // Before the term, nothing can be filed yet; it is listed as coming.
    await harness.sendMessage('uppföljning', as(principal));
    const list = lastPostedCard(harness, chatOf(principal));
    assert.match(cardText(list), /ingen uppföljning att lämna just nu/);
    assert.match(cardText(list), /Kommande/);
  });

  test('in the term the protected child’s follow-up is filed; the channel card says so; the handler reads it', async () => {
    await moveClock({ set: '2027-09-20T09:00:00+02:00' });
    await harness.sendMessage('uppföljning', as(principal));
    const list = lastPostedCard(harness, chatOf(principal));
    assert.match(cardText(list), /2 uppföljningar ska lämnas/);
    assert.deepEqual(validateCard(list), []);
    const first = await press(harness, list, 'followup.start', {}, as(principal), (d) => d.caseId === a.caseId);
    const since = harness.requests.length;
    const receipt = await fileFollowUp(first, (id) => (id.endsWith('.current') ? (id.includes('social') || id.includes('emotional') ? '2' : '1') : '1'), 'changed');
    assert.match(heading(receipt), /Uppföljningen är inlämnad/);
    assert.match(cardText(receipt), /vårterminen 2028/);
    const stored = await repos.followUps.get(a.caseId, 'HT2027');
    assert.ok(stored);
    assert.equal(stored.submittedAt.toISOString().slice(0, 10), '2027-09-20', 'dated by the moved clock');
    const audit = (await repos.audit.list('case', a.caseId)).map((e) => e.action);
    assert.ok(audit.includes('followup.submitted'));
    // Immutable: the database refuses to rewrite it.
    await assert.rejects(db.prisma.$executeRawUnsafe(`UPDATE "follow_ups" SET "results" = 'x' WHERE "id" = '${stored.id}'`));

    const updated = await harness.waitFor((c) => postedTo(CHANNEL, ['update', 'create'], since)(c) && cardText(cardIn(c)).includes('Uppföljning HT 2027 inkommen'), 10_000);
    const channelText = cardText(cardIn(updated));
    assert.match(channelText, /Stor förändring i bedömt stöd/);
    for (const hidden of ['Färre konflikter', 'övergångar', 'Skyddad identitet (ref']) assert.ok(!channelText.includes(hidden) || hidden.startsWith('Skyddad'), `the channel shows ${hidden}`);

    const viewed = await harness.sendCardAction({ caseId: a.caseId, term: 'HT2027' }, { ...as(handler, 'channel'), verb: 'case.followup.view' });
    assert.equal(viewed.type, 'application/vnd.microsoft.activity.message');
    const detail = cardIn(await harness.waitFor((c) => c.conversationId === chatOf(handler) && c.kind === 'create' && cardText(cardIn(c)).includes('Uppföljning av tilläggsbelopp')));
    assert.match(cardText(detail), /Bedömt stöd: .* → /);
    assert.match(cardText(detail), /Färre konflikter/);
    assert.deepEqual(validateCard(detail), []);

    // A second filing of the same term answers with the receipt, nothing new is stored.
    const again = cardOf(await harness.sendCardAction({ caseId: a.caseId, term: 'HT2027' }, { ...as(principal), verb: 'followup.start' }));
    assert.match(heading(again), /inlämnad/);
    assert.equal((await repos.followUps.forCase(a.caseId)).length, 1);

    // Renewal from the receipt: VT 2028, prefilled, each step shown, the re-rating carried over.
    let card = await press(harness, receipt, 'case.renew', {}, as(principal));
    assert.match(heading(card), /^Steg 1 av 10/);
    assert.match(cardText(card), /ifylld från/);
    for (let step = 1; step < 10; step++) {
      card = await press(harness, card, 'step.next', {}, as(principal));
      assert.match(heading(card), new RegExp(`^Steg ${step + 1} av 10`), cardText(card).slice(0, 300));
    }
    assert.match(cardText(card), /Vårterminen 2028/);
    const renewed = await press(harness, card, 'app.submit', { 'signature.confirmed': 'true' }, as(principal));
    assert.match(heading(renewed), /inskickad/);
    const number = /TB-\d{4}-\d{4}/.exec(cardText(renewed))![0];
    const kase = (await repos.cases.byNumber(DEMO_IDS.municipality, number))!;
    assert.equal(kase.term, 'VT2028');
    const data = (await repos.cases.latestVersion(kase.id))!.data as TApplication;
    assert.equal(data.renewalOf, a.caseId);
    assert.equal(data.pupil.protectedIdentity, true);
    assert.equal(data.pupil.personnummer, undefined);
    assert.deepEqual(data.assessment, stored.ratings, 'the assessment is the follow-up re-rating');
    assert.ok(data.attachments.every((f) => f.reusedFrom === a.caseId && f.addedOn), 'files kept by reference with their date');
  });

  test('the follow-up reminder’s button starts that case’s follow-up', async () => {
    // Tuesday 16 November 2027: 14 days before the other child's follow-up is due (30 November).
    await moveClock({ set: '2027-11-16T09:00:00+01:00' });
    const since = harness.requests.length;
    await world.jobs!.enqueue(QUEUES.reminderPlan, {});
    const call = await harness.waitFor((c) => postedTo(chatOf(principal), ['create'], since)(c) && heading(cardIn(c)) === 'Dags för uppföljning', 15_000);
    const reminder = cardIn(call);
    assert.match(cardText(reminder), new RegExp(b.caseNumber));
    assert.match(cardText(reminder), /30 november 2027/);
    assert.deepEqual(validateCard(reminder), []);
    assert.deepEqual(actionsOf(reminder).map((a) => a.title), ['Lämna uppföljning', 'Påminn mig igen om en vecka']);
    const first = await press(harness, reminder, 'followup.start', {}, as(principal));
    assert.match(heading(first), /^Uppföljning · steg 1 av 5 · Insatserna/);
    assert.equal((await repos.snapshots.listOpenForCase(b.caseId, FOLLOW_UP_MACHINE)).length, 1, 'that case’s follow-up is open');
  });

  test('after 30 November a new application for the other child is blocked until its follow-up is filed', async () => {
    await moveClock({ set: '2027-12-05T09:00:00+01:00' });
    const app = validApplication();
    app.term = 'VT2028';
    app.unit = { id: DEMO_IDS.units.jarnboas };
    await harness.sendMessage('ny ansökan', as(principal));
    const summary = await walkToSummary(harness, files, lastPostedCard(harness, chatOf(principal)), app);
    const blocked = await press(harness, summary, 'app.submit', { 'signature.confirmed': 'true' }, as(principal));
    assert.match(heading(blocked), /kan inte skickas in än/);
    assert.match(cardText(blocked), new RegExp(`Uppföljningen för ärende ${b.caseNumber} \\(höstterminen 2027\\) är inte inlämnad`));
    assert.deepEqual(validateCard(blocked), []);
    const first = await press(harness, blocked, 'followup.start', {}, as(principal));
    const receipt = await fileFollowUp(first, (id) => (id.endsWith('.current') && id.includes('social') ? '3' : '1'), 'yes');
    assert.match(heading(receipt), /inlämnad/);
    // The block is lifted at once: the same draft goes in.
    const draft = (await repos.snapshots.listOpen((await repos.people.findByAad(PLAYGROUND_TENANT_ID, principal.aadObjectId))!.id, 'application'))[0]!;
    const summaryAgain = cardOf(await harness.sendCardAction({ draftId: draft.id, step: 'summary' }, { ...as(principal), verb: 'step.goto' }));
    const done = await press(harness, summaryAgain, 'app.submit', { 'signature.confirmed': 'true' }, as(principal));
    assert.match(heading(done), /inskickad/, cardText(done).slice(0, 400));
  });
});
