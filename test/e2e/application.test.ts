// The principal's application dialog end to end: Bot Framework activities over HTTP into the
// real transport, handlers and database (PGlite here, PostgreSQL in CI), a fake connector
// capturing what the bot sends.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRepositories } from '../../prisma/repositories';
import { DEMO_IDS, DEMO_PEOPLE, PLAYGROUND_TENANT_ID } from '../../prisma/seed';
import type { TApplicationDraft } from '../../domain/schemas';
import { validateCard } from '../cards/validate';
import { validApplication } from '../domain/fixtures';
import type { TestDatabase } from '../db/helpers';
import { startHarness, type Harness } from './harness';
import { DEFAULT_FILES, as, chatOf, startWorld, type World } from './world';
import {
  action,
  walkToSummary,
  cardOf,
  cardText,
  heading,
  lastPostedCard,
  newApplication,
  press,
  stepInputs,
  type Card,
} from './dialog-helpers';

const principal = DEMO_PEOPLE.find((p) => p.role === 'principal')!;
const handler = DEMO_PEOPLE.find((p) => p.role === 'handler')!;
const asHandler = as(handler);

function application(): TApplicationDraft {
  const app = validApplication();
  app.unit = { id: DEMO_IDS.units.jarnboas };
  return app;
}

let world: World;
let db: TestDatabase;
let harness: Harness;
let files: World['files'];

beforeAll(async () => {
  world = await startWorld({ self: as(principal), files: { ...DEFAULT_FILES, 'program.exe': new TextEncoder().encode('MZ') } });
  ({ db, harness, files } = world);
});

afterAll(() => world?.close());

async function newDraft(): Promise<Card> {
  const card = await newApplication(harness);
  assert.match(heading(card), /^Steg 1 av 10/);
  return card;
}

const draftIdOf = (card: Card) => String(action(card, 'draft.save').data.draftId);

const fillToSummary = (first: Card, app: TApplicationDraft) => walkToSummary(harness, files, first, app);

