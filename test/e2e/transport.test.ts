// The Teams transport over real HTTP: Bot Framework activities in, connector calls out.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { createHook } from 'node:async_hooks';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { startHarness, type Harness } from './harness';
import { APOLOGY_TEXT, CASE_APOLOGY_TEXT } from '../../bot/transport';
import { startServer } from '../../bot/server';
import { createLogger } from '../../bot/log';
import {
  cardMessage,
  cardResponse,
  messageResponse,
  type AdaptiveCard,
  type BotHandlers,
  type CardActionActivity,
  type InstallTrigger,
  type MessageActivity,
  type TurnContext,
} from '../../bot/transport-types';

const card = (title: string): AdaptiveCard => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: title }],
});

/** Echo handlers that also record what each handler saw. */
function echoHandlers() {
  const seen = {
    messages: [] as TurnContext<MessageActivity>[],
    submits: [] as TurnContext<MessageActivity>[],
    cardActions: [] as TurnContext<CardActionActivity>[],
    installs: [] as InstallTrigger[],
  };
  const handlers: BotHandlers = {
    async onMessage(ctx) {
      seen.messages.push(ctx);
      const text = ctx.activity.text ?? '';
      if (text === 'krascha') throw new Error('handler exploded while reading 19121212-1212');
      if (text === 'kort') {
        const sent = await ctx.send(cardMessage(card('Steg 1'), 'Ny ansökan'));
        await ctx.update(sent.id, cardMessage(card('Steg 1 (sparat)')));
        return;
      }
      if (ctx.files.length > 0) {
        await ctx.send(`Tack, jag tog emot ${ctx.files.map((f) => f.name).join(', ')}.`);
        return;
      }
      await ctx.send(`eko: ${text}`);
    },
    async onSubmit(ctx) {
      seen.submits.push(ctx);
      await ctx.send('Sparat.');
    },
    async onCardAction(ctx) {
      seen.cardActions.push(ctx);
      const { verb, data } = ctx.activity.value.action;
      if (verb === 'krascha' || verb === 'case.assign') throw new Error('card handler exploded');
      if (verb === 'meddelande') return messageResponse('Klart.');
      return cardResponse(card(`verb=${verb} term=${String(data['term'])}`));
    },
    async onInstall(ctx, trigger) {
      seen.installs.push(trigger);
      await ctx.send('Hej! Jag hjälper dig att ansöka om tilläggsbelopp. Skriv "ny ansökan" för att börja.');
    },
  };
  return { handlers, seen };
}

