// The case flow as municipalities run it, end to end over HTTP: a drafter at the unit fills in
// the application and sends it to the principal, who sends it back with a comment and then signs
// it, so it becomes a case in the principal's name with the drafter recorded. Then Elevhälsan's
// side: a handler's proposal the head decides on with a departure, a completion whose reply date
// passes and is decided on what was submitted, and the principal's withdrawal.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Repositories } from '../../domain/ports';
import { DEMO_IDS, DEMO_PEOPLE } from '../../prisma/seed';
import { validateCard } from '../cards/validate';
import type { TestDatabase } from '../db/helpers';
import { FIXTURE_TODAY, validApplication } from '../domain/fixtures';
import type { CapturedCall, Harness, SendOptions } from './harness';
import { ELEVHALSA_CHANNEL, as, chatOf, startWorld, type World } from './world';
import { actionsOf, findInput, cardText, heading, lastPostedCard, newApplication, press, walkToSummary, type Card } from './dialog-helpers';

type Who = (typeof DEMO_PEOPLE)[number];
const byId = (id: string) => DEMO_PEOPLE.find((p) => p.id === id)!;
const principal = byId(DEMO_IDS.people.principal);
const drafter = byId(DEMO_IDS.people.drafterJarnboas);
const otherDrafter = byId(DEMO_IDS.people.drafterNaktergalen);
const handler = byId(DEMO_IDS.people.handler);
const head = byId(DEMO_IDS.people.head);
const CHANNEL = ELEVHALSA_CHANNEL;
const inChannel = (who: Who) => as(who, 'channel');
const DAY = 24 * 60 * 60 * 1000;
// The clock the bot reads; a test moves it past a reply date.
let now = FIXTURE_TODAY;

let world: World;
let db: TestDatabase;
let repos: Repositories;
let harness: Harness;
let files: World['files'];

beforeAll(async () => {
  // The harness's own user is the drafter: the dialog helpers act as it.
  world = await startWorld({ self: as(drafter), clock: { now: () => now }, jobs: 'queue' });
  ({ db, repos, harness, files } = world);
  for (const who of [principal, drafter, otherDrafter, handler, head]) await harness.sendInstall(as(who));
  await harness.sendInstall(inChannel(handler));
});

afterAll(() => world?.close());

const cardIn = (call: CapturedCall): Card => call.body.attachments[0].content as Card;
const postedTo = (who: Who, since: number, text: RegExp) => (c: CapturedCall) =>
  c.kind === 'create' && c.conversationId === chatOf(who) && harness.requests.indexOf(c) >= since && !!c.body?.attachments?.[0] && text.test(cardText(cardIn(c)));

