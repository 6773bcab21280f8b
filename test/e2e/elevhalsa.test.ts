// Elevhälsan's side end to end over HTTP, with the real job queue (pg-boss on the same
// database): a submitted case reaches the Elevhälsa channel, is assigned, goes back for
// completion, comes back as a second version, is decided, and the decision lands in the
// principal's chat with the right text for a kommunal and a fristående unit. Then the same
// deliveries under connector faults.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { FILE_CONSENT_CARD_TYPE, FILE_INFO_CARD_TYPE } from '../../bot/file-transfer';
import type { Repositories } from '../../domain/ports';
import type { TApplicationDraft } from '../../domain/schemas';
import { DEMO_IDS, DEMO_PEOPLE, PLAYGROUND_TENANT_ID } from '../../prisma/seed';
import { validateCard } from '../cards/validate';
import { validApplication, validPreschoolApplication } from '../domain/fixtures';
import type { CapturedCall, Harness, SendOptions } from './harness';
import { DEFAULT_FILES, ELEVHALSA_CHANNEL, as, chatOf, startWorld, type World } from './world';
import { ADAPTIVE_CARD_TYPE, actionsOf, findInput, cardOf, cardText, heading, lastPostedCard, press, startUploadTarget, walkToSummary, type Card } from './dialog-helpers';

const person = (role: string) => DEMO_PEOPLE.find((p) => p.role === role)!;
const principal = person('principal');
const handler = person('handler');
const head = person('head');

const CHANNEL = ELEVHALSA_CHANNEL;
const FILES = { ...DEFAULT_FILES, 'lakarintyg.pdf': new TextEncoder().encode('%PDF-1.4 läkarintyg') };

let world: World;
let repos: Repositories;
let harness: Harness;
let files: World['files'];

beforeAll(async () => {
  world = await startWorld({ self: as(principal), files: FILES, jobs: 'queue' });
  ({ repos, harness, files } = world);
});

afterAll(async () => {
  if (process.env.TEST_LOGS) for (const line of harness?.logs ?? []) if (line.level === 'error') console.error(JSON.stringify(line));
  await world?.close();
});

const actionsOfCard = (card: Card) => actionsOf(card).map((a) => a.verb);
const cardIn = (call: CapturedCall): Card => call.body.attachments[0].content as Card;
const postedTo = (conversationId: string, kind: 'create' | 'update' = 'create', since = 0) => (c: CapturedCall) =>
  c.kind === kind && c.conversationId === conversationId && c.status < 300 && harness.requests.indexOf(c) >= since;

async function submitApplication(app: TApplicationDraft, uploads?: ReadonlyArray<readonly [string, string]>): Promise<{ caseId: string; caseNumber: string }> {
  await harness.sendMessage('ny ansökan', as(principal));
  const summary = await walkToSummary(harness, files, lastPostedCard(harness, chatOf(principal)), app, uploads);
  const receipt = await press(harness, summary, 'app.submit', { 'signature.confirmed': 'true' }, as(principal));
  const caseNumber = /TB-\d{4}-\d{4}/.exec(cardText(receipt))![0];
  const kase = await repos.cases.byNumber(DEMO_IDS.municipality, caseNumber);
  return { caseId: kase!.id, caseNumber };
}

async function channelCardOf(caseNumber: string, since = 0): Promise<Card> {
  const call = await harness.waitFor((c) => postedTo(CHANNEL, 'create', since)(c) && cardText(cardIn(c)).includes(caseNumber), 10_000);
  return cardIn(call);
}