describe('transport without a bot client id (local development)', () => {
  let h: Harness;
  const { handlers, seen } = echoHandlers();
  beforeAll(async () => {
    h = await startHarness({ handlers });
  });
  afterAll(() => h.close());

  test('a message is answered through the connector, in the same conversation, as the bot', async () => {
    h.reset();
    const res = await h.sendMessage('hej');
    assert.equal(res.status, 200);
    assert.equal(h.sent.length, 1);
    const [reply] = h.sent;
    assert.equal(reply!.kind, 'create');
    assert.equal(reply!.conversationId, h.conversation.id);
    assert.equal(reply!.body.text, 'eko: hej');
    assert.equal(reply!.body.from.id, '28:local-development-bot');
    assert.equal(reply!.authorization, undefined, 'no client id, so no bearer token');
  });

  test('the turn context carries identity and a serializable reference', async () => {
    await h.sendMessage('vem är jag');
    const ctx = seen.messages.at(-1)!;
    assert.equal(ctx.tenantId, h.user.tenantId);
    assert.equal(ctx.aadObjectId, h.user.aadObjectId);
    assert.equal(ctx.conversationType, 'personal');
    assert.equal(ctx.serviceUrl, h.connectorUrl, 'trailing slash removed');
    assert.deepEqual(JSON.parse(JSON.stringify(ctx.reference)), ctx.reference);
    assert.equal(ctx.reference.user?.aadObjectId, h.user.aadObjectId);
  });

  test('a card can be sent and then replaced in place (PUT on the activity id)', async () => {
    h.reset();
    await h.sendMessage('kort');
    const [created, updated] = h.sent;
    assert.equal(created!.kind, 'create');
    assert.equal(created!.body.attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(created!.body.summary, 'Ny ansökan');
    assert.equal(updated!.kind, 'update');
    assert.equal(updated!.activityId, (created!.response as { id: string }).id);
    assert.equal(updated!.body.attachments[0].content.body[0].text, 'Steg 1 (sparat)');
  });

  test('Action.Execute returns the invoke response body: a replacement card', async () => {
    const body = await h.sendCardAction({ term: 'HT2027' }, { verb: 'step.next' });
    assert.deepEqual(body, cardResponse(card('verb=step.next term=HT2027')));
    assert.equal(seen.cardActions.at(-1)!.activity.value.action.type, 'Action.Execute');
  });

  test('Action.Execute can answer with a message instead of a card', async () => {
    assert.deepEqual(await h.sendCardAction({}, { verb: 'meddelande' }), messageResponse('Klart.'));
  });

  test('Action.Submit (a message with value and no text) goes to onSubmit', async () => {
    h.reset();
    const before = seen.messages.length;
    await h.sendSubmit({ 'pupil.firstName': 'Alva' });
    assert.equal(seen.messages.length, before, 'onMessage not called');
    assert.deepEqual(seen.submits.at(-1)!.activity.value, { 'pupil.firstName': 'Alva' });
    assert.equal(h.sent[0]!.body.text, 'Sparat.');
  });

  test('installationUpdate add and conversationUpdate with the bot added both reach onInstall', async () => {
    h.reset();
    seen.installs.length = 0;
    await h.sendInstall({ via: 'installationUpdate' });
    await h.sendInstall({ via: 'membersAdded' });
    assert.deepEqual(seen.installs, ['installationUpdate', 'membersAdded']);
    assert.equal(h.sent.length, 2);
    assert.match(h.sent[0]!.body.text, /^Hej! Jag hjälper dig/);
  });

  test('a conversationUpdate that adds only a user is not an install', async () => {
    seen.installs.length = 0;
    const res = await h.sendActivity({ type: 'conversationUpdate', membersAdded: [{ id: '29:someone-else' }] });
    assert.equal(res.status, 200);
    assert.deepEqual(seen.installs, []);
  });

  test('a file dropped in personal chat reaches onMessage with its download URL', async () => {
    h.reset();
    await h.sendFile({ name: 'åtgärdsprogram.pdf', downloadUrl: 'https://contoso-my.sharepoint.com/download/abc?tempauth=x' });
    const ctx = seen.messages.at(-1)!;
    assert.equal(ctx.files.length, 1);
    assert.equal(ctx.files[0]!.name, 'åtgärdsprogram.pdf');
    assert.equal(ctx.files[0]!.downloadUrl, 'https://contoso-my.sharepoint.com/download/abc?tempauth=x');
    assert.equal(ctx.files[0]!.fileType, 'pdf');
    assert.equal(h.sent[0]!.body.text, 'Tack, jag tog emot åtgärdsprogram.pdf.');
  });

  test('a message handler that throws gets the Swedish apology, the cause is logged, the server lives on', async () => {
    h.reset();
    const res = await h.sendMessage('krascha');
    assert.equal(res.status, 200);
    assert.equal(h.sent.length, 1);
    assert.equal(h.sent[0]!.body.text, APOLOGY_TEXT);
    const failure = h.logs.find((l) => l.msg === 'turn failed');
    assert.ok(failure, 'the failure is logged');
    assert.match(JSON.stringify(failure), /handler exploded/);
    const next = await h.sendMessage('hej igen');
    assert.equal(next.status, 200);
    assert.equal(h.sent.at(-1)!.body.text, 'eko: hej igen');
  });

  test('a card handler that throws answers the invoke with the apology and says it in chat', async () => {
    h.reset();
    const body = await h.sendCardAction({}, { verb: 'krascha' });
    assert.deepEqual(body, messageResponse(APOLOGY_TEXT));
    assert.equal(h.sent.at(-1)!.body.text, APOLOGY_TEXT);
  });

  test("a failed button on a case does not tell Elevhälsan that a draft was saved", async () => {
    h.reset();
    const body = await h.sendCardAction({ caseId: '00000000-0000-4000-8000-000000000001' }, { verb: 'case.assign' });
    assert.deepEqual(body, messageResponse(CASE_APOLOGY_TEXT));
    assert.doesNotMatch(CASE_APOLOGY_TEXT, /utkast/);
    assert.equal(h.sent.at(-1)!.body.text, CASE_APOLOGY_TEXT);
  });

  test('user input never reaches the log', async () => {
    h.reset();
    await h.sendMessage('personnummer 20150312-1234');
    await h.sendSubmit({ 'need.description': 'hemlig hälsoinformation' });
    await h.sendCardAction({ 'need.description': 'hemlig hälsoinformation' }, { verb: 'step.next' });
    const all = JSON.stringify(h.logs);
    assert.doesNotMatch(all, /20150312-1234|hemlig hälsoinformation/);
  });

  test('an invoke this bot does not handle gets 501', async () => {
    const res = await h.sendActivity({ type: 'invoke', name: 'composeExtension/query', value: {} });
    assert.equal(res.status, 501);
  });

  test('oversized and malformed bodies get a short JSON error, not an Express error page', async () => {
    h.reset();
    const big = await h.sendMessage('x'.repeat(120_000));
    assert.deepEqual(big, { status: 413, body: { error: 'payload too large' } });
    const bad = await fetch(h.botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{bad' });
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), { error: 'bad request' });
    assert.equal(h.logs.filter((l) => l.msg === 'request rejected').length, 2);
    assert.equal((await h.sendMessage('hej')).status, 200);
  });

  test('a body that is not JSON, or an envelope field of the wrong type, gets 400 with a JSON error', async () => {
    h.reset();
    const before = seen.messages.length + seen.cardActions.length;
    const plain = await fetch(h.botUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"type":"message"}' });
    assert.equal(plain.status, 400);
    assert.deepEqual(await plain.json(), { error: 'bad request' });
    const none = await fetch(h.botUrl, { method: 'POST', body: 'x' });
    assert.equal(none.status, 400);
    assert.deepEqual(await none.json(), { error: 'bad request' });
    const malformed: Array<[string, Record<string, unknown>]> = [
      ['a numeric serviceUrl', { serviceUrl: 123 }],
      ['a serviceUrl that is no URL', { serviceUrl: 'javascript:alert(1)' }],
      ['an object as conversation id', { conversation: { id: { $ne: '' }, tenantId: h.user.tenantId } }],
      ['a numeric aadObjectId', { from: { id: '29:x', aadObjectId: 42 } }],
      ['an object as tenant', { conversation: { id: 'a:1', tenantId: { id: 'x' } } }],
      ['a tenant in channel data that is an array', { channelData: { tenant: { id: ['x'] } } }],
      ['two different tenants', { channelData: { tenant: { id: '00000000-0000-4000-8000-0000000000bb' } } }],
      ['a numeric text', { text: 7 }],
      ['an array as type', { type: ['message'] }],
    ];
    for (const [label, extra] of malformed) {
      const res = await h.sendMessage('hej', { extra });
      assert.equal(res.status, 400, label);
      assert.deepEqual(res.body, { error: 'bad request' }, label);
    }
    const noAction = await h.sendActivity({ type: 'invoke', name: 'adaptiveCard/action', value: { trigger: 'manual' } });
    assert.equal(noAction.status, 400);
    const badConsent = await h.sendActivity({ type: 'invoke', name: 'fileConsent/invoke', value: { action: 'maybe' } });
    assert.equal(badConsent.status, 400);
    assert.equal(seen.messages.length + seen.cardActions.length, before, 'no handler saw a malformed activity');
    assert.equal(h.sent.length, 0, 'no apology: nothing failed inside a turn');
    assert.ok(!h.logs.some((l) => l.msg === 'turn failed' || l.level === 'error'));
    assert.equal((await h.sendMessage('hej')).status, 200);
  });

  test('activities the bot ignores (typing, reactions) get 200 without calling a handler', async () => {
    h.reset();
    const before = seen.messages.length;
    assert.equal((await h.sendActivity({ type: 'typing' })).status, 200);
    assert.equal((await h.sendActivity({ type: 'messageReaction', reactionsAdded: [{ type: 'like' }] })).status, 200);
    assert.equal(seen.messages.length, before);
    assert.equal(h.sent.length, 0);
  });
});

describe('connector faults', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ handlers: echoHandlers().handlers });
  });
  afterAll(() => h.close());

  test('429 with Retry-After is retried and the reply is delivered', async () => {
    h.reset();
    h.fault({ status: 429, retryAfter: 0, match: { kind: 'create' } });
    await h.sendMessage('hej');
    assert.deepEqual(h.sent.map((c) => c.status), [429, 201]);
    assert.equal(h.sent[1]!.body.text, 'eko: hej');
  });

  test('a 403 is not retried: the handler fails and the apology is tried once', async () => {
    h.reset();
    h.fault({ status: 403, match: { kind: 'create' } });
    await h.sendMessage('hej');
    assert.deepEqual(h.sent.map((c) => [c.status, c.body.text]), [
      [403, 'eko: hej'],
      [201, APOLOGY_TEXT],
    ]);
  });

  test('a connector that keeps failing costs one log line, not a crash', async () => {
    h.reset();
    h.fault({ status: 500, times: 2 });
    const res = await h.sendMessage('hej');
    assert.equal(res.status, 200);
    assert.ok(h.logs.some((l) => l.msg === 'could not send the apology'));
  });
});