describe('drafter -> principal signs -> case', () => {
  test('a drafter fills in the application, the principal sends it back, then signs it', async () => {
    const app = validApplication();
    app.unit = { id: DEMO_IDS.units.jarnboas };
    // A drafter is welcomed as someone who applies, not turned away.
    await harness.sendMessage('hjälp', as(drafter));
    assert.ok(actionsOf(lastPostedCard(harness, chatOf(drafter))).some((a) => a.verb === 'app.new'), 'a drafter may start an application');
    const summary = await walkToSummary(harness, files, await newApplication(harness, as(drafter)), app, [
      ['atgardsprogram.pdf', 'atgardsprogram'],
      ['psykologutlatande.pdf', 'psykologbedomning'],
    ]);
    // The drafter's summary has no signature: it goes to the principal.
    assert.ok(actionsOf(summary).some((a) => a.verb === 'app.sendForSignature'));
    assert.ok(!actionsOf(summary).some((a) => a.verb === 'app.submit'));
    assert.match(cardText(summary), /Skicka till rektor för underskrift/);
    assert.deepEqual(validateCard(summary), []);

    const draftId = String(actionsOf(summary).find((a) => a.verb === 'app.sendForSignature')!.data.draftId);
    // A hand-made "Skicka in" from the drafter signs nothing.
    const selfSigned = await press(harness, { ...summary, actions: [{ type: 'Action.Execute', verb: 'app.submit', data: { verb: 'app.submit', draftId } }] }, 'app.submit', { 'signature.confirmed': 'true' }, as(drafter));
    assert.match(cardText(selfSigned), /Bara rektorn för enheten kan skriva under/);
    assert.equal(await db.prisma.case.count(), 0);
    const sent = await press(harness, summary, 'app.sendForSignature', {}, as(drafter));
    assert.match(heading(sent), /skickad till rektor/i);
    assert.match(cardText(sent), /Alex Wilber/);

    // The principal's card: the summary, sign or send back.
    const since = 0;
    const request = cardIn(await harness.waitFor(postedTo(principal, since, /väntar på din underskrift/), 10_000));
    assert.deepEqual(validateCard(request), []);
    assert.match(cardText(request), /Patti Fernandez/);
    assert.match(cardText(request), /Alva/);
    assert.deepEqual(actionsOf(request).map((a) => a.verb), ['draft.sign', 'draft.return']);

    // The drafter of another unit can neither sign nor send it back.
    const stranger = await harness.sendCardAction({ draftId }, { ...as(otherDrafter), verb: 'draft.sign' });
    assert.match(cardText(stranger.value as unknown as Card), /Bara ansvarig rektor/);
    // Nor can the drafter sign their own draft.
    const own = await harness.sendCardAction({ draftId }, { ...as(drafter), verb: 'draft.sign' });
    assert.match(cardText(own.value as unknown as Card), /Bara ansvarig rektor/);

    // Sent back without a comment: refused next to the field. With one: the drafter is told.
    const noComment = await press(harness, request, 'draft.return', { 'signature.comment': ' ' }, as(principal));
    assert.match(cardText(noComment), /Skriv vad som behöver ändras/);
    const sinceReturn = harness.requests.length;
    const returned = await press(harness, request, 'draft.return', { 'signature.comment': 'Lägg till vistelsetiden i beskrivningen.' }, as(principal));
    assert.match(heading(returned), /skickad tillbaka/i);
    const told = cardIn(await harness.waitFor(postedTo(drafter, sinceReturn, /skickade tillbaka/), 10_000));
    assert.match(cardText(told), /Lägg till vistelsetiden/);

    // The drafter opens it again at the summary, with the comment, and sends it again.
    const reopened = await press(harness, told, 'draft.open', {}, as(drafter));
    assert.match(cardText(reopened), /Rektorn skickade tillbaka ansökan: Lägg till vistelsetiden/);
    const sinceResend = harness.requests.length;
    await press(harness, reopened, 'app.sendForSignature', {}, as(drafter));
    const again = cardIn(await harness.waitFor(postedTo(principal, sinceResend, /väntar på din underskrift/), 10_000));

    // The principal signs: a case in the principal's name, the drafter told, the audit complete.
    const sinceSign = harness.requests.length;
    const receipt = await press(harness, again, 'draft.sign', {}, as(principal));
    const caseNumber = /TB-\d{4}-\d{4}/.exec(cardText(receipt))?.[0];
    assert.ok(caseNumber, cardText(receipt));
    const kase = (await repos.cases.byNumber(DEMO_IDS.municipality, caseNumber))!;
    assert.equal(kase.principalId, principal.id);
    assert.equal(kase.unitId, DEMO_IDS.units.jarnboas);
    const signedNote = cardIn(await harness.waitFor(postedTo(drafter, sinceSign, /skrivit under/), 10_000));
    assert.match(cardText(signedNote), new RegExp(caseNumber));
    const [version] = await repos.cases.versions(kase.id);
    const signature = (version!.data as { signature: Record<string, unknown> }).signature;
    assert.equal(signature.signedBy, 'Alex Wilber');
    assert.equal(signature.draftedBy, 'Patti Fernandez');
    const trail = await db.prisma.auditLog.findMany({ where: { OR: [{ subjectId: kase.id }, { subjectId: draftId }] }, orderBy: { id: 'asc' } });
    const submittedEntry = trail.find((e) => e.action === 'case.submitted')!;
    assert.equal(submittedEntry.actorId, principal.id);
    assert.equal((submittedEntry.details as Record<string, unknown>).draftedById, drafter.id);
    const sentEntries = trail.filter((e) => e.action === 'draft.sent_for_signature');
    assert.deepEqual(sentEntries.map((e) => e.actorId), [drafter.id, drafter.id]);
    assert.deepEqual(trail.filter((e) => e.action === 'draft.returned').map((e) => e.actorId), [principal.id]);

    // Signing twice is harmless: the receipt again, no second case.
    const twice = await press(harness, again, 'draft.sign', {}, as(principal));
    assert.match(cardText(twice), new RegExp(caseNumber));
  });
});