describe('application dialog over HTTP', () => {
  test('install welcomes the principal once and stores the chat for later messages', async () => {
    harness.reset();
    await harness.sendInstall({ via: 'installationUpdate' });
    await harness.sendInstall({ via: 'membersAdded' });
    const welcomes = harness.sent.filter((c) => c.body?.attachments?.[0]?.content);
    assert.equal(welcomes.length, 1);
    assert.match(cardText(welcomes[0]!.body.attachments[0].content), /Hej Alex Wilber!/);
    const stored = await createRepositories(db.prisma).conversations.getPersonal(principal.id);
    assert.equal(stored?.conversationId, harness.conversation.id);
  });

  test('a full application, from "ny ansökan" to a case number', async () => {
    const summary = await fillToSummary(await newDraft(), application());
    assert.match(heading(summary), /Steg 10 av 10/);
    assert.match(cardText(summary), /Alva Berg/);
    assert.match(cardText(summary), /Järnboåsskolan/);
    assert.deepEqual(validateCard(summary), []);

    const receipt = await press(harness, summary, 'app.submit', { 'signature.confirmed': 'true' });
    assert.match(heading(receipt), /Ansökan är inskickad/);
    const caseNumber = /\bTB-\d{4}-\d{4}\b/.exec(cardText(receipt))?.[0];
    assert.ok(caseNumber, cardText(receipt));
    assert.deepEqual(validateCard(receipt), []);

    const repos = createRepositories(db.prisma);
    const cases = await repos.cases.listForPrincipal(principal.id);
    const submitted = cases.find((c) => c.caseNumber === caseNumber)!;
    assert.equal(submitted.late, false);
    assert.equal(submitted.pupilRef, 'AB, född 2015');
    const version = await repos.cases.latestVersion(submitted.id);
    const data = version!.data as TApplicationDraft;
    assert.equal(data.signature?.signedBy, principal.displayName);
    assert.equal(data.attachments?.length, 2);
    assert.equal((await repos.attachments.listForCase(submitted.id)).length, 2);
    const [assessment] = await repos.cases.assessments(submitted.id);
    assert.equal(assessment!.hoursCurrent, 20);

    // The same button again (retried invoke, double click): the same receipt, no second case.
    const again = await press(harness, summary, 'app.submit', { 'signature.confirmed': 'true' });
    assert.match(cardText(again), new RegExp(caseNumber));
    assert.equal((await repos.cases.listForPrincipal(principal.id)).filter((c) => c.sourceDraftId === submitted.sourceDraftId).length, 1);

    await harness.sendMessage('mina ärenden');
    assert.match(cardText(lastPostedCard(harness, chatOf(principal))), new RegExp(caseNumber));
  });

  test('two concurrent submits of one draft make exactly one case', async () => {
    const summary = await fillToSummary(await newDraft(), application());
    const draftId = draftIdOf(summary);
    const [a, b] = await Promise.all([
      press(harness, summary, 'app.submit', { 'signature.confirmed': 'true' }),
      press(harness, summary, 'app.submit', { 'signature.confirmed': 'true' }),
    ]);
    assert.match(heading(a), /inskickad/);
    assert.match(heading(b), /inskickad/);
    const cases = (await createRepositories(db.prisma).cases.listForPrincipal(principal.id)).filter((c) => c.sourceDraftId === draftId);
    assert.equal(cases.length, 1);
  });

  test('an incomplete application is refused with every problem and a button to its step', async () => {
    const first = await newDraft();
    const summary = cardOf(await harness.sendCardAction({ draftId: draftIdOf(first), step: 'summary' }, { verb: 'step.goto' }));
    const refused = await press(harness, summary, 'app.submit', { 'signature.confirmed': 'false' });
    assert.match(heading(refused), /kan inte skickas in än/);
    const text = cardText(refused);
    for (const expected of [/enhet/i, /personnummer/i, /behov/i, /insats/i, /underlag/i, /skriva under/i]) assert.match(text, expected);
    assert.deepEqual(validateCard(refused), []);
    const toPupil = await press(harness, refused, 'step.goto', {}, {}, (d) => d.step === 'pupil');
    assert.match(heading(toPupil), /^Steg 2 av 10/);
  });

  test('a wrong value gets a message next to its field and the rest is kept', async () => {
    let card = await newDraft();
    const app = application();
    card = await press(harness, card, 'step.next', stepInputs(card, app, 'unitTerm'));
    card = await press(harness, card, 'step.next', stepInputs(card, app, 'pupil'));
    const bad = await press(harness, card, 'step.next', { 'placement.group': '6B', 'placement.attendanceHoursPerWeek': 'trettio' });
    assert.match(heading(bad), /^Steg 3 av 10/);
    assert.match(cardText(bad), /Skriv antal timmar i veckan som ett tal/);
    assert.match(JSON.stringify(bad), /"value":"6B"/);
  });

  test('an older card of the draft changes nothing and says so', async () => {
    const first = await newDraft();
    const app = application();
    const second = await press(harness, first, 'step.next', stepInputs(first, app, 'unitTerm'));
    assert.match(heading(second), /^Steg 2 av 10/);
    for (const verb of ['step.next', 'draft.save']) {
      const stale = await press(harness, first, verb, { term: 'VT2028' });
      assert.match(heading(stale), /^Steg 2 av 10/, verb);
      assert.match(cardText(stale), /inte längre aktuellt/, verb);
    }
    const reopened = cardOf(await harness.sendCardAction({ draftId: draftIdOf(first) }, { verb: 'draft.open' }));
    assert.doesNotMatch(cardText(reopened), /inte längre aktuellt/, 'the notice is not kept');
    const kept = await press(harness, reopened, 'step.back');
    assert.match(JSON.stringify(kept), /"value":"HT2027"/, 'the stale card did not change the term');
  });

  test('registered in another municipality stops with the home-municipality message', async () => {
    let card = await newDraft();
    const app = application();
    card = await press(harness, card, 'step.next', stepInputs(card, app, 'unitTerm'));
    const inputs = stepInputs(card, app, 'pupil');
    const stop = await press(harness, card, 'step.next', { ...inputs, 'pupil.registeredMunicipality': 'Lindesbergs kommun' });
    assert.match(heading(stop), /hemkommunen/);
    assert.match(cardText(stop), /Lindesbergs kommun/);
    const back = await press(harness, stop, 'step.back');
    assert.match(heading(back), /^Steg 2 av 10/);
  });

  test('an ordinary measure is flagged the moment it is added', async () => {
    const app = application();
    let card = await newDraft();
    for (const step of ['unitTerm', 'pupil', 'placement', 'need', 'mapping'] as const) {
      card = await press(harness, card, 'step.next', stepInputs(card, app, step));
    }
    // The assessment card computes hours and the amount on request, and stays on the step.
    const recalculated = await press(harness, card, 'step.recalculate', stepInputs(card, app, 'assessment'));
    assert.match(heading(recalculated), /^Steg 6 av 10/);
    assert.match(cardText(recalculated), /Stöd i dag: 20 timmar i veckan/);
    assert.match(cardText(recalculated), /20 667 kr/);
    card = await press(harness, recalculated, 'step.next', stepInputs(recalculated, app, 'assessment'));
    assert.match(heading(card), /Insatser/);
    const flagged = await press(harness, card, 'measure.add', {
      'measure.type': 'specialpedagog',
      'measure.description': 'Specialpedagog två timmar i veckan',
      'measure.hoursPerWeek': '2',
    });
    assert.match(cardText(flagged), /grundbeloppet/);
  });

  test('resume: a saved draft reopens after a restart, on another instance', async () => {
    let card = await newDraft();
    const app = application();
    card = await press(harness, card, 'step.next', stepInputs(card, app, 'unitTerm'));
    // Half a step typed, then Spara: what was typed is kept even though the step is not done.
    const saved = await press(harness, card, 'draft.save', { 'pupil.firstName': 'Alva', 'pupil.personnummer': '2015' });
    assert.match(heading(saved), /sparat/);
    const draftId = draftIdOf(card);

    await harness.stopBot();
    await harness.startBot({ handlers: world.newHandlers() });
    await harness.sendMessage('fortsätt');
    const listed = lastPostedCard(harness, chatOf(principal));
    // Several drafts by now: the list, then the one we saved.
    const reopened = cardText(listed).includes('Dina utkast')
      ? await press(harness, listed, 'draft.open', {}, {}, (d) => d.draftId === draftId)
      : listed;
    assert.match(heading(reopened), /^Steg 2 av 10/);
    assert.equal(draftIdOf(reopened), draftId);
    assert.match(JSON.stringify(reopened), /"id":"pupil.firstName"[^}]*"value":"Alva"/);
  });

  test('avbryt asks before discarding; "Nej, behåll" keeps the draft', async () => {
    await newDraft();
    await harness.sendMessage('avbryt');
    const ask = lastPostedCard(harness, chatOf(principal));
    assert.match(heading(ask), /Släng utkast/);
    const kept = await press(harness, ask, 'draft.discard.cancel');
    assert.match(heading(kept), /^Steg 1 av 10/);
    await harness.sendMessage('avbryt');
    const gone = await press(harness, lastPostedCard(harness, chatOf(principal)), 'draft.discard.confirm');
    assert.match(heading(gone), /slängt/);
    const stale = cardOf(await harness.sendCardAction({ draftId: draftIdOf(kept), step: 'unitTerm' }, { verb: 'step.next' }));
    assert.match(heading(stale), /finns inte längre/);
  });

  test('files of a kind not allowed are refused with a reason', async () => {
    await newDraft();
    await harness.sendFile({ name: 'program.exe', downloadUrl: files.url('program.exe') });
    assert.match(cardText(lastPostedCard(harness, chatOf(principal))), /kan inte bifogas/);
  });

  test('malformed and unknown payloads get a polite answer', async () => {
    const card = await newDraft();
    const unknownVerb = cardOf(await harness.sendCardAction({ draftId: draftIdOf(card) }, { verb: 'admin.delete_all' }));
    assert.match(heading(unknownVerb), /fungerar inte längre/);
    const badId = cardOf(await harness.sendCardAction({ draftId: "1' OR 1=1 --", step: 'pupil' }, { verb: 'step.next' }));
    assert.match(heading(badId), /fungerar inte längre/);
    const badStep = cardOf(await harness.sendCardAction({ draftId: draftIdOf(card), step: 'admin' }, { verb: 'step.goto' }));
    assert.match(heading(badStep), /fungerar inte längre/);
    await harness.sendMessage('vad kan du göra?');
    assert.match(heading(lastPostedCard(harness, chatOf(principal))), /förstod jag inte/);
  });

  test('an activity without the envelope the connector always sends gets a 400, not a crash', async () => {
    const post = (body: unknown) =>
      fetch(harness.botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const noServiceUrl = await post({
      type: 'message',
      text: 'hjälp',
      channelId: 'msteams',
      from: { id: '29:alex', aadObjectId: principal.aadObjectId },
      recipient: { id: '28:bot' },
      conversation: { id: 'a:x', tenantId: PLAYGROUND_TENANT_ID },
    });
    assert.equal(noServiceUrl.status, 400);
    const noConversation = await post({ type: 'invoke', name: 'adaptiveCard/action', serviceUrl: 'http://127.0.0.1:1', from: { id: '29:a' }, recipient: { id: '28:b' }, value: {} });
    assert.equal(noConversation.status, 400);
    const fine = await harness.sendMessage('hjälp');
    assert.equal(fine.status, 200, 'the bot keeps serving');
  });

  test("another person's draft is not found, whatever the card says", async () => {
    const card = await newDraft();
    const other = cardOf(await harness.sendCardAction({ draftId: draftIdOf(card), step: 'unitTerm' }, { ...asHandler, verb: 'step.goto' }));
    assert.match(heading(other), /finns inte längre/);
    await harness.sendMessage('ny ansökan', asHandler);
    assert.match(cardText(lastPostedCard(harness, chatOf(handler))), /skickas in av rektorer och förskolechefer/);
  });

  test('Action.Submit from an older client gets the next card as a new message', async () => {
    const card = await newDraft();
    const before = harness.sent.length;
    await harness.sendSubmit({ verb: 'step.goto', draftId: draftIdOf(card), step: 'pupil' });
    assert.equal(harness.sent.length, before + 1);
    assert.match(heading(lastPostedCard(harness, chatOf(principal))), /^Steg 2 av 10/);
  });
});

describe('application dialog with a bot client id', () => {
  test('unsigned requests are refused before any handler runs', async () => {
    const secure = await startHarness({ handlers: world.newHandlers(), user: as(principal).from!, conversation: as(principal).conversation!, secure: true });
    try {
      const unsigned = await secure.sendMessage('ny ansökan', { auth: 'none' });
      assert.equal(unsigned.status, 401);
      assert.equal(secure.sent.length, 0);
      const signed = await secure.sendMessage('hjälp');
      assert.equal(signed.status, 200);
      assert.match(cardText(lastPostedCard(secure, chatOf(principal))), /Hej/);
    } finally {
      await secure.close();
    }
  });
});