describe('proactive sends and restart', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ handlers: echoHandlers().handlers });
  });
  afterAll(() => h.close());

  test('a reference stored in one run is usable after the bot restarts', async () => {
    let stored: unknown;
    await h.stopBot();
    await h.startBot({
      handlers: {
        ...echoHandlers().handlers,
        async onInstall(ctx) {
          stored = JSON.parse(JSON.stringify(ctx.reference));
        },
      },
    });
    await h.sendInstall();
    await h.stopBot();
    await assert.rejects(h.sendMessage('hej'), /bot is stopped/);
    await h.startBot({ handlers: echoHandlers().handlers });
    h.reset();
    const sent = await h.proactive.send(stored as never, 'Påminnelse: uppföljningen ska lämnas senast 15 oktober.');
    const call = await h.waitFor((c) => c.kind === 'create');
    assert.equal(call.body.text, 'Påminnelse: uppföljningen ska lämnas senast 15 oktober.');
    assert.equal(call.conversationId, h.conversation.id);
    await h.proactive.update(stored as never, sent.id, cardMessage(card('Beslut')));
    const put = await h.waitFor((c) => c.kind === 'update');
    assert.equal(put.activityId, sent.id);
  });

  test('a 1:1 chat can be opened for a user the bot has not talked to', async () => {
    h.reset();
    const ref = await h.proactive.createPersonalConversation({
      serviceUrl: h.connectorUrl,
      tenantId: h.user.tenantId,
      userId: '29:new-principal',
    });
    const create = h.requests.find((c) => c.kind === 'createConversation')!;
    assert.deepEqual(create.body.members, [{ id: '29:new-principal', role: 'user' }]);
    assert.equal(create.body.channelData.tenant.id, h.user.tenantId);
    assert.match(ref.conversationId, /^a:harness-created-/);
    await h.proactive.send(ref, 'Välkommen!');
    assert.equal(h.sent.at(-1)!.conversationId, ref.conversationId);
  });

  test('closing leaves no servers or timers behind', async () => {
    const count = (type: string) => process.getActiveResourcesInfo().filter((r) => r === type).length;
    // Handles are released on a later tick of the event loop than close() resolves on.
    const settled = async (check: () => boolean) => {
      for (let i = 0; i < 50 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
      return check();
    };
    const servers = count('TCPServerWrap');
    // The timers made while this harness lives must all be gone after close(). (The test
    // runner keeps timers of its own, so counting every timer in the process proves nothing.)
    const timers = new Set<number>();
    let recording = true;
    const hook = createHook({
      init(id, type) {
        if (recording && type === 'Timeout') timers.add(id);
      },
      destroy(id) {
        timers.delete(id);
      },
    }).enable();
    try {
      const other = await startHarness({ handlers: echoHandlers().handlers });
      await other.sendMessage('hej');
      assert.equal(count('TCPServerWrap'), servers + 2);
      await other.close();
      recording = false;
      assert.ok(await settled(() => count('TCPServerWrap') === servers), 'both servers closed');
      assert.ok(await settled(() => timers.size === 0), 'no timers left');
    } finally {
      hook.disable();
    }
  });
});