const cardOfAction = async (data: Record<string, unknown>, opts: SendOptions & { verb: string }): Promise<Card> => {
  const response = await harness.sendCardAction(data, opts);
  assert.equal(response.type, 'application/vnd.microsoft.card.adaptive', JSON.stringify(response).slice(0, 300));
  return response.value as unknown as Card;
};

// A case the way the flow makes one here: the drafter drafts, the principal signs.
async function draftedAndSigned(): Promise<{ caseId: string; caseNumber: string }> {
  const app = validApplication();
  app.unit = { id: DEMO_IDS.units.jarnboas };
  const summary = await walkToSummary(harness, files, await newApplication(harness, as(drafter)), app, [
    ['atgardsprogram.pdf', 'atgardsprogram'],
    ['psykologutlatande.pdf', 'psykologbedomning'],
  ]);
  const since = harness.requests.length;
  await press(harness, summary, 'app.sendForSignature', {}, as(drafter));
  const request = cardIn(await harness.waitFor(postedTo(principal, since, /väntar på din underskrift/), 10_000));
  const receipt = await press(harness, request, 'draft.sign', {}, as(principal));
  const caseNumber = /TB-\d{4}-\d{4}/.exec(cardText(receipt))![0];
  return { caseId: (await repos.cases.byNumber(DEMO_IDS.municipality, caseNumber))!.id, caseNumber };
}

