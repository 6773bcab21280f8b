// End-to-end harness: runs the real Teams transport on a free port and a fake Bot Framework
// connector on another, and speaks the Bot Framework protocol between them over HTTP. The
// connector captures every call the bot makes, can answer with injected faults, and (in secure
// mode) serves a JWKS so requests signed with a local RSA key pass the SDK's JWT validation
// offline.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { BotConfig, LogLevel } from '../../bot/config';
import type { DevClock } from '../../bot/dev-clock';
import { createLogger, type Logger } from '../../bot/log';
import { botAccountId, createBotApp, MESSAGING_ENDPOINT, type BotServer } from '../../bot/transport';
import type { RetryPolicy } from '../../bot/transport-retry';
import {
  FILE_DOWNLOAD_INFO_CONTENT_TYPE,
  type Attachment,
  type BotHandlers,
  type CardActionResponse,
  type ConversationType,
  type ProactiveSender,
} from '../../bot/transport-types';

// email and userPrincipalName are what the fake connector's member lookup answers with (Teams
// leaves them out of activities).
export type HarnessUser = { id: string; aadObjectId: string; name: string; tenantId: string; email?: string; userPrincipalName?: string };
export type HarnessConversation = {
  id: string;
  conversationType: ConversationType;
  tenantId: string;
  name?: string;
};

export type HarnessOptions = {
  handlers: BotHandlers;
  /** Overrides of the bot config the harness builds (port 0, test log level, no database). */
  config?: Partial<BotConfig>;
  /**
   * Run with a bot client id configured, so the SDK demands a Bot Framework JWT. The harness
   * mints RS256 tokens with its own key and serves the JWKS from the fake connector.
   */
  secure?: boolean;
  user?: Partial<HarnessUser>;
  conversation?: Partial<HarnessConversation>;
  /** Level of the captured bot log (harness.logs). Default 'info'. HARNESS_LOGS=1 echoes it. */
  logLevel?: LogLevel;
  /** Retry policy of the bot's connector client; fast by default so fault tests stay quick. */
  retry?: RetryPolicy;
  outboundTimeoutMs?: number;
  /** Passed to the transport: which tenants are municipalities the bot serves. */
  knownTenant?: (tenantId: string) => Promise<boolean>;
  /** Serve the development clock at /dev/clock (only where the config allows it). */
  devClock?: DevClock;
};

export type CallKind = 'create' | 'reply' | 'update' | 'delete' | 'createConversation' | 'member' | 'jwks' | 'other';

export type CapturedCall = {
  method: string;
  path: string;
  kind: CallKind;
  conversationId?: string;
  activityId?: string;
  /** Parsed JSON body; for create/reply/update this is the activity the bot sent. */
  body: any;
  authorization?: string;
  /** Status and body the fake connector answered with (e.g. `{ id }` of a created activity). */
  status: number;
  response: unknown;
};

export type Fault = {
  status: number;
  /** How many matching calls fail; default 1. */
  times?: number;
  /** Retry-After header value (seconds or HTTP date). */
  retryAfter?: number | string;
  body?: unknown;
  /** Hold the response this long before answering (to test timeouts). */
  delayMs?: number;
  match?: { method?: string; kind?: CallKind; conversationId?: string };
};

export type HttpResult = { status: number; body: any };

export type SendOptions = {
  from?: Partial<HarnessUser>;
  conversation?: Partial<HarnessConversation>;
  /** 'valid' (default in secure mode) signs the request; 'none' omits the header; a string is sent verbatim. */
  auth?: 'valid' | 'none' | string;
  /** Extra activity fields, merged last. */
  extra?: Record<string, unknown>;
};

export type LogLine = { level: string; msg: string; [key: string]: unknown };

