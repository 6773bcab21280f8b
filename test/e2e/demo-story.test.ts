// The demo as a newcomer walks it after `npm run dev` (issue 10): the seed has made the
// playground's team channel Elevhälsan's, so a submitted case is in that channel at once; the
// receipt never claims more than has happened; the channel greeting comes once; the channel
// understands "använd den här kanalen" with or without the @-mention; and the decision letter
// names a long measure in full, after which the channel card says when it was delivered.
// Jobs run inline here (the pg-boss path is covered by elevhalsa.test.ts).
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createLogger } from '../../bot/log';
import type { ConversationRef, OutgoingActivity, ProactiveSender } from '../../bot/transport-types';
import type { Repositories } from '../../domain/ports';
import type { TApplicationDraft } from '../../domain/schemas';
import { DEMO_IDS, DEMO_PEOPLE, PLAYGROUND_TEAM, PLAYGROUND_TENANT_ID, playgroundServiceUrl, seedDemo } from '../../prisma/seed';
import { validateCard } from '../cards/validate';
import type { TestDatabase } from '../db/helpers';
import { validApplication } from '../domain/fixtures';
import type { Harness } from './harness';
import { as as asIn, chatOf, startWorld, type World } from './world';
import { cardOf, cardText, lastPostedCard, press, walkToSummary, type Card } from './dialog-helpers';

const person = (role: string) => DEMO_PEOPLE.find((p) => p.role === role)!;
const principal = person('principal');
const head = person('head');
const handler = person('handler');
const admin = person('admin');
const TEAM = PLAYGROUND_TEAM.teamId;
const PORT = 56150;

const LONG_MEASURE =
  'En vuxen som följer eleven hela skoldagen, förbereder övergångar mellan lektioner och raster, stöttar i matsalen och på ' +
  'utflykter, håller ihop kontakten med vårdnadshavare och elevhälsa och dokumenterar varje vecka vad som fungerat.';

type Proactive = { kind: 'send' | 'update'; ref: ConversationRef; card: Card };
const proactiveCalls: Proactive[] = [];
const cardOfActivity = (activity: OutgoingActivity) => (activity as { attachments: Array<{ content: Card }> }).attachments[0]!.content;
const logLines: Array<{ level: string; msg: string }> = [];
// Conversations the fake connector answers 404 for, as the playground does for a chat that is
// not in this run (only one person is online in it).
const absent = new Set<string>();
// Activities the fake connector has forgotten (a new playground run forgets the last run's).
const forgotten = new Set<string>();

const as = (who: typeof principal, where: 'personal' | 'channel' = 'personal') => asIn(who, where, TEAM);

let world: World;
let db: TestDatabase;
let repos: Repositories;
let harness: Harness;
let files: World['files'];

beforeAll(async () => {
  let n = 0;
  const proactive: ProactiveSender = {
    async send(ref, activity) {
      if (absent.has(ref.conversationId)) throw Object.assign(new Error('ConversationNotFound'), { response: { status: 404 } });
      proactiveCalls.push({ kind: 'send', ref, card: cardOfActivity(activity) });
      return { id: `activity-${++n}` };
    },
    async update(ref, id, activity) {
      if (forgotten.has(id)) throw Object.assign(new Error('ActivityNotFound'), { response: { status: 404 } });
      proactiveCalls.push({ kind: 'update', ref, card: cardOfActivity(activity) });
    },
    createPersonalConversation: () => Promise.reject(new Error('not used here')),
  };
  world = await startWorld({
    self: as(principal),
    jobs: 'inline',
    proactive,
    logger: createLogger({ level: 'debug', write: (line) => logLines.push(JSON.parse(line)) }),
    seed: { playground: { port: PORT } },
  });
  ({ db, repos, harness, files } = world);
});

afterAll(() => world?.close());