describe('proposal -> decision that differs', () => {
  test('the handler proposes, the head decides from the prefilled form with a lower amount, and later ends it early', async () => {
    const { caseId, caseNumber } = await draftedAndSigned();
    await harness.sendCardAction({ caseId }, { ...as(handler), verb: 'case.assign' });

    // The handler's proposal; a partial approval without reasons is refused next to the field.
    const form = await cardOfAction({ caseId }, { ...as(handler), verb: 'case.proposal.form' });
    assert.deepEqual(validateCard(form), []);
    const proposed = { 'decision.outcome': 'approved', 'decision.amountPerMonth': '18000', 'decision.from': '2027-08-16', 'decision.to': '2028-01-16', 'decision.approvedMeasures': 'm1', 'decision.reason': 'Behovet är väl dokumenterat.' };
    const refused = await press(harness, form, 'case.proposal.send', { ...proposed, 'decision.outcome': 'partly_approved', 'decision.reason': '' }, as(handler));
    assert.match(cardText(refused), /Skriv skälen/);
    const since = harness.requests.length;
    const sent = await press(harness, form, 'case.proposal.send', proposed, as(handler));
    assert.match(heading(sent), /Förslaget är skickat/);
    assert.equal((await repos.cases.get(caseId))?.status, 'proposed');
    const note = cardIn(await harness.waitFor(postedTo(head, since, /Förslag till beslut/), 10_000));
    assert.match(cardText(note), new RegExp(caseNumber));

    // Only the head decides: the handler's attempt is refused.
    const byHandler = await harness.sendCardAction({ caseId }, { ...as(handler), verb: 'case.decision.form' });
    assert.match(String(byHandler.value), /chef/i);

    // The head's form opens with the proposal, shown above the fields.
    const decisionForm = await press(harness, note, 'case.decision.form', {}, as(head));
    assert.deepEqual(validateCard(decisionForm), []);
    assert.match(cardText(decisionForm), /Förslag till beslut från Megan Bowen/);
    assert.equal(String(findInput(decisionForm, 'decision.amountPerMonth').value), '18000');
    assert.equal(findInput(decisionForm, 'decision.reason').value, 'Behovet är väl dokumenterat.');

    const sinceDecision = harness.requests.length;
    const decided = await press(harness, decisionForm, 'case.decision.send', { ...proposed, 'decision.amountPerMonth': '15000' }, as(head));
    assert.match(heading(decided), /Beslutet är fattat/);
    assert.match(cardText(decided), /avviker från förslaget: belopp \(förslag: 18\s000 kr per månad; beslut: 15\s000 kr per månad\)/);
    const told = cardIn(await harness.waitFor(postedTo(handler, sinceDecision, /Beslut fattat på ditt förslag/), 10_000));
    assert.match(cardText(told), /15\s000 kr/);
    const audit = await repos.audit.list('case', caseId);
    const departed = audit.find((e) => e.action === 'case.decision_departed_from_proposal');
    assert.ok(departed, audit.map((e) => e.action).join(', '));
    assert.equal(departed.actorId, head.id);
    assert.ok(audit.some((e) => e.action === 'case.proposed' && e.actorId === handler.id), 'the proposal is audited');
    assert.equal((await repos.cases.get(caseId))?.status, 'decided');

    // The child leaves the unit: the head ends the decision early, from a date in its period.
    const byHandlerEnd = await harness.sendCardAction({ caseId }, { ...as(handler), verb: 'case.decision.end.form' });
    assert.match(String(byHandlerEnd.value), /Bara chefen/);
    const view = await cardOfAction({ caseId }, { ...as(head), verb: 'case.view' });
    const endForm = await press(harness, view, 'case.decision.end.form', {}, as(head));
    assert.deepEqual(validateCard(endForm), []);
    const outside = await press(harness, endForm, 'case.decision.end.send', { 'decision.endFrom': '2028-03-01', 'decision.endReason': 'Eleven har flyttat.' }, as(head));
    assert.match(cardText(outside), /Välj en dag efter/);
    const sinceEnd = harness.requests.length;
    const ended = await press(harness, endForm, 'case.decision.end.send', { 'decision.endFrom': '2027-11-01', 'decision.endReason': 'Eleven har flyttat till en annan skola.' }, as(head));
    assert.match(heading(ended), /Beslutet är avslutat/);
    const [decision] = await repos.decisions.forCase(caseId);
    assert.equal(decision?.endedFrom, '2027-11-01');
    assert.equal(decision?.endedReason, 'Eleven har flyttat till en annan skola.');
    const toPrincipal = cardIn(await harness.waitFor(postedTo(principal, sinceEnd, /upphör/), 10_000));
    assert.match(cardText(toPrincipal), /1 november 2027/);
    assert.ok((await repos.audit.list('case', caseId)).some((e) => e.action === 'case.decision_ended' && e.actorId === head.id), 'the end is audited');
    const again = await harness.sendCardAction({ caseId, 'decision.endFrom': '2027-12-01', 'decision.endReason': 'x' }, { ...as(head), verb: 'case.decision.end.send' });
    assert.match(String(again.value), /inget gällande/);
  });
});

