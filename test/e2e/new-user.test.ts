// What a new user tripped on (issue 10), end to end over HTTP: the greeting and `hjälp` by role,
// what is typed on a card and followed by a page-wide button, the principal's own case list, a
// second "ny ansökan", and the few free questions principals ask.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_IDS, DEMO_PEOPLE, PLAYGROUND_TENANT_ID } from '../../prisma/seed';
import type { TApplicationDraft } from '../../domain/schemas';
import type { Repositories } from '../../domain/ports';
import { APPLICATION_STEPS, type ApplicationStep } from '../../machines/application.steps';
import { validateCard } from '../cards/validate';
import { validApplication } from '../domain/fixtures';
import type { Harness, SendOptions } from './harness';
import { as, chatOf, startWorld, type World } from './world';
import { action, actionsOf, cardOf, cardText, heading, inputIds, conversationOf, lastPostedCard, press, startedDraft, stepInputs, walkToSummary, type Card } from './dialog-helpers';

const person = (role: string) => DEMO_PEOPLE.find((p) => p.role === role)!;
const principal = person('principal');
const stranger: SendOptions = {
  from: { id: '29:stranger', aadObjectId: '00000000-0000-0000-0000-0000000000099', name: 'Okänd Person', tenantId: PLAYGROUND_TENANT_ID },
  conversation: { id: 'a:personal-stranger', conversationType: 'personal', tenantId: PLAYGROUND_TENANT_ID },
};

let world: World;
let repos: Repositories;
let harness: Harness;
let files: World['files'];

beforeAll(async () => {
  world = await startWorld({ self: as(principal) });
  ({ repos, harness, files } = world);
});

afterAll(() => world?.close());

async function say(text: string, who: SendOptions = as(principal)): Promise<Card> {
  await harness.sendMessage(text, who);
  const card = lastPostedCard(harness, conversationOf(harness, who));
  assert.deepEqual(validateCard(card), [], `the card for "${text}" is valid`);
  return card;
}

function application(): TApplicationDraft {
  const app = validApplication();
  app.unit = { id: DEMO_IDS.units.jarnboas };
  return app;
}

describe('the greeting and hjälp depend on who writes', () => {
  test('the head of Elevhälsan gets her own work: the queue, the channel, deciding', async () => {
    const card = await say('hjälp', as(person('head')));
    const text = cardText(card);
    assert.match(text, /^Hej Adele Vance!/);
    assert.doesNotMatch(text, /Bara rektorer|^ny ansökan:/m);
    assert.match(text, /chef för Elevhälsan/);
    assert.match(text, /ärenden/);
    assert.match(text, /Elevhälsans kanal/);
    assert.match(text, /Du fattar beslutet/);
    assert.deepEqual(actionsOf(card).map((a) => a.verb), ['cases.queue']);
  });

  test('a handler learns that the head decides', async () => {
    const text = cardText(await say('hjälp', as(person('handler'))));
    assert.match(text, /handläggare på Elevhälsan/);
    assert.match(text, /fattas av chefen för Elevhälsan/);
    assert.doesNotMatch(text, /Bara rektorer/);
  });

  test('an admin gets the queue and how to choose the channel', async () => {
    const card = await say('hjälp', as(person('admin')));
    const text = cardText(card);
    assert.match(text, /administratör/);
    assert.match(text, /använd den här kanalen/);
    assert.match(text, /@Tilläggsbot/);
    assert.deepEqual(actionsOf(card).map((a) => a.verb), ['cases.queue']);
  });

  test('a principal gets the application commands', async () => {
    const card = await say('hjälp');
    assert.match(cardText(card), /ny ansökan/);
    assert.ok(actionsOf(card).some((a) => a.verb === 'app.new'));
  });

  test('someone unknown is told how to get in, as a principal or as Elevhälsan', async () => {
    const text = cardText(await say('hjälp', stranger));
    assert.match(text, /inte registrerad/);
    assert.match(text, /rektor eller förskolechef/);
    assert.match(text, /Arbetar du på Elevhälsan/);
  });

  test('staff asking for a new application are pointed to the queue, not told to contact Elevhälsan', async () => {
    const card = await say('ny ansökan', as(person('handler')));
    assert.doesNotMatch(cardText(card), /Kontakta Elevhälsan/);
    assert.ok(actionsOf(card).some((a) => a.verb === 'cases.queue'));
  });
});

