// The case flow as municipalities run it, end to end over HTTP: a drafter at the unit fills in
// the application and sends it to the principal, who sends it back with a comment and then signs
// it, so it becomes a case in the principal's name with the drafter recorded.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createDeliveries } from '../../bot/deliveries';
import { createHandlers } from '../../bot/handlers';
import { jobStoreFor, startJobs, type JobRunner } from '../../bot/jobs';
import { createLogger } from '../../bot/log';
import type { ProactiveSender } from '../../bot/transport-types';
import type { Repositories } from '../../domain/ports';
import { createRepositories } from '../../prisma/repositories';
import { DEMO_IDS, DEMO_PEOPLE, PLAYGROUND_TENANT_ID, seedDemo } from '../../prisma/seed';
import { validateCard } from '../cards/validate';
import { openTestDatabase, type TestDatabase } from '../db/helpers';
import { FIXTURE_TODAY, validApplication } from '../domain/fixtures';
import { startHarness, type CapturedCall, type Harness, type SendOptions } from './harness';
import { actionsOf, cardText, heading, lastPostedCard, press, startFileHost, walkToSummary, type Card } from './dialog-helpers';

type Who = (typeof DEMO_PEOPLE)[number];
const byId = (id: string) => DEMO_PEOPLE.find((p) => p.id === id)!;
const principal = byId(DEMO_IDS.people.principal);
const drafter = byId(DEMO_IDS.people.drafterJarnboas);
const otherDrafter = byId(DEMO_IDS.people.drafterNaktergalen);

const chatOf = (who: Who) => `a:personal-${who.aadObjectId.slice(-3)}`;
const as = (who: Who): SendOptions => ({
  from: { id: `29:${who.aadObjectId.slice(-3)}`, aadObjectId: who.aadObjectId, name: who.displayName, tenantId: PLAYGROUND_TENANT_ID },
  conversation: { id: chatOf(who), conversationType: 'personal', tenantId: PLAYGROUND_TENANT_ID },
});

const FILES = {
  'atgardsprogram.pdf': new TextEncoder().encode('%PDF-1.4 åtgärdsprogram'),
  'psykologutlatande.pdf': new TextEncoder().encode('%PDF-1.4 psykologbedömning'),
};

let db: TestDatabase;
let repos: Repositories;
let harness: Harness;
let jobs: JobRunner;
let files: Awaited<ReturnType<typeof startFileHost>>;

beforeAll(async () => {
  db = await openTestDatabase();
  repos = createRepositories(db.prisma);
  await seedDemo(db.prisma, { tenantId: PLAYGROUND_TENANT_ID });
  files = await startFileHost(FILES);
  const logger = createLogger({ level: 'error', write: process.env.TEST_LOGS ? (line) => process.stderr.write(line + '\n') : () => {} });
  const clock = { now: () => FIXTURE_TODAY };
  const proactive: ProactiveSender = {
    send: (ref, activity) => harness.proactive.send(ref, activity),
    update: (ref, id, activity) => harness.proactive.update(ref, id, activity),
    createPersonalConversation: (input) => harness.proactive.createPersonalConversation(input),
  };
  const queue = { enqueue: (...args: Parameters<JobRunner['enqueue']>) => jobs.enqueue(...args) };
  // The harness's own user is the drafter: the dialog helpers act as it.
  const self = as(drafter);
  harness = await startHarness({ handlers: createHandlers({ repos, logger, clock, jobs: queue, proactive }), user: self.from!, conversation: self.conversation! });
  jobs = await startJobs({
    ...jobStoreFor(db),
    logger,
    handlers: createDeliveries({ repos, proactive, jobs: queue, logger, clock }),
    retryDelaySeconds: 1,
    retryBackoff: false,
    pollingIntervalSeconds: 0.5,
  });
  for (const who of [principal, drafter, otherDrafter]) await harness.sendInstall(as(who));
});

afterAll(async () => {
  await jobs?.stop();
  await harness?.close();
  await files?.close();
  await db?.close();
});

const cardIn = (call: CapturedCall): Card => call.body.attachments[0].content as Card;
const postedTo = (who: Who, since: number, text: RegExp) => (c: CapturedCall) =>
  c.kind === 'create' && c.conversationId === chatOf(who) && harness.requests.indexOf(c) >= since && !!c.body?.attachments?.[0] && text.test(cardText(cardIn(c)));

describe('drafter -> principal signs -> case', () => {
  test('a drafter fills in the application, the principal sends it back, then signs it', async () => {
    const app = validApplication();
    app.unit = { id: DEMO_IDS.units.jarnboas };
    await harness.sendMessage('ny ansökan', as(drafter));
    const summary = await walkToSummary(harness, files, lastPostedCard(harness), app, [
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