export type Harness = {
  readonly botUrl: string;
  readonly connectorUrl: string;
  readonly config: BotConfig;
  /** The bearer token the bot presents to the connector in secure mode. */
  readonly outboundToken: string;
  readonly user: HarnessUser;
  readonly conversation: HarnessConversation;
  readonly bot: BotServer;
  readonly proactive: ProactiveSender;
  /** Activities the bot posted or updated (create, reply, update), in order. */
  readonly sent: readonly CapturedCall[];
  /** Every call that reached the fake connector, including conversation creation and JWKS reads. */
  readonly requests: readonly CapturedCall[];
  readonly logs: readonly LogLine[];
  sendMessage(text: string, opts?: SendOptions & { attachments?: Attachment[] }): Promise<HttpResult>;
  /** Action.Submit: a message whose value holds the card inputs. */
  sendSubmit(value: Record<string, unknown>, opts?: SendOptions): Promise<HttpResult>;
  /** A file dropped into the personal chat (file.download.info attachment). */
  sendFile(file: { name: string; downloadUrl: string; fileType?: string; uniqueId?: string }, opts?: SendOptions): Promise<HttpResult>;
  /** An invoke; resolves to the response body (the invoke response), throws unless HTTP 200. */
  sendInvoke(name: string, value: unknown, opts?: SendOptions): Promise<any>;
  /** Action.Execute with the given data (card inputs merged in) and optional verb. */
  sendCardAction(data: Record<string, unknown>, opts?: SendOptions & { verb?: string }): Promise<CardActionResponse>;
  sendInstall(opts?: SendOptions & { via?: 'installationUpdate' | 'membersAdded' }): Promise<HttpResult>;
  /** Any activity, completed with defaults for missing envelope fields. */
  sendActivity(raw: Record<string, unknown>, opts?: SendOptions): Promise<HttpResult>;
  /** A Bot Framework token signed by the harness key (secure mode only). */
  mintToken(claims?: Record<string, unknown>, options?: { key?: KeyObject; kid?: string }): string;
  waitFor(predicate: (call: CapturedCall) => boolean, timeoutMs?: number): Promise<CapturedCall>;
  /** Make the next matching connector calls fail. */
  fault(fault: Fault): void;
  /** Forget captured calls, logs and pending faults. */
  reset(): void;
  /** Stop the bot's HTTP server (the "process" part); the connector keeps running. */
  stopBot(): Promise<void>;
  /** Start a fresh bot on the same port, optionally with other handlers. */
  startBot(opts?: { handlers?: BotHandlers }): Promise<void>;
  close(): Promise<void>;
};

const ISSUER = 'https://api.botframework.com';
const HARNESS_BOT_APP_ID = '11111111-2222-4333-8444-555555555555';
const FAST_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 2_000 };

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