async function submit(app: TApplicationDraft): Promise<{ caseId: string; caseNumber: string; receipt: string }> {
  await harness.sendMessage('ny ansökan', as(principal));
  const summary = await walkToSummary(harness, files, lastPostedCard(harness, chatOf(principal)), app, [['atgardsprogram.pdf', 'atgardsprogram'], ['psykologutlatande.pdf', 'psykologbedomning']]);
  const receipt = cardText(await press(harness, summary, 'app.submit', { 'signature.confirmed': 'true' }, as(principal)));
  const caseNumber = /TB-\d{4}-\d{4}/.exec(receipt)![0];
  const kase = await repos.cases.byNumber(DEMO_IDS.municipality, caseNumber);
  return { caseId: kase!.id, caseNumber, receipt };
}

const jarnboas = () => {
  const app = validApplication();
  app.unit = { id: DEMO_IDS.units.jarnboas };
  return app;
};
const sentToTeam = () => harness.sent.filter((c) => c.conversationId === TEAM);

describe('the demo story in the playground', () => {
  test("the seed makes the playground's team channel Elevhälsan's: a case is there at once, and the receipt says so", async () => {
    const municipality = await repos.municipalities.get(DEMO_IDS.municipality);
    assert.equal(municipality?.elevhalsaTeamId, TEAM);
    const since = proactiveCalls.length;
    const { caseNumber, receipt } = await submit(jarnboas());
    assert.match(receipt, /Elevhälsan har fått ansökan/);
    const posted = proactiveCalls.slice(since).find((c) => c.kind === 'send' && cardText(c.card).includes(caseNumber));
    assert.ok(posted, 'the case card was not posted');
    assert.equal(posted.ref.conversationId, TEAM);
    assert.equal(posted.ref.serviceUrl, playgroundServiceUrl(PORT));
    assert.deepEqual(validateCard(posted.card), []);
  });

  test('the greeting in the team channel comes once, though Teams sends two install signals', async () => {
    const before = sentToTeam().length;
    await harness.sendInstall({ ...as(head, 'channel'), via: 'installationUpdate' });
    await harness.sendInstall({ ...as(head, 'channel'), via: 'membersAdded' });
    const greetings = sentToTeam().slice(before);
    assert.equal(greetings.length, 1, 'one greeting');
    assert.match(cardText(greetings[0]!.body.attachments[0].content), /@Tilläggsbot/);
  });

  test('"använd den här kanalen" works with and without the @-mention; help tells staff to write @Tilläggsbot first', async () => {
    for (const text of ['använd den här kanalen', '<at>Tilläggsbot</at>&nbsp;använd den här kanalen']) {
      await harness.sendMessage(text, as(admin, 'channel'));
      assert.match(cardText(lastPostedCard(harness, TEAM)), /Den här kanalen får nya ärenden/, text);
    }
    await harness.sendMessage('hjälp', as(handler));
    const help = cardText(lastPostedCard(harness, chatOf(handler)));
    assert.match(help, /ärenden/);
    assert.match(help, /@Tilläggsbot först/);
    assert.doesNotMatch(help, /Bara rektorer/);
  });

  test('with no channel registered: the receipt promises no more than it knows; the admin is told once in the log and on ärenden', async () => {
    await db.prisma.municipality.update({ where: { id: DEMO_IDS.municipality }, data: { elevhalsaTeamId: null, elevhalsaChannelId: null } });
    try {
      const first = await submit(jarnboas());
      assert.doesNotMatch(first.receipt, /Elevhälsan har fått/);
      assert.match(first.receipt, /Ansökan är registrerad och når Elevhälsan/);
      await submit(jarnboas());
      const warnings = logLines.filter((l) => l.level === 'warn' && /no Elevhälsa channel/.test(l.msg));
      assert.equal(warnings.length, 1, 'warned once');
      assert.match(warnings[0]!.msg, /använd den här kanalen/);
      await harness.sendMessage('ärenden', as(handler));
      const queue = lastPostedCard(harness, chatOf(handler));
      assert.match(cardText(queue), /Ingen kanal för Elevhälsan är registrerad/);
      assert.match(cardText(queue), /@Tilläggsbot använd den här kanalen/);
      assert.deepEqual(validateCard(queue), []);
    } finally {
      await seedDemo(db.prisma, { tenantId: PLAYGROUND_TENANT_ID, playground: { port: PORT } });
    }
    await harness.sendMessage('ärenden', as(handler));
    assert.doesNotMatch(cardText(lastPostedCard(harness, chatOf(handler))), /Ingen kanal/);
  });

  test('the letter names a long measure in full; the channel card then says when the decision was delivered', async () => {
    const app = jarnboas();
    app.measures = [{ ...app.measures![0]!, description: LONG_MEASURE }];
    const { caseId, caseNumber } = await submit(app);
    const since = proactiveCalls.length;
    const form = cardOf(await harness.sendCardAction({ caseId }, { ...as(head), verb: 'case.decision.form' }));
    await press(harness, form, 'case.decision.send', {
      'decision.outcome': 'approved',
      'decision.amountPerMonth': '21000',
      'decision.from': '2027-08-16',
      'decision.to': '2028-01-16',
      'decision.reason': '',
    }, as(head));
    const calls = proactiveCalls.slice(since);
    const letter = calls.find((c) => c.kind === 'send' && cardText(c.card).includes('BESLUT OM TILLÄGGSBELOPP'));
    assert.ok(letter, 'no letter sent');
    assert.ok(cardText(letter.card).includes(LONG_MEASURE), 'the measure is cut in the letter');
    assert.deepEqual(validateCard(letter.card), []);
    const channel = calls.filter((c) => c.kind === 'update' && cardText(c.card).includes(caseNumber)).at(-1);
    assert.ok(channel, 'the channel card was not refreshed');
    assert.match(cardText(channel.card), /Beslutet levererat till rektorns chatt \d+ \S+ \d{4} kl\. \d\d:\d\d\./);
  });

  test("a decision made while the principal is not online reaches the principal's chat when it opens again", async () => {
    const { caseId, caseNumber } = await submit(jarnboas());
    absent.add(chatOf(principal));
    const form = cardOf(await harness.sendCardAction({ caseId }, { ...as(head), verb: 'case.decision.form' }));
    await press(harness, form, 'case.decision.send', { 'decision.outcome': 'rejected', 'decision.reason': 'Behovet ryms i grundbeloppet.' }, as(head));
    const [decision] = await repos.decisions.forCase(caseId);
    assert.equal((await repos.decisions.get(decision!.id))?.deliveryStatus, 'failed');
    absent.clear();
    const since = proactiveCalls.length;
    await harness.sendInstall({ ...as(principal), via: 'membersAdded' });
    const letter = proactiveCalls.slice(since).find((c) => c.kind === 'send' && cardText(c.card).includes(caseNumber) && cardText(c.card).includes('BESLUT OM TILLÄGGSBELOPP'));
    assert.ok(letter, 'the decision was not sent again');
    assert.equal((await repos.decisions.get(decision!.id))?.deliveryStatus, 'delivered');
  });

  test('a case card the channel has forgotten is posted anew when the case changes', async () => {
    const { caseId, caseNumber } = await submit(jarnboas());
    const old = await repos.channelPosts.get(caseId);
    assert.ok(old);
    forgotten.add(old.activityId);
    const since = proactiveCalls.length;
    await harness.sendCardAction({ caseId }, { ...as(handler, 'channel'), verb: 'case.assign' });
    const reposted = proactiveCalls.slice(since).find((c) => c.kind === 'send' && c.ref.conversationId === TEAM && cardText(c.card).includes(caseNumber));
    assert.ok(reposted, 'no new card');
    assert.match(cardText(reposted.card), /Megan Bowen/);
    const now = await repos.channelPosts.get(caseId);
    assert.notEqual(now?.activityId, old.activityId);
  });
});
