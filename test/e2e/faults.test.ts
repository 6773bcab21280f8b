// Hostile and unlucky input over HTTP (issue 9): every verb of the verb table tried by everyone
// who must not reach the owner's draft or case (role x verb x tenant, from cards/verbs.ts), a
// seeded fast-check fuzz of the envelope and of every verb's data, and the single faults found
// by the probe (double click on "Lägg till insats", NUL characters, numbers as text answers,
// the receipt after a crash at submit).
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { CARD_VERBS, VERB_DATA_KEYS, type CardVerb } from '../../cards/verbs';
import { APPLICATION_STEPS } from '../../machines/application.steps';
import { createRepositories } from '../../prisma/repositories';
import type { TApplicationDraft } from '../../domain/schemas';
import { FIXTURE_TODAY } from '../domain/fixtures';
import { application, newDraft, owner, startFaultWorld, type FaultWorld } from './fault-fixtures';
import { action, cardOf, cardText, heading, lastPostedCard, press, stepInputs, type Card } from './dialog-helpers';

let world: FaultWorld;

beforeAll(async () => {
  world = await startFaultWorld();
}, 120_000);

afterAll(async () => {
  await world?.close();
});

// What a card may carry besides the ids: a plausible value for every input any verb reads, so a
// handler that forgot to check who is asking would write something.
const INPUTS: Record<string, string> = {
  'pupil.firstName': 'Intrång',
  'need.description': 'Skrivet av någon annan',
  'measure.type': 'assistent',
  'measure.description': 'Insats från någon annan',
  'measure.hoursPerWeek': '5',
  'attachment.kind': 'lakarintyg',
  'signature.confirmed': 'true',
  'completion.message': 'Komplettera',
  'completion.step': 'pupil',
  'decision.outcome': 'approved',
  'decision.amountPerMonth': '1000',
  'decision.from': '2027-01-10',
  'decision.to': '2027-06-10',
  'decision.reason': 'Skäl',
  'decision.significantDifficulties': 'true',
  'assessment.safety.current': '3',
  'assessment.safety.desired': '1',
  'attachment.id': '',
};

function idsFor(verb: CardVerb, pick = 0): Record<string, string> {
  const value: Record<string, string> = {
    draftId: world.draftId,
    caseId: world.caseId,
    step: 'summary',
    measureId: world.measureIds[pick % world.measureIds.length]!,
    newMeasureId: randomUUID(),
    attachmentId: world.draftAttachmentIds[pick % world.draftAttachmentIds.length]!,
  };
  return Object.fromEntries(VERB_DATA_KEYS[verb].map((k) => [k, value[k]!]));
}

// Nothing of the owner's application may reach an intruder's screen.
const SECRETS = [/Alva/, /Berg\b/, /AB, född/, /TB-\d{4}-\d{4}/];

describe('role x verb x tenant: every verb of the table, by everyone who must not reach the owner', () => {
  test('each cell is refused and leaves the owner’s drafts and cases as they were', async () => {
    let cells = 0;
    const failures: string[] = [];
    // Nobody here may change the owner's rows, so one dump serves as "before" for every cell.
    const before = await world.dumpOwner();
    for (const intruder of world.intruders) {
      for (const verb of CARD_VERBS) {
        const ids = idsFor(verb);
        // Staff may see the municipality's queue and cases; drafts are never theirs.
        if (intruder.draftsOnly && !('draftId' in ids)) continue;
        cells++;
        const inputs = { ...INPUTS, 'attachment.id': world.caseAttachmentId };
        let text = '';
        try {
          text = cardText(cardOf(await world.harness.sendCardAction({ ...ids, ...inputs }, { ...intruder.opts, verb })));
        } catch (error) {
          // A message response (an apology, a refusal in words) is not a card; the status was 200.
          text = String((error as Error).message);
        }
        const after = await world.dumpOwner();
        if (after !== before) failures.push(`${intruder.name} / ${verb}: changed the owner's rows`);
        const leak = SECRETS.find((s) => s.test(text));
        if (leak) failures.push(`${intruder.name} / ${verb}: answered with ${leak} (${text.slice(0, 120)})`);
      }
    }
    // Announced so the closing note can quote it.
    console.info(`verb matrix: ${cells} cells, ${failures.length} failures`);
    assert.deepEqual(failures, []);
    assert.ok(cells >= CARD_VERBS.length * 5, `only ${cells} cells`);
  }, 120_000);

  test('attachment.kind from someone else changes no attachment (the kind is written after the owner check)', async () => {
    const repos = createRepositories(world.db.prisma);
    const [first] = world.draftAttachmentIds;
    const kindBefore = (await repos.attachments.get(first!))?.kind;
    for (const intruder of world.intruders) {
      await world.harness.sendCardAction({ draftId: world.draftId, attachmentId: first!, 'attachment.kind': 'lakarintyg' }, { ...intruder.opts, verb: 'attachment.kind' });
    }
    assert.equal((await repos.attachments.get(first!))?.kind, kindBefore);
    assert.notEqual(kindBefore, 'lakarintyg');
  });
});