const draftIdOf = (card: Card) => String(action(card, 'draft.save').data.draftId);

// From a new draft to `target`, answering each step from `app` (no measures, no files).
async function walkTo(target: ApplicationStep, app: TApplicationDraft = application()): Promise<Card> {
  let card = await startedDraft(harness, await say('ny ansökan'), as(principal));
  for (const step of APPLICATION_STEPS) {
    if (step === target) return card;
    card = await press(harness, card, 'step.next', stepInputs(card, app, step), as(principal));
    assert.match(heading(card), new RegExp(`^Steg ${APPLICATION_STEPS.indexOf(step) + 2} av 10`), cardText(card).slice(0, 300));
  }
  throw new Error(`no step ${target}`);
}

function inputValue(card: Card, id: string): unknown {
  let value: unknown;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.id === id && typeof n.type === 'string' && n.type.startsWith('Input.')) value = n.value;
      Object.values(n).forEach(visit);
    }
  };
  visit(card);
  return value;
}

async function draftOf(card: Card): Promise<TApplicationDraft> {
  const record = await repos.snapshots.load(draftIdOf(card));
  return (record!.snapshot as { context: { draft: TApplicationDraft } }).context.draft;
}

describe('what is typed and followed by a page-wide button is kept', () => {
  const measure = { 'measure.type': 'assistent', 'measure.description': 'Assistent hela dagen', 'measure.hoursPerWeek': '12,5', 'measure.cost': '' };

  test('measures: a filled-in measure followed by Nästa is added and the dialog goes on', async () => {
    const card = await walkTo('measures');
    const next = await press(harness, card, 'step.next', measure, as(principal));
    assert.match(heading(next), /^Steg 8 av 10/, cardText(next).slice(0, 400));
    const draft = await draftOf(next);
    assert.equal(draft.measures?.length, 1);
    assert.equal(draft.measures?.[0]?.description, 'Assistent hela dagen');
    assert.equal(draft.measures?.[0]?.hoursPerWeek, 12.5);
  });

  test('measures: a measure that cannot be added stays in the form with a message, on Nästa, Tillbaka and Spara', async () => {
    const card = await walkTo('measures');
    const half = { 'measure.type': '', 'measure.description': 'Stöd vid övergångar', 'measure.hoursPerWeek': '4', 'measure.cost': '' };
    for (const verb of ['step.next', 'step.back', 'draft.save']) {
      const again = await press(harness, card, verb, half, as(principal));
      assert.deepEqual(validateCard(again), []);
      assert.match(heading(again), /^Steg 7 av 10/, `${verb}: ${cardText(again).slice(0, 300)}`);
      assert.match(cardText(again), /Insatsen nedan är inte tillagd än/);
      assert.match(cardText(again), /Välj vilken sorts insats det är/);
      assert.equal(inputValue(again, 'measure.description'), 'Stöd vid övergångar', verb);
      assert.equal(String(inputValue(again, 'measure.hoursPerWeek')), '4', verb);
    }
    // A measure the rules refuse (an extraordinary one without hours or cost) is held the same way.
    const noHours = await press(harness, card, 'step.next', { ...half, 'measure.type': 'assistent', 'measure.hoursPerWeek': '' }, as(principal));
    assert.match(heading(noHours), /^Steg 7 av 10/);
    assert.equal(inputValue(noHours, 'measure.type'), 'assistent');
    assert.equal((await draftOf(noHours)).measures, undefined);
  });

  test('measures: Spara with a filled-in measure adds it and says the draft is saved', async () => {
    const card = await walkTo('measures');
    const saved = await press(harness, card, 'draft.save', measure, as(principal));
    assert.match(heading(saved), /Utkastet är sparat/);
    assert.equal((await draftOf(card)).measures?.length, 1);
  });

  test('attachments: a kind chosen and followed by Nästa is saved for that file', async () => {
    const app = application();
    let card = await walkTo('measures', app);
    for (const m of app.measures ?? []) {
      card = await press(harness, card, 'measure.add', { 'measure.type': m.type, 'measure.description': m.description, 'measure.hoursPerWeek': String(m.hoursPerWeek ?? '') }, as(principal));
    }
    card = await press(harness, card, 'step.next', {}, as(principal));
    assert.match(heading(card), /^Steg 8 av 10/);
    await harness.sendFile({ name: 'atgardsprogram.pdf', downloadUrl: files.url('atgardsprogram.pdf') }, as(principal));
    const asked = lastPostedCard(harness, chatOf(principal));
    assert.ok(inputIds(asked).includes('attachment.kind'));
    const next = await press(harness, asked, 'step.next', { 'attachment.kind': 'atgardsprogram' }, as(principal));
    assert.match(heading(next), /^Steg 9 av 10/, cardText(next).slice(0, 400));
    const draft = await draftOf(next);
    assert.equal(draft.attachments?.[0]?.kind, 'atgardsprogram');
    const stored = await repos.attachments.get(draft.attachments![0]!.id);
    assert.equal(stored?.kind, 'atgardsprogram');
  });
});