describe('completion past its reply date -> decision', () => {
  test('the reply date defaults from the profile; once it passes, the case says so and the head decides', async () => {
    now = FIXTURE_TODAY;
    const { caseId } = await draftedAndSigned();
    const form = await cardOfAction({ caseId }, { ...as(handler), verb: 'case.completion.form' });
    assert.deepEqual(validateCard(form), []);
    assert.equal(findInput(form, 'completion.replyBy').value, '2027-03-15', 'the profile default: 14 days');
    const past = await press(harness, form, 'case.completion.send', { 'completion.message': 'Bifoga läkarintyget.', 'completion.step': 'attachments', 'completion.replyBy': '2027-02-01' }, as(handler));
    assert.match(cardText(past), /från i dag och framåt/);
    const since = harness.requests.length;
    await press(harness, form, 'case.completion.send', { 'completion.message': 'Bifoga läkarintyget.', 'completion.step': 'attachments', 'completion.replyBy': '2027-03-08' }, as(handler));
    const request = cardIn(await harness.waitFor(postedTo(principal, since, /komplettering/), 10_000));
    assert.match(cardText(request), /Svara senast/);
    assert.match(cardText(request), /8 mars 2027/);

    // Before the reply date the head waits for the answer.
    const early = await harness.sendCardAction({ caseId }, { ...as(head), verb: 'case.decision.form' });
    assert.match(String(early.value), /väntar på komplettering/);

    // After it: the case shows the reply as late, and the head decides on what was submitted.
    now = new Date(FIXTURE_TODAY.getTime() + 8 * DAY);
    const detail = await cardOfAction({ caseId }, { ...as(head), verb: 'case.view' });
    assert.match(cardText(detail), /försenat/);
    assert.ok(actionsOf(detail).some((a) => a.verb === 'case.decision.form'), 'the head may decide now');
    const decisionForm = await cardOfAction({ caseId }, { ...as(head), verb: 'case.decision.form' });
    const decided = await press(harness, decisionForm, 'case.decision.send', { 'decision.outcome': 'rejected', 'decision.reason': 'Prövat utifrån inlämnat underlag: läkarintyget saknas.' }, as(head));
    assert.match(heading(decided), /Beslutet är fattat/);
    assert.equal((await repos.cases.get(caseId))?.status, 'decided');
    now = FIXTURE_TODAY;
  });
});

describe('withdrawal', () => {
  test('the principal withdraws before the decision; the reason is kept and the channel card updated', async () => {
    const { caseId, caseNumber } = await draftedAndSigned();
    await harness.waitFor((c) => c.kind === 'create' && c.conversationId === CHANNEL && !!c.body?.attachments?.[0] && cardText(cardIn(c)).includes(caseNumber), 10_000);
    // Nobody else withdraws it.
    const byHandler = await harness.sendCardAction({ caseId }, { ...as(handler), verb: 'case.withdraw.form' });
    assert.match(String(byHandler.value), /Bara rektorn/);
    const detail = await cardOfAction({ caseId }, { ...as(principal), verb: 'case.view' });
    const form = await press(harness, detail, 'case.withdraw.form', {}, as(principal));
    assert.deepEqual(validateCard(form), []);
    const noReason = await press(harness, form, 'case.withdraw.send', { 'withdrawal.reason': ' ' }, as(principal));
    assert.match(cardText(noReason), /Skriv varför/);
    const since = harness.requests.length;
    const done = await press(harness, form, 'case.withdraw.send', { 'withdrawal.reason': 'Eleven har flyttat till en annan kommun.' }, as(principal));
    assert.match(heading(done), /återkallad/);
    assert.equal((await repos.cases.get(caseId))?.status, 'withdrawn');
    assert.ok(!(await repos.cases.listQueue(DEMO_IDS.municipality)).some((c) => c.id === caseId), 'a withdrawn case leaves the queue');
    const entry = (await repos.audit.list('case', caseId)).find((e) => e.action === 'case.withdrawn');
    assert.equal((entry?.details as Record<string, unknown>)?.reason, 'Eleven har flyttat till en annan kommun.');
    const updated = await harness.waitFor((c) => c.kind === 'update' && c.conversationId === CHANNEL && harness.requests.indexOf(c) >= since && /Återkallad/.test(cardText(cardIn(c))), 10_000);
    assert.ok(!actionsOf(cardIn(updated)).some((a) => a.verb === 'case.assign'), 'nothing to take on a withdrawn case');
    // After the withdrawal nothing moves it, not even the head's decision.
    const late = await harness.sendCardAction({ caseId, 'decision.outcome': 'rejected', 'decision.reason': 'x' }, { ...as(head), verb: 'case.decision.send' });
    assert.match(String(late.value), /återkallad/i);
  });
});