describe('transport with a bot client id: Bot Framework JWT required', () => {
  let h: Harness;
  const { handlers, seen } = echoHandlers();
  beforeAll(async () => {
    h = await startHarness({ handlers, secure: true });
  });
  afterAll(() => h.close());

  test('a request signed by the (local) Bot Framework key is served', async () => {
    h.reset();
    const res = await h.sendMessage('hej');
    assert.equal(res.status, 200);
    assert.equal(h.sent[0]!.body.text, 'eko: hej');
    assert.equal(h.sent[0]!.authorization, `Bearer ${h.outboundToken}`, 'outbound calls carry the bot token');
    assert.ok(h.requests.some((c) => c.kind === 'jwks'), 'keys were read from the local JWKS');
  });

  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const rejected: Array<[string, (h: Harness) => string]> = [
    ['no Authorization header', () => 'none'],
    ['a garbage token', () => 'Bearer not.a.jwt'],
    ['a token signed with another key', (h) => `Bearer ${h.mintToken({}, { key: otherKey })}`],
    ['a token with an unknown key id', (h) => `Bearer ${h.mintToken({}, { key: otherKey, kid: 'unknown' })}`],
    ['a token for another bot', (h) => `Bearer ${h.mintToken({ aud: 'another-bot-id' })}`],
    ['a token from another issuer', (h) => `Bearer ${h.mintToken({ iss: 'https://attacker.example' })}`],
    ['an expired token', (h) => `Bearer ${h.mintToken({ exp: Math.floor(Date.now() / 1000) - 3600 })}`],
    ['a token for another serviceUrl', (h) => `Bearer ${h.mintToken({ serviceurl: 'https://attacker.example/' })}`],
  ];
  for (const [label, auth] of rejected) {
    test(`${label} gets 401 quickly and reaches no handler`, async () => {
      h.reset();
      const before = seen.messages.length;
      const started = Date.now();
      const res = await h.sendMessage('hej', { auth: auth(h) });
      assert.equal(res.status, 401);
      assert.ok(Date.now() - started < 2_000, 'no network wait');
      assert.equal(seen.messages.length, before);
      assert.equal(h.sent.length, 0);
    });
  }
});