describe('the measures step reads right', () => {
  test('an ordinary measure beside an extraordinary one is flagged once, without asking for another measure', async () => {
    let card = await walkTo('measures');
    card = await press(harness, card, 'measure.add', { 'measure.type': 'assistent', 'measure.description': 'Assistent', 'measure.hoursPerWeek': '10' }, as(principal));
    card = await press(harness, card, 'measure.add', { 'measure.type': 'specialpedagog', 'measure.description': 'Specialpedagog', 'measure.hoursPerWeek': '2' }, as(principal));
    const text = cardText(card);
    assert.equal(text.split('räknas som ordinärt stöd').length - 1, 1, text);
    assert.doesNotMatch(text, /behöver också en extraordinär insats/);
    // An optional cost left empty does not read like a missing field.
    assert.doesNotMatch(text, /Kostnad: Inte ifyllt/);
  });
});

describe("mina ärenden in the principal's own chat", () => {
  test('the child is named on the receipt and in the list; a decision shows its outcome, amount and the letter again', async () => {
    const app = application();
    const first = await walkTo('unitTerm', app);
    const summary = await walkToSummary(harness, files, first, app);
    const receipt = await press(harness, summary, 'app.submit', { 'signature.confirmed': 'true' }, as(principal));
    const name = `${app.pupil!.firstName} ${app.pupil!.lastName}`;
    assert.match(cardText(receipt), new RegExp(`Barn: ${name}`));
    const caseNumber = /TB-\d{4}-\d{4}/.exec(cardText(receipt))![0];
    const kase = (await repos.cases.byNumber(DEMO_IDS.municipality, caseNumber))!;

    const before = await say('mina ärenden');
    assert.match(cardText(before), new RegExp(`Barn: ${name}`));
    assert.doesNotMatch(cardText(before), /född \d{4}/);

    const form = cardOf(await harness.sendCardAction({ caseId: kase.id }, { ...as(person('head')), verb: 'case.decision.form' }));
    await press(harness, form, 'case.decision.send', {
      'decision.outcome': 'approved',
      'decision.amountPerMonth': '21000',
      'decision.from': '2027-08-16',
      'decision.to': '2028-01-16',
      'decision.reason': '',
    }, as(person('head')));
    const after = await say('mina ärenden');
    const row = cardText(after).split(caseNumber)[1] ?? '';
    assert.match(row, /Status: Beviljat, 21 000 kr per månad/);
    const show = action(after, 'case.decision.show', (d) => d.caseId === kase.id);
    const letter = cardOf(await harness.sendCardAction(show.data, { ...as(principal), verb: 'case.decision.show' }));
    assert.deepEqual(validateCard(letter), []);
    assert.match(cardText(letter), new RegExp(caseNumber));
    assert.match(cardText(letter), /21 000 kr/);
  });
});