// ---- fuzz -------------------------------------------------------------------------------------

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\uD800', 'x\uDC00y', "' OR 1=1 --", '__proto__', 'constructor', '-1', '1e400', 'NaN', ' ', ''),
  fc.uuid().map(String),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 3 }),
  ),
})).value;

describe('fast-check fuzz (seeded; FUZZ_RUNS for a longer run)', () => {
  test('every verb with hostile data: never >= 500, the owner’s rows unchanged unless the owner sent it', async () => {
    const inputKeys = [...Object.keys(INPUTS), 'pupil.personnummer', 'placement.attendanceHoursPerWeek', 'need.criteria', 'term', 'unit.id'];
    const request = fc.record({
      verb: fc.oneof(fc.constantFrom(...CARD_VERBS), hostileString),
      who: fc.integer({ min: -1, max: world.intruders.length - 1 }),
      // Each id either the real one, or something hostile in its place.
      ids: fc.dictionary(fc.constantFrom('draftId', 'caseId', 'step', 'measureId', 'newMeasureId', 'attachmentId', 'verb'), fc.oneof(hostileValue, fc.constant('real'))),
      inputs: fc.dictionary(fc.constantFrom(...inputKeys), hostileValue, { maxKeys: 6 }),
      kind: fc.constantFrom('execute', 'submit', 'message', 'envelope'),
      envelope: fc.dictionary(fc.constantFrom('type', 'name', 'value', 'from', 'conversation', 'text', 'serviceUrl', 'channelId', 'recipient', 'attachments'), hostileValue, { maxKeys: 3 }),
    });
    let sent = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const verb = typeof r.verb === 'string' && (CARD_VERBS as readonly string[]).includes(r.verb) ? (r.verb as CardVerb) : null;
        const real = verb ? idsFor(verb) : { draftId: world.draftId, caseId: world.caseId };
        const ids = Object.fromEntries(Object.entries(r.ids).map(([k, v]) => [k, v === 'real' ? (real[k] ?? world.draftId) : v]));
        const opts = r.who < 0 ? {} : world.intruders[r.who]!.opts;
        const before = r.who < 0 ? '' : await world.dumpOwner();
        let activity: Record<string, unknown>;
        if (r.kind === 'execute') activity = { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: r.verb, data: { ...ids, ...r.inputs } }, trigger: 'manual' } };
        else if (r.kind === 'submit') activity = { type: 'message', value: { verb: r.verb, ...ids, ...r.inputs } };
        else if (r.kind === 'message') activity = { type: 'message', text: typeof r.verb === 'string' ? r.verb : 'fortsätt' };
        else activity = { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: r.verb, data: ids } }, ...r.envelope };
        // The harness names the activity's type while filling in the envelope; a hostile type
        // goes in last, as it is.
        const hostileType = typeof activity.type !== 'string' ? { extra: { type: activity.type } } : {};
        const result = await world.harness.sendActivity({ ...activity, type: typeof activity.type === 'string' ? activity.type : 'invoke' }, { ...opts, ...hostileType });
        sent++;
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        // 501 is the one deliberate answer >= 500: an invoke, well formed, for a name the bot
        // does not implement (Teams' convention). Counted apart in the figures.
        const notImplemented = result.status === 501 && activity.type === 'invoke' && typeof activity.name === 'string' && activity.name !== 'adaptiveCard/action' && activity.name !== 'fileConsent/invoke';
        assert.ok(result.status < 500 || notImplemented, `status ${result.status} for ${JSON.stringify(activity).slice(0, 300)}`);
        if (r.who >= 0) assert.equal(await world.dumpOwner(), before, `an intruder changed the owner's rows: ${JSON.stringify(activity).slice(0, 300)}`);
      }),
      { numRuns: FUZZ_RUNS, seed: SEED, endOnFailure: true },
    );
    console.info(`fuzz: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  }, 300_000);
});

// ---- single faults ----------------------------------------------------------------------------

async function toMeasures(): Promise<Card> {
  let card = await newDraft(world.harness);
  const app = application();
  for (const step of APPLICATION_STEPS) {
    if (step === 'measures') return card;
    card = await press(world.harness, card, 'step.next', stepInputs(card, app, step));
  }
  throw new Error('no measures step');
}

const draftOf = async (draftId: string) =>
  ((await createRepositories(world.db.prisma).snapshots.load(draftId))!.snapshot as { context: { draft: TApplicationDraft } }).context.draft;

describe('single faults', () => {
  test('"Lägg till insats" pressed three times on one card adds the measure once', async () => {
    const card = await toMeasures();
    const draftId = String(action(card, 'measure.add').data.draftId);
    const measure = { 'measure.type': 'assistent', 'measure.description': 'Elevassistent hela dagen', 'measure.hoursPerWeek': '25' };
    const replies = await Promise.all([1, 2, 3].map(() => press(world.harness, card, 'measure.add', measure)));
    for (const reply of replies) assert.match(heading(reply), /^Steg/);
    assert.equal((await draftOf(draftId)).measures?.length, 1);
    // A fresh card adds a second one.
    await press(world.harness, replies[0]!, 'measure.add', measure);
    assert.equal((await draftOf(draftId)).measures?.length, 2);
  });

  test('a NUL character or a lone surrogate in a text does not stop the save; the rest is kept', async () => {
    const first = await newDraft(world.harness);
    const draftId = String(action(first, 'draft.save').data.draftId);
    const unitTerm = await press(world.harness, first, 'step.next', stepInputs(first, application(), 'unitTerm'));
    const inputs = { ...stepInputs(unitTerm, application(), 'pupil'), 'pupil.firstName': 'Al\u0000va\uD800', 'pupil.lastName': 'Be\uDC00rg' };
    const next = await press(world.harness, unitTerm, 'step.next', inputs);
    assert.match(heading(next), /^Steg 3 av 10/, cardText(next).slice(0, 300));
    const draft = await draftOf(draftId);
    assert.equal(draft.pupil?.firstName, 'Alva');
    assert.equal(draft.pupil?.lastName, 'Berg');
  });

  test('a JSON number is not a text answer', async () => {
    const first = await newDraft(world.harness);
    const draftId = String(action(first, 'draft.save').data.draftId);
    const unitTerm = await press(world.harness, first, 'step.next', stepInputs(first, application(), 'unitTerm'));
    const card = await press(world.harness, unitTerm, 'draft.save', { ...stepInputs(unitTerm, application(), 'pupil'), 'pupil.firstName': -1 });
    assert.notEqual((await draftOf(draftId)).pupil?.firstName, '-1');
    assert.match(cardText(card), /sparat|text/i);
  });

  test('the apology claims nothing about a draft when the turn failed', async () => {
    const { APOLOGY_TEXT } = await import('../../bot/transport');
    assert.doesNotMatch(APOLOGY_TEXT, /utkast/i);
    assert.doesNotMatch(APOLOGY_TEXT, /är sparat/i);
  });

  test('after a crash right after the submit committed, fortsätt and the stale card give the receipt', async () => {
    const repos = createRepositories(world.db.prisma);
    const first = await newDraft(world.harness);
    const draftId = String(action(first, 'draft.save').data.draftId);
    // Everything but the reply: the submit transaction as the use case runs it, then the process
    // died before the receipt reached the chat.
    const app = { ...application(), signature: { confirmed: true, signedBy: owner.displayName, signedAt: new Date().toISOString() }, attachments: [] };
    const record = await repos.snapshots.load(draftId);
    const { case: kase } = await repos.cases.submitApplication({
      sourceDraftId: draftId,
      municipalityId: (await repos.people.get(owner.id))!.municipalityId,
      unitId: app.unit!.id!,
      principalId: owner.id,
      term: app.term!,
      schoolForm: app.pupil!.schoolForm!,
      late: false,
      pupilRef: 'AB, född 2015',
      application: app,
      assessment: { ratings: {}, hoursCurrent: 20, hoursDesired: 5, amountPerMonth: 1000 },
      draftExpectedVersion: record!.version,
      now: FIXTURE_TODAY,
    });
    // Other open drafts from the tests above would be listed instead: discard them first.
    for (const open of await repos.snapshots.listOpen(owner.id, 'application')) {
      await repos.snapshots.save(open.id, (await repos.snapshots.load(open.id))!.version, { snapshot: (await repos.snapshots.load(open.id))!.snapshot, status: 'discarded' });
    }
    world.harness.reset();
    await world.harness.sendMessage('fortsätt');
    const resumed = cardText(lastPostedCard(world.harness, world.harness.conversation.id));
    assert.match(resumed, new RegExp(kase.caseNumber), resumed);
    assert.match(resumed, /inskickad/);
    const stale = cardOf(await world.harness.sendCardAction({ draftId, step: 'unitTerm' }, { verb: 'step.next' }));
    assert.match(cardText(stale), new RegExp(kase.caseNumber));
    await world.harness.sendMessage('mina ärenden');
    assert.match(cardText(lastPostedCard(world.harness, world.harness.conversation.id)), new RegExp(kase.caseNumber));
  });
});