describe('Elevhälsan over HTTP', () => {
  test('the Elevhälsa team installs the bot; its channel is remembered', async () => {
    for (const who of [principal, handler, head]) await harness.sendInstall(as(who));
    await harness.sendInstall(as(handler, 'channel'));
    const welcome = await harness.waitFor((c) => c.conversationId === CHANNEL && c.kind !== 'jwks');
    assert.match(cardText(cardIn(welcome)), /nya ärenden/i);
    const municipality = await repos.municipalities.get(DEMO_IDS.municipality);
    assert.equal(municipality?.elevhalsaChannelId, CHANNEL);
  });

  test('only an admin or the head moves new cases to another channel', async () => {
    const admin = person('admin');
    const other = '19:elevhalsan-arenden@thread.tacv2';
    const inOther = (who: typeof principal): SendOptions => {
      const base = as(who, 'channel');
      return {
        ...base,
        conversation: { ...base.conversation, id: other },
        extra: { channelData: { tenant: { id: PLAYGROUND_TENANT_ID }, team: { id: CHANNEL, name: 'Elevhälsan' }, channel: { id: other } } },
      };
    };
    await harness.sendMessage('<at>Tilläggsbot</at> använd den här kanalen', inOther(handler));
    assert.match(cardText(lastPostedCard(harness, other)), /Bara kommunens administratör/);
    assert.equal((await repos.municipalities.get(DEMO_IDS.municipality))?.elevhalsaChannelId, CHANNEL);
    await harness.sendMessage('<at>Tilläggsbot</at> använd den här kanalen', inOther(admin));
    assert.equal((await repos.municipalities.get(DEMO_IDS.municipality))?.elevhalsaChannelId, other);
    // And back, for the tests below.
    await harness.sendMessage('använd den här kanalen', as(admin, 'channel'));
    assert.equal((await repos.municipalities.get(DEMO_IDS.municipality))?.elevhalsaChannelId, CHANNEL);
  });

  test('submit → channel card → completion → resubmit → decision in the principal chat (kommunal)', async () => {
    const app = validApplication();
    app.unit = { id: DEMO_IDS.units.jarnboas };
    const start = harness.requests.length;
    const { caseId, caseNumber } = await submitApplication(app);

    // The channel card: case facts, no child.
    const card = await channelCardOf(caseNumber, start);
    const text = cardText(card);
    for (const hidden of ['Alva', 'Berg', '20150312', 'utåtagerande', 'psykolog']) assert.ok(!text.includes(hidden), `the channel card shows ${hidden}`);
    assert.match(text, /Järnboåsskolan/);
    assert.deepEqual(validateCard(card), []);

    // Assign from the channel: the card comes back with the handler, and is refreshed for all.
    const assigned = cardOf(await harness.sendCardAction({ caseId }, { ...as(handler, 'channel'), verb: 'case.assign' }));
    assert.match(cardText(assigned), /Megan Bowen/);
    await harness.waitFor(postedTo(CHANNEL, 'update', start), 10_000);
    assert.equal((await repos.cases.get(caseId))?.status, 'in_review');

    // The application opens in the handler's own chat, not in the channel.
    const viewed = await harness.sendCardAction({ caseId }, { ...as(handler, 'channel'), verb: 'case.view' });
    assert.equal(viewed.type, 'application/vnd.microsoft.activity.message');
    const detail = cardIn(await harness.waitFor((c) => c.conversationId === chatOf(handler) && c.kind === 'create' && cardText(cardIn(c)).includes(caseNumber)));
    assert.match(cardText(detail), /Alva/);

    // The handler adjusts the assessment: hours and the proposed amount follow, on the channel card too.
    const review = cardOf(await harness.sendCardAction({ caseId }, { ...as(handler), verb: 'case.assessment.form' }));
    assert.deepEqual(validateCard(review), []);
    const sinceReview = harness.requests.length;
    const reviewed = await press(harness, review, 'case.assessment.send', { 'assessment.safety.current': '2' }, as(handler));
    assert.match(cardText(reviewed), /Bedömningen är sparad: 14 timmar i veckan/);
    const [, adjusted] = await repos.cases.assessments(caseId);
    assert.equal(adjusted?.kind, 'review');
    assert.equal(adjusted?.hoursCurrent, 14);
    const refreshed = await harness.waitFor((c) => postedTo(CHANNEL, 'update', sinceReview)(c) && /14 tim/.test(cardText(cardIn(c))), 10_000);
    assert.doesNotMatch(cardText(cardIn(refreshed)), /Alva/);

    // A handler cannot decide.
    const refused = await harness.sendCardAction({ caseId }, { ...as(handler), verb: 'case.decision.form' });
    assert.equal(refused.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(refused.value), /chef/i);

    // Completion request: the form, a missing message refused next to its field, then sent.
    const form = cardOf(await harness.sendCardAction({ caseId }, { ...as(handler), verb: 'case.completion.form' }));
    const empty = await press(harness, form, 'case.completion.send', { 'completion.message': ' ', 'completion.step': 'attachments' }, as(handler));
    assert.match(cardText(empty), /Skriv vad rektorn behöver komplettera/);
    const sinceRequest = harness.requests.length;
    const sent = await press(harness, form, 'case.completion.send', { 'completion.message': 'Bifoga läkarintyget om epilepsin.', 'completion.step': 'attachments' }, as(handler));
    assert.match(heading(sent), /begärd/);
    assert.equal((await repos.cases.get(caseId))?.status, 'completion_requested');

    // The principal gets the request and reopens the application at the attachments step.
    const request = cardIn(await harness.waitFor((c) => postedTo(chatOf(principal), 'create', sinceRequest)(c) && cardText(cardIn(c)).includes('läkarintyget'), 10_000));
    const reopened = await press(harness, request, 'case.complete.open', {}, as(principal));
    assert.match(heading(reopened), /^Steg 9 av 10/);
    await harness.sendFile({ name: 'lakarintyg.pdf', downloadUrl: files.url('lakarintyg.pdf') }, as(principal));
    const kinded = await press(harness, lastPostedCard(harness, chatOf(principal)), 'attachment.kind', { 'attachment.kind': 'lakarintyg' }, as(principal));
    const summary = await press(harness, kinded, 'step.next', {}, as(principal));
    const done = await press(harness, summary, 'app.submit', { 'signature.confirmed': 'true' }, as(principal));
    assert.match(heading(done), /Kompletteringen är inskickad/);
    const again = await press(harness, summary, 'app.submit', { 'signature.confirmed': 'true' }, as(principal));
    assert.match(heading(again), /Kompletteringen är inskickad/);
    const versions = await repos.cases.versions(caseId);
    assert.equal(versions.length, 2, 'the first version is kept beside the completed one');
    assert.equal((await repos.cases.get(caseId))?.status, 'resubmitted');

    // The handler sees what changed.
    const changed = cardOf(await harness.sendCardAction({ caseId }, { ...as(handler), verb: 'case.view' }));
    assert.match(cardText(changed), /lakarintyg\.pdf/);
    assert.match(cardText(changed), /Ändrat|ändrat/);

    // A file of the case reaches the handler through Teams' file consent: offered in their chat,
    // accepted, uploaded to the URL Teams gives, then shown as a file card.
    const fileId = (findInput(changed, 'attachment.id').choices as Array<{ title: string; value: string }>).find((c) => c.title === 'atgardsprogram.pdf')!.value;
    const sinceFile = harness.requests.length;
    const offered = await harness.sendCardAction({ caseId, 'attachment.id': fileId }, { ...as(handler), verb: 'case.attachment.get' });
    assert.match(String(offered.value), /Godkänn/);
    const consent = await harness.waitFor((c) => postedTo(chatOf(handler), 'create', sinceFile)(c) && c.body.attachments?.[0]?.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    const acceptContext = consent.body.attachments[0].content.acceptContext;
    const oneDrive = await startUploadTarget();
    try {
      const uploadInfo = { name: 'atgardsprogram.pdf', uploadUrl: oneDrive.url('atgardsprogram.pdf'), contentUrl: 'https://contoso-my.sharepoint.com/atgardsprogram.pdf', uniqueId: 'F1', fileType: 'pdf' };
      await harness.sendInvoke('fileConsent/invoke', { type: 'fileUpload', action: 'accept', context: acceptContext, uploadInfo }, as(handler));
      assert.deepEqual(oneDrive.uploads.map((u) => u.bytes), [Buffer.from(FILES['atgardsprogram.pdf'])], 'the stored bytes went to the upload URL');
      await harness.waitFor((c) => postedTo(chatOf(handler), 'create', sinceFile)(c) && c.body.attachments?.[0]?.contentType === 'application/vnd.microsoft.teams.card.file.info');
      // A forged context (a file id of no case) uploads nothing.
      await harness.sendInvoke('fileConsent/invoke', { type: 'fileUpload', action: 'accept', context: { caseId, attachmentId: '00000000-0000-4000-8000-00000000dead' }, uploadInfo }, as(handler));
      assert.equal(oneDrive.uploads.length, 1);
    } finally {
      await oneDrive.close();
    }

    // The head decides; the principal's chat gets the letter, and the notification time is kept.
    const decisionForm = cardOf(await harness.sendCardAction({ caseId }, { ...as(head), verb: 'case.decision.form' }));
    assert.deepEqual(validateCard(decisionForm), []);
    const sinceDecision = harness.requests.length;
    const decided = await press(harness, decisionForm, 'case.decision.send', {
      'decision.outcome': 'approved',
      'decision.amountPerMonth': '21000',
      'decision.from': '2027-08-16',
      'decision.to': '2028-01-16',
      'decision.reason': '',
    }, as(head));
    assert.match(heading(decided), /Beslutet är fattat/);
    const letter = cardIn(await harness.waitFor((c) => postedTo(chatOf(principal), 'create', sinceDecision)(c) && cardText(cardIn(c)).includes(caseNumber), 10_000));
    const letterText = cardText(letter);
    assert.match(letterText, /21 000 kr/);
    assert.match(letterText, /tillgodose/);
    assert.doesNotMatch(letterText, /förvaltningsrätten/);
    const [decision] = await repos.decisions.forCase(caseId);
    await waitUntil(async () => (await repos.decisions.get(decision!.id))?.deliveryStatus === 'delivered');
    assert.ok((await repos.decisions.get(decision!.id))?.notifiedAt, 'the notification time is recorded');
    const twice = await harness.sendCardAction({ caseId, 'decision.outcome': 'rejected', 'decision.reason': 'Dubbelklick' }, { ...as(head), verb: 'case.decision.send' });
    assert.match(String(twice.value), /redan beslutat/);
    assert.equal((await repos.decisions.forCase(caseId)).length, 1, 'the same decision twice is harmless');

    const audit = (await repos.audit.list('case', caseId)).map((e) => e.action);
    for (const expected of ['case.submitted', 'case.handler_assigned', 'case.status_changed', 'case.version_added', 'case.decided', 'case.notified']) {
      assert.ok(audit.includes(expected), `audit has ${expected}: ${audit.join(', ')}`);
    }
  });

  test('a fristående unit is rejected with appeal instructions and a deadline', async () => {
    const app = validPreschoolApplication();
    app.unit = { id: DEMO_IDS.units.naktergalen };
    const { caseId, caseNumber } = await submitApplication(app, [['lakarintyg.pdf', 'lakarintyg']]);
    const since = harness.requests.length;
    const form = cardOf(await harness.sendCardAction({ caseId }, { ...as(head), verb: 'case.decision.form' }));
    await press(harness, form, 'case.decision.send', { 'decision.outcome': 'rejected', 'decision.reason': 'Behovet kan mötas med ordinära insatser.' }, as(head));
    const letter = cardText(cardIn(await harness.waitFor((c) => postedTo(chatOf(principal), 'create', since)(c) && cardText(cardIn(c)).includes(caseNumber), 10_000)));
    assert.match(letter, /förvaltningsrätten/);
    assert.match(letter, /inte att/);
    assert.match(letter, /Sista dag att överklaga/);
  });

  test('the decision PDF follows the decision in the principal’s chat; accepted, its stored bytes go to OneDrive; nobody else gets it', async () => {
    const app = validApplication();
    app.unit = { id: DEMO_IDS.units.jarnboas };
    const { caseId, caseNumber } = await submitApplication(app);
    const since = harness.requests.length;
    const form = cardOf(await harness.sendCardAction({ caseId }, { ...as(head), verb: 'case.decision.form' }));
    await press(harness, form, 'case.decision.send', { 'decision.outcome': 'approved', 'decision.amountPerMonth': '15500', 'decision.from': '2027-08-16', 'decision.to': '2028-01-16', 'decision.reason': '' }, as(head));
    const inChat = (type: string, from = since) => (c: CapturedCall) => postedTo(chatOf(principal), 'create', from)(c) && c.body.attachments?.[0]?.contentType === type;
    const letterCall = await harness.waitFor((c) => inChat(ADAPTIVE_CARD_TYPE)(c) && cardText(cardIn(c)).includes(caseNumber), 10_000);
    const consentCall = await harness.waitFor(inChat(FILE_CONSENT_CARD_TYPE), 10_000);
    assert.ok(harness.requests.indexOf(consentCall) > harness.requests.indexOf(letterCall), 'the PDF follows the decision card');

    // The offer is the stored, immutable document: its name, size and hash; its context names the decision.
    const [decision] = await repos.decisions.forCase(caseId);
    const stored = (await repos.decisionDocuments.get(decision!.id))!;
    assert.equal(createHash('sha256').update(stored.bytes).digest('hex'), stored.sha256);
    const offer = consentCall.body.attachments[0];
    assert.equal(offer.name, `beslut-${caseNumber}.pdf`);
    assert.equal(offer.content.sizeInBytes, stored.bytes.byteLength);
    assert.ok(offer.content.description.includes(stored.sha256), 'the description carries the hash');
    assert.deepEqual(offer.content.acceptContext, { caseId, decisionId: decision!.id });
    assert.ok(actionsOfCard(cardIn(letterCall)).includes('case.decision.pdf'), 'the decision card offers it too');

    const oneDrive = await startUploadTarget();
    try {
      const uploadInfo = { name: offer.name, uploadUrl: oneDrive.url(offer.name), contentUrl: `https://contoso-my.sharepoint.com/${offer.name}`, uniqueId: 'D1', fileType: 'pdf' };
      const accept = { type: 'fileUpload', action: 'accept', context: offer.content.acceptContext, uploadInfo };

      // Someone else answering the same offer (the handler, from their own chat) is refused politely; nothing is uploaded.
      const sinceRefusal = harness.requests.length;
      await harness.sendInvoke('fileConsent/invoke', accept, as(handler));
      const refusal = await harness.waitFor((c) => ['create', 'reply'].includes(c.kind) && c.conversationId === chatOf(handler) && harness.requests.indexOf(c) >= sinceRefusal);
      assert.match(refusal.body.text, /Filen kunde inte skickas: den finns inte längre, eller så har du inte behörighet till den\./);
      // A context naming another case, or both a decision and an attachment, is nobody's offer.
      await harness.sendInvoke('fileConsent/invoke', { ...accept, context: { caseId: '00000000-0000-4000-8000-00000000beef', decisionId: decision!.id } }, as(principal));
      await harness.sendInvoke('fileConsent/invoke', { ...accept, context: { ...offer.content.acceptContext, attachmentId: '00000000-0000-4000-8000-00000000dead' } }, as(principal));
      assert.equal(oneDrive.uploads.length, 0);

      // The principal accepts: one PUT of exactly the stored bytes to the upload URL, then the file card.
      const sinceAccept = harness.requests.length;
      await harness.sendInvoke('fileConsent/invoke', accept, as(principal));
      assert.equal(oneDrive.uploads.length, 1);
      const [upload] = oneDrive.uploads;
      assert.equal(upload!.method, 'PUT');
      assert.ok(upload!.bytes.equals(Buffer.from(stored.bytes)), 'the stored bytes, unchanged');
      assert.equal(createHash('sha256').update(upload!.bytes).digest('hex'), stored.sha256);
      assert.equal(upload!.headers['content-range'], `bytes 0-${stored.bytes.byteLength - 1}/${stored.bytes.byteLength}`);
      const info = await harness.waitFor(inChat(FILE_INFO_CARD_TYPE, sinceAccept));
      assert.equal(info.body.attachments[0].name, offer.name);
      assert.equal(info.body.attachments[0].content.uniqueId, 'D1');
      const sent = (await repos.audit.list('case', caseId)).filter((e) => e.action === 'decision.document_sent');
      assert.equal(sent.length, 1);
      assert.equal((sent[0]!.details as { sha256: string }).sha256, stored.sha256);
    } finally {
      await oneDrive.close();
    }

    // The card's button offers the same document again; to the handler it says no.
    const sinceButton = harness.requests.length;
    const again = await harness.sendCardAction({ caseId }, { ...as(principal), verb: 'case.decision.pdf' });
    assert.match(String(again.value), /Godkänn ”beslut-TB-\d{4}-\d{4}\.pdf”/);
    const reoffer = await harness.waitFor(inChat(FILE_CONSENT_CARD_TYPE, sinceButton));
    assert.deepEqual(reoffer.body.attachments[0].content.acceptContext, offer.content.acceptContext);
    const refused = await harness.sendCardAction({ caseId }, { ...as(handler), verb: 'case.decision.pdf' });
    assert.match(String(refused.value), /inte ställt till dig/);
    // The handler reading the letter again is not offered it, nor told to keep it.
    const shown = cardOf(await harness.sendCardAction({ caseId }, { ...as(handler), verb: 'case.decision.show' }));
    assert.deepEqual(actionsOfCard(shown), []);
    assert.doesNotMatch(cardText(shown), /Spara beslutet/);
  });

  test('a partial decision names the approved and the refused measures', async () => {
    const app = validApplication();
    app.unit = { id: DEMO_IDS.units.jarnboas };
    app.measures = [
      ...app.measures!,
      { id: 'm2', type: 'lokalanpassning', description: 'Ett eget rum för återhämtning intill klassrummet.', hoursPerWeek: 5 },
    ];
    app.placement = { ...app.placement!, attendanceHoursPerWeek: 30 };
    const { caseId, caseNumber } = await submitApplication(app);
    const form = cardOf(await harness.sendCardAction({ caseId }, { ...as(head), verb: 'case.decision.form' }));
    const choices = findInput(form, 'decision.approvedMeasures').choices as Array<{ title: string; value: string }>;
    const assistant = choices.find((c) => /Assistent|assistent/.test(c.title))!;
    const inputs = { 'decision.outcome': 'partly_approved', 'decision.amountPerMonth': '18000', 'decision.from': '2027-08-16', 'decision.to': '2028-01-16' };

    // Without a reason the form comes back with the message next to the field.
    const noReason = await press(harness, form, 'case.decision.send', { ...inputs, 'decision.approvedMeasures': assistant.value }, as(head));
    assert.match(cardText(noReason), /Skriv skälen/);
    assert.equal((await repos.decisions.forCase(caseId)).length, 0);

    const since = harness.requests.length;
    await press(harness, form, 'case.decision.send', {
      ...inputs,
      'decision.approvedMeasures': assistant.value,
      'decision.reason': 'Rummet är en anpassning av lokalerna som ryms i grundbeloppet.',
    }, as(head));
    const letter = cardText(cardIn(await harness.waitFor((c) => postedTo(chatOf(principal), 'create', since)(c) && cardText(cardIn(c)).includes(caseNumber), 10_000)));
    assert.match(letter, /Insatser som beviljas:[\s\S]*Elevassistent/);
    assert.match(letter, /Insatser som inte beviljas:[\s\S]*eget rum/);
    assert.match(letter, /18 000 kr/);
    const [decision] = await repos.decisions.forCase(caseId);
    assert.equal(decision?.outcome, 'partly_approved');
    assert.deepEqual(decision?.approvedMeasureIds, [assistant.value]);
  });

  test('ärenden shows Elevhälsan the queue of undecided cases; a principal gets their own cases', async () => {
    const app = validApplication();
    app.unit = { id: DEMO_IDS.units.jarnboas };
    const { caseNumber, caseId } = await submitApplication(app);

    // Universal Actions refresh: each viewer's buttons follow their role.
    const forHead = cardOf(await harness.sendCardAction({ caseId }, { ...as(head, 'channel'), verb: 'case.refresh' }));
    const forHandler = cardOf(await harness.sendCardAction({ caseId }, { ...as(handler, 'channel'), verb: 'case.refresh' }));
    assert.ok(actionsOfCard(forHead).includes('case.decision.form'), 'the head may decide');
    assert.ok(!actionsOfCard(forHandler).includes('case.decision.form'), 'a handler may not decide');
    assert.ok(actionsOfCard(forHandler).includes('case.assign'), 'a handler may take the case');

    await harness.sendMessage('ärenden', as(handler));
    const queue = lastPostedCard(harness, chatOf(handler));
    assert.match(cardText(queue), new RegExp(caseNumber));
    assert.deepEqual(validateCard(queue), []);
    await harness.sendMessage('ärenden', as(principal));
    assert.match(heading(lastPostedCard(harness, chatOf(principal))), /Mina ärenden/);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('deliveries under connector faults', () => {
  const app = () => {
    const a = validApplication();
    a.unit = { id: DEMO_IDS.units.jarnboas };
    return a;
  };
  const channelPosts = (caseNumber: string, since: number) =>
    harness.requests.filter((c) => postedTo(CHANNEL, 'create', since)(c) && cardText(cardIn(c)).includes(caseNumber));

  test('429 then 200: the card is posted once, after Retry-After', async () => {
    const since = harness.requests.length;
    harness.fault({ status: 429, retryAfter: 1, times: 1, match: { kind: 'create', conversationId: CHANNEL } });
    const { caseNumber } = await submitApplication(app());
    await channelCardOf(caseNumber, since);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(channelPosts(caseNumber, since).length, 1);
  });

  test('500 three times then 200: retried by the queue, posted once', async () => {
    const since = harness.requests.length;
    harness.fault({ status: 500, times: 3, match: { kind: 'create', conversationId: CHANNEL } });
    const { caseNumber, caseId } = await submitApplication(app());
    await channelCardOf(caseNumber, since);
    const failures = harness.requests.filter((c) => c.kind === 'create' && c.conversationId === CHANNEL && c.status === 500 && harness.requests.indexOf(c) >= since);
    assert.equal(failures.length, 3);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(channelPosts(caseNumber, since).length, 1);
    assert.ok(await repos.channelPosts.get(caseId), 'the channel post is recorded');
  });

  test('403 (bot removed from the chat): the decision is marked failed and the channel card says so', async () => {
    const { caseId, caseNumber } = await submitApplication(app());
    await channelCardOf(caseNumber);
    const since = harness.requests.length;
    harness.fault({ status: 403, times: 1, match: { kind: 'create', conversationId: chatOf(principal) } });
    const form = cardOf(await harness.sendCardAction({ caseId }, { ...as(head), verb: 'case.decision.form' }));
    await press(harness, form, 'case.decision.send', { 'decision.outcome': 'rejected', 'decision.reason': 'Ordinära insatser räcker.' }, as(head));
    const updated = await harness.waitFor((c) => postedTo(CHANNEL, 'update', since)(c) && cardText(cardIn(c)).includes('kunde inte levereras'), 10_000);
    assert.match(cardText(cardIn(updated)), new RegExp(caseNumber));
    const [decision] = await repos.decisions.forCase(caseId);
    assert.equal(decision?.deliveryStatus, 'failed');
    assert.ok((await repos.audit.list('case', caseId)).some((e) => e.action === 'case.delivery_failed'), 'the failure is audited');

    // The principal reinstalls; Elevhälsan sends the decision again from the card.
    const sinceResend = harness.requests.length;
    const resent = await harness.sendCardAction({ caseId }, { ...as(handler, 'channel'), verb: 'case.decision.resend' });
    assert.match(String(resent.value), /skickas igen/);
    await harness.waitFor((c) => postedTo(chatOf(principal), 'create', sinceResend)(c) && cardText(cardIn(c)).includes(caseNumber), 10_000);
    await waitUntil(async () => (await repos.decisions.get(decision!.id))?.deliveryStatus === 'delivered');
  });
});