function classify(method: string, path: string): Pick<CapturedCall, 'kind' | 'conversationId' | 'activityId'> {
  if (path.startsWith('/v1/.well-known/')) return { kind: 'jwks' };
  // Entra's per-tenant keys (login endpoint pointed here in secure mode), served with the same key.
  if (/^\/[^/]+\/discovery\/v2\.0\/keys$/.test(path)) return { kind: 'jwks' };
  if (method === 'POST' && path === '/v3/conversations') return { kind: 'createConversation' };
  const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path);
  if (method === 'GET' && member) return { kind: 'member', conversationId: decodeURIComponent(member[1]!), activityId: decodeURIComponent(member[2]!) };
  const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
  if (!m) return { kind: 'other' };
  const conversationId = decodeURIComponent(m[1]!);
  const activityId = m[2] ? decodeURIComponent(m[2]) : undefined;
  if (method === 'POST' && !activityId) return { kind: 'create', conversationId };
  if (method === 'POST') return { kind: 'reply', conversationId, activityId };
  if (method === 'PUT') return { kind: 'update', conversationId, activityId };
  if (method === 'DELETE') return { kind: 'delete', conversationId, activityId };
  return { kind: 'other', conversationId, activityId };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function listen(server: http.Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const secure = options.secure ?? false;
  const user: HarnessUser = {
    id: '29:harness-user-1',
    aadObjectId: '00000000-0000-4000-8000-000000000001',
    name: 'Rektor Testsson',
    tenantId: '00000000-0000-4000-8000-0000000000aa',
    ...options.user,
  };
  const conversation: HarnessConversation = {
    id: 'a:harness-personal-1',
    conversationType: 'personal',
    tenantId: user.tenantId,
    ...options.conversation,
  };

  // ------------------------------------------------------------ fake connector
  const emitter = new EventEmitter();
  let requests: CapturedCall[] = [];
  let faults: Array<Fault & { left: number }> = [];
  let logs: LogLine[] = [];
  let idSeq = 0;
  // Everyone who has sent an activity, by channel account id: the member lookup answers from here.
  const members = new Map<string, HarnessUser>();
  const pendingTimers = new Set<NodeJS.Timeout>();

  const signingKey = secure ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : undefined;
  const kid = 'harness-key-1';

  const takeFault = (call: Pick<CapturedCall, 'method' | 'kind' | 'conversationId'>) => {
    const i = faults.findIndex(
      (f) =>
        (!f.match?.method || f.match.method.toUpperCase() === call.method) &&
        (!f.match?.kind || f.match.kind === call.kind) &&
        (!f.match?.conversationId || f.match.conversationId === call.conversationId),
    );
    if (i < 0) return undefined;
    const f = faults[i]!;
    f.left -= 1;
    if (f.left <= 0) faults.splice(i, 1);
    return f;
  };

  const connector = http.createServer(async (req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const text = await readBody(req);
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const where = classify(method, path);
    const auth = req.headers.authorization;
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      const call: CapturedCall = {
        method,
        path,
        ...where,
        body,
        status,
        response: payload,
        ...(auth ? { authorization: auth } : {}),
      };
      requests.push(call);
      emitter.emit('call', call);
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(payload === undefined ? '' : JSON.stringify(payload));
    };

    if (where.kind === 'jwks') {
      if (!signingKey) return reply(404, { error: 'not a secure harness' });
      if (path.endsWith('/keys')) {
        const jwk = signingKey.publicKey.export({ format: 'jwk' });
        return reply(200, { keys: [{ ...jwk, kid, use: 'sig', alg: 'RS256' }] });
      }
      return reply(200, {
        issuer: ISSUER,
        jwks_uri: `${connectorUrl}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }

    const fault = takeFault({ method, ...where });
    if (fault) {
      const send = () =>
        reply(fault.status, fault.body ?? { error: { code: 'HarnessFault', message: `injected ${fault.status}` } }, {
          ...(fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {}),
        });
      if (!fault.delayMs) return send();
      const t = setTimeout(() => {
        pendingTimers.delete(t);
        if (!res.destroyed) send();
      }, fault.delayMs);
      pendingTimers.add(t);
      return;
    }

    switch (where.kind) {
      case 'create':
      case 'reply':
        return reply(201, { id: `out-${++idSeq}` });
      case 'update':
        return reply(200, { id: where.activityId });
      case 'delete':
        return reply(200, {});
      case 'createConversation':
        return reply(201, { id: `a:harness-created-${++idSeq}`, serviceUrl: connectorUrl });
      case 'member': {
        const m = members.get(where.activityId ?? '');
        if (!m) return reply(404, { error: { code: 'MemberNotFoundInConversation', message: 'The member is not in the conversation.' } });
        return reply(200, {
          id: m.id,
          name: m.name,
          aadObjectId: m.aadObjectId,
          tenantId: m.tenantId,
          ...(m.email ? { email: m.email } : {}),
          ...(m.userPrincipalName ? { userPrincipalName: m.userPrincipalName } : {}),
        });
      }
      default:
        return reply(404, { error: { code: 'NotFound', message: `fake connector has no ${method} ${path}` } });
    }
  });
  const connectorPort = await listen(connector);
  const connectorUrl = `http://127.0.0.1:${connectorPort}`;

  // ------------------------------------------------------------ bot
  const config: BotConfig = {
    botId: secure ? HARNESS_BOT_APP_ID : undefined,
    botPassword: secure ? 'harness-unused-secret' : undefined,
    tenantId: undefined,
    port: 0,
    nodeEnv: 'test',
    databaseUrl: undefined,
    pgliteDataDir: '.data/pglite-test',
    logLevel: options.logLevel ?? 'info',
    cloud: 'Public',
    dangerouslyAllowUnauthenticatedRequests: !secure,
    // The tests' file hosts (startFileHost) listen on loopback ports the OS picks.
    fileDownloadHosts: ['http://127.0.0.1'],
    devClockAllowed: !secure,
    devClockStart: undefined,
    ...options.config,
  };
  // The SDK parses what a token provider returns as a JWT, so the outbound token must look like
  // one; the fake connector only records it.
  const outboundToken = [
    base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' })),
    base64url(JSON.stringify({ aud: 'https://api.botframework.com', appid: config.botId, exp: 4102444800 })),
    base64url('harness-outbound-signature'),
  ].join('.');
  const echoLogs = process.env.HARNESS_LOGS === '1';
  const logger: Logger = createLogger({
    level: config.logLevel,
    write: (line) => {
      logs.push(JSON.parse(line) as LogLine);
      if (echoLogs) process.stderr.write(`${line}\n`);
    },
  });

  let handlers = options.handlers;
  let bot: BotServer | undefined;
  let botPort = 0;

  const startBot = async (opts: { handlers?: BotHandlers } = {}) => {
    if (bot) throw new Error('bot already running');
    handlers = opts.handlers ?? handlers;
    const next = createBotApp({
      config,
      handlers,
      logger,
      retry: options.retry ?? FAST_RETRY,
      outboundTimeoutMs: options.outboundTimeoutMs ?? 5_000,
      shutdownGraceMs: 1_000,
      ...(options.knownTenant ? { knownTenant: options.knownTenant } : {}),
      ...(options.devClock ? { devClock: options.devClock } : {}),
      ...(secure
        ? {
            cloudOverrides: {
              openIdMetadataUrl: `${connectorUrl}/v1/.well-known/openidconfiguration`,
              // Entra tokens are looked up here too, so a test can show they are refused.
              loginEndpoint: connectorUrl,
            },
            tokenProvider: () => outboundToken,
          }
        : {}),
    });
    const { port } = await next.start(botPort);
    botPort = port;
    bot = next;
  };
  const stopBot = async () => {
    const current = bot;
    bot = undefined;
    await current?.stop();
  };
  await startBot();

  // ------------------------------------------------------------ requests to the bot
  const botAccount = { id: botAccountId(config), name: 'Tilläggsbot' };

  const mintToken = (claims: Record<string, unknown> = {}, opts: { key?: KeyObject; kid?: string } = {}) => {
    if (!signingKey) throw new Error('mintToken needs startHarness({ secure: true })');
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: opts.kid ?? kid };
    const payload = {
      iss: ISSUER,
      aud: config.botId,
      serviceurl: `${connectorUrl}/`,
      nbf: now - 5,
      iat: now - 5,
      exp: now + 3600,
      ...claims,
    };
    const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
    const signature = createSign('RSA-SHA256').update(unsigned).sign(opts.key ?? signingKey.privateKey);
    return `${unsigned}.${base64url(signature)}`;
  };

  const envelope = (type: string, opts: SendOptions = {}) => {
    const from = { ...user, ...opts.from };
    members.set(from.id, from);
    const conv = { ...conversation, tenantId: from.tenantId, ...opts.conversation };
    return {
      type,
      id: `in-${randomUUID()}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: `${connectorUrl}/`,
      from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
      recipient: botAccount,
      conversation: {
        id: conv.id,
        conversationType: conv.conversationType,
        tenantId: conv.tenantId,
        ...(conv.name ? { name: conv.name } : {}),
      },
      channelData: { tenant: { id: conv.tenantId } },
      locale: 'sv-SE',
    };
  };

  const post = async (activity: Record<string, unknown>, opts: SendOptions = {}): Promise<HttpResult> => {
    if (!bot) throw new Error('bot is stopped; call startBot() first');
    const auth = opts.auth ?? (secure ? 'valid' : 'none');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth === 'valid') headers.authorization = `Bearer ${mintToken()}`;
    else if (auth !== 'none') headers.authorization = auth;
    const request = () =>
      fetch(`http://127.0.0.1:${botPort}${MESSAGING_ENDPOINT}`, { method: 'POST', headers, body: JSON.stringify(activity) });
    // After a restart the client's pooled keep-alive socket may belong to the old server; the
    // request never reached a handler, so sending it once more is what any client would do.
    const res = await request().catch((error: unknown) => {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') return request();
      throw error;
    });
    const text = await res.text();
    let body: any = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: res.status, body };
  };

  const sendActivity = (raw: Record<string, unknown>, opts: SendOptions = {}) =>
    post({ ...envelope(String(raw.type ?? 'message'), opts), ...raw, ...opts.extra }, opts);

  const sendInvoke = async (name: string, value: unknown, opts: SendOptions = {}) => {
    const res = await sendActivity({ type: 'invoke', name, value }, opts);
    if (res.status !== 200) {
      throw new Error(`invoke ${name} answered HTTP ${res.status}: ${JSON.stringify(res.body)}`);
    }
    return res.body;
  };

  const isActivityCall = (c: CapturedCall) => c.kind === 'create' || c.kind === 'reply' || c.kind === 'update';

  const harness: Harness = {
    get botUrl() {
      return `http://127.0.0.1:${botPort}${MESSAGING_ENDPOINT}`;
    },
    connectorUrl,
    config,
    outboundToken,
    user,
    conversation,
    get bot() {
      if (!bot) throw new Error('bot is stopped');
      return bot;
    },
    get proactive() {
      if (!bot) throw new Error('bot is stopped');
      return bot.proactive;
    },
    get sent() {
      return requests.filter(isActivityCall);
    },
    get requests() {
      return requests;
    },
    get logs() {
      return logs;
    },
    sendMessage: (text, opts = {}) =>
      sendActivity({ type: 'message', text, ...(opts.attachments ? { attachments: opts.attachments } : {}) }, opts),
    sendSubmit: (value, opts = {}) => sendActivity({ type: 'message', value }, opts),
    sendFile: (file, opts = {}) =>
      sendActivity(
        {
          type: 'message',
          text: '',
          attachments: [
            {
              contentType: FILE_DOWNLOAD_INFO_CONTENT_TYPE,
              name: file.name,
              contentUrl: `https://contoso-my.sharepoint.com/personal/rektor/Documents/Microsoft Teams Chat Files/${encodeURIComponent(file.name)}`,
              content: {
                downloadUrl: file.downloadUrl,
                uniqueId: file.uniqueId ?? randomUUID().toUpperCase(),
                fileType: file.fileType ?? file.name.split('.').pop() ?? '',
              },
            },
          ],
        },
        opts,
      ),
    sendInvoke,
    sendCardAction: (data, opts = {}) =>
      sendInvoke(
        'adaptiveCard/action',
        { action: { type: 'Action.Execute', ...(opts.verb ? { verb: opts.verb } : {}), data }, trigger: 'manual' },
        opts,
      ) as Promise<CardActionResponse>,
    sendInstall: (opts = {}) =>
      (opts.via ?? 'installationUpdate') === 'installationUpdate'
        ? sendActivity({ type: 'installationUpdate', action: 'add' }, opts)
        : sendActivity({ type: 'conversationUpdate', membersAdded: [botAccount] }, opts),
    sendActivity,
    mintToken,
    waitFor(predicate, timeoutMs = 2_000) {
      const found = requests.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const onCall = (call: CapturedCall) => {
          if (!predicate(call)) return;
          clearTimeout(timer);
          emitter.off('call', onCall);
          resolve(call);
        };
        const timer = setTimeout(() => {
          emitter.off('call', onCall);
          const seen = requests.map((c) => `${c.method} ${c.path} -> ${c.status}`).join('\n  ');
          reject(new Error(`waitFor: no matching connector call within ${timeoutMs} ms; seen:\n  ${seen || '(none)'}`));
        }, timeoutMs);
        emitter.on('call', onCall);
      });
    },
    fault(fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    reset() {
      requests = [];
      faults = [];
      logs = [];
    },
    stopBot,
    startBot,
    async close() {
      await stopBot();
      for (const t of pendingTimers) clearTimeout(t);
      pendingTimers.clear();
      emitter.removeAllListeners();
      await new Promise<void>((resolve) => {
        connector.close(() => resolve());
        connector.closeAllConnections();
      });
    },
  };
  return harness;
}