describe('hostile tokens and tenants (bot client id configured)', () => {
  const victimTenant = '00000000-0000-4000-8000-0000000000aa';
  const otherTenant = '00000000-0000-4000-8000-0000000000ee';
  let h: Harness;
  const { handlers, seen } = echoHandlers();
  beforeAll(async () => {
    h = await startHarness({
      handlers,
      secure: true,
      knownTenant: async (tenantId) => tenantId === victimTenant,
    });
    // One accepted request first: the keys are fetched and cached, as in a running bot.
    assert.equal((await h.sendMessage('hej')).status, 200);
  });
  afterAll(() => h.close());

  const now = () => Math.floor(Date.now() / 1000);
  const forged: Array<[string, (h: Harness) => string]> = [
    // Entra tokens name their own tenant; the SDK trusts it and checks no serviceurl.
    ['an Entra v2 token of another tenant', (h) => h.mintToken({ iss: `${h.connectorUrl}/${otherTenant}/v2.0`, tid: otherTenant, serviceurl: undefined, ver: '2.0' })],
    ['an Entra v1 token (sts.windows.net) of another tenant', (h) => h.mintToken({ iss: `https://sts.windows.net/${otherTenant}/`, tid: otherTenant, serviceurl: undefined })],
    ['an Entra token of the activity\'s own tenant', (h) => h.mintToken({ iss: `${h.connectorUrl}/${victimTenant}/v2.0`, tid: victimTenant, serviceurl: undefined })],
    ['a Bot Framework token whose tid is another tenant', (h) => h.mintToken({ tid: otherTenant })],
    ['a Bot Framework token without serviceurl', (h) => h.mintToken({ serviceurl: undefined })],
    ['a token that is not yet valid', (h) => h.mintToken({ nbf: now() + 3600, iat: now() + 3600 })],
  ];
  for (const [label, token] of forged) {
    test(`${label} gets 401, reaches no handler, and costs one short log line`, async () => {
      h.reset();
      const before = seen.messages.length;
      const res = await h.sendMessage('hej', { auth: `Bearer ${token(h)}` });
      assert.equal(res.status, 401);
      assert.equal(seen.messages.length, before);
      assert.equal(h.sent.length, 0);
      assert.equal(h.logs.length, 1, JSON.stringify(h.logs));
      assert.equal(h.logs[0]!.msg, 'request rejected');
      assert.ok(JSON.stringify(h.logs[0]).length < 400, 'no stack trace');
    });
  }

  test('every refused token costs one log line without a stack trace', async () => {
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const tokens = [
      'Bearer not.a.jwt',
      `Bearer ${h.mintToken({}, { key: otherKey })}`,
      `Bearer ${h.mintToken({ aud: 'another-bot-id' })}`,
      `Bearer ${h.mintToken({ exp: now() - 3600 })}`,
      `Bearer ${h.mintToken({ serviceurl: 'https://attacker.example/' })}`,
      'none',
    ];
    for (const auth of tokens) {
      h.reset();
      assert.equal((await h.sendMessage('hej', { auth })).status, 401);
      assert.equal(h.logs.length, 1, `${auth.slice(0, 30)}: ${JSON.stringify(h.logs)}`);
      assert.doesNotMatch(JSON.stringify(h.logs[0]), /\\n\s+at /);
    }
  });

  test('unknown key ids do not each fetch the keys again', async () => {
    h.reset();
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    for (let i = 0; i < 5; i++) {
      const res = await h.sendMessage('hej', { auth: `Bearer ${h.mintToken({}, { key: otherKey, kid: `forged-${i}` })}` });
      assert.equal(res.status, 401);
    }
    assert.ok(h.requests.filter((c) => c.kind === 'jwks').length <= 1, `${h.requests.filter((c) => c.kind === 'jwks').length} key fetches`);
  });

  test('an activity of a tenant that is no known municipality gets 403 and reaches no handler', async () => {
    h.reset();
    const before = seen.messages.length;
    const res = await h.sendMessage('hej', { from: { tenantId: otherTenant } });
    assert.equal(res.status, 403);
    assert.equal(seen.messages.length, before);
    assert.equal(h.sent.length, 0);
    assert.equal((await h.sendMessage('hej')).status, 200, 'the known tenant is served');
  });
});

describe('startServer', () => {
  test('serves /healthz, and shutdown stops the server, runs onShutdown and removes its listeners', async () => {
    const sigterm = process.listenerCount('SIGTERM');
    let closedDb = false;
    const lines: string[] = [];
    const running = await startServer({
      handlers: echoHandlers().handlers,
      env: { PORT: '0', NODE_ENV: 'test', LOG_LEVEL: 'info' },
      logger: createLogger({ write: (l) => lines.push(l) }),
      onShutdown: async () => {
        closedDb = true;
      },
    });
    assert.equal(running.config.dangerouslyAllowUnauthenticatedRequests, true);
    assert.equal(process.listenerCount('SIGTERM'), sigterm + 1);
    const health = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    assert.deepEqual(await health.json(), { status: 'ok' });
    await running.shutdown();
    await running.shutdown();
    assert.equal(closedDb, true);
    assert.equal(process.listenerCount('SIGTERM'), sigterm);
    await assert.rejects(fetch(`http://127.0.0.1:${running.port}/healthz`));
    assert.ok(lines.some((l) => l.includes('accepting unauthenticated requests')));
  });
});