describe('a second "ny ansökan" and Släng', () => {
  // A principal of her own, so the drafts of the other tests do not count.
  const other = as(principal);

  test('with a draft open, ny ansökan offers to continue it; a second draft only on purpose; titles name the unit; Släng does not ask to start over', async () => {
    let card = await startedDraft(harness, await say('ny ansökan'), other);
    assert.match(heading(card), /^Steg 1 av 10/);
    const app = application();
    card = await press(harness, card, 'step.next', stepInputs(card, app, 'unitTerm'), other);
    card = await press(harness, card, 'step.next', stepInputs(card, app, 'pupil'), other);
    assert.match(cardText(card), /Ansökan för Alva Berg, höstterminen 2027, Järnboåsskolan/);

    const before = (await repos.snapshots.listOpen(principal.id, 'application')).length;
    await harness.sendMessage('ny ansökan', other);
    const offer = lastPostedCard(harness, chatOf(principal));
    assert.deepEqual(validateCard(offer), []);
    assert.match(heading(offer), /redan påbörjat/);
    assert.match(cardText(offer), /Alva Berg, höstterminen 2027, Järnboåsskolan/);
    assert.equal((await repos.snapshots.listOpen(principal.id, 'application')).length, before, 'no silent second draft');
    const second = await press(harness, offer, 'app.new.confirm', {}, other);
    assert.match(heading(second), /^Steg 1 av 10/);
    assert.equal((await repos.snapshots.listOpen(principal.id, 'application')).length, before + 1);

    // Throwing the new one away leaves the first: no "Vill du börja om?".
    const asked = await say('avbryt', other);
    const gone = await press(harness, asked, 'draft.discard.confirm', {}, other);
    assert.match(heading(gone), /slängt/);
    assert.doesNotMatch(cardText(gone), /börja om/);
    assert.match(cardText(gone), /utkast kvar/);
    assert.equal(action(gone, 'app.resume').verb, 'app.resume');
  });
});

describe('errors where they belong', () => {
  test('an unsigned submit keeps the summary, with the message under the signature', async () => {
    const app = application();
    const summary = await walkToSummary(harness, files, await say('ny ansökan'), app);
    const unsigned = await press(harness, summary, 'app.submit', { 'signature.confirmed': 'false' }, as(principal));
    assert.deepEqual(validateCard(unsigned), []);
    assert.match(heading(unsigned), /^Steg 10 av 10/);
    const text = cardText(unsigned);
    assert.match(text, /Jag är ansvarig rektor\/förskolechef och intygar att uppgifterna stämmer\nSom ansvarig rektor eller förskolechef behöver du intyga/);
  });

  test('a draft opened again shows no banner from the last time', async () => {
    const card = await walkTo('placement');
    const refused = await press(harness, card, 'step.next', { 'placement.group': '', 'placement.attendanceHoursPerWeek': '' }, as(principal));
    assert.match(cardText(refused), /att rätta/);
    const again = cardOf(await harness.sendCardAction({ draftId: draftIdOf(card) }, { ...as(principal), verb: 'draft.open' }));
    assert.match(heading(again), /^Steg 3 av 10/);
    assert.doesNotMatch(cardText(again), /att rätta/);
  });
});

describe('free questions', () => {
  test('the few questions principals ask get an answer from the profile; anything else points to hjälp', async () => {
    const time = cardText(await say('Hur lång tid tar det att få beslut?'));
    assert.match(time, /När kommer beslutet/);
    assert.match(time, /15 april för höstterminen och 15 oktober för vårterminen/);
    assert.match(cardText(await say('Vad händer nu?')), /Så går det vidare/);
    assert.match(cardText(await say('Vart skickar jag uppföljningen?')), /Nora kommun, Bildningsförvaltningen, Elevhälsan/);
    const other = await say('Vad tycker du om vädret?');
    assert.match(heading(other), /förstod jag inte/);
    assert.ok(actionsOf(other).some((a) => a.verb === 'help'));
    // Elevhälsan is pointed to hjälp, not offered a new application.
    const staff = await say('Vad tycker du om vädret?', as(person('head')));
    assert.deepEqual(actionsOf(staff).map((a) => a.verb), ['help']);
  });
});
