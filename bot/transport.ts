// The Teams transport: a Teams SDK v2 App on our own node:http server, one middleware that
// routes every inbound activity through a typed table to the dialog handlers, and one error
// policy (log the cause, apologise in Swedish, keep serving).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ExpressAdapter, type IActivityContext } from '@microsoft/teams.apps';
import {
  cloudFromName,
  withOverrides,
  type ActivityParams,
  type CloudEnvironment,
  type InvokeResponse,
  type TokenProviderFn,
} from '@microsoft/teams.api';
import type { BotConfig } from './config';
import { DEFAULT_FILE_DOWNLOAD_HOSTS, setFileDownloadHosts } from './files';
import { registerDevClockRoutes, type DevClock } from './dev-clock';
import { createLogger, errorFields, toSdkLogger, type Logger } from './log';
import { createTurnContext } from './transport-context';
import { checkEnvelope, createEdge, createTokenVerifier } from './transport-edge';
import { createProactiveSender, toSdkActivity } from './transport-outbound';
import { DEFAULT_RETRY, retryMiddleware, type RetryPolicy } from './transport-retry';
import {
  messageResponse,
  type BotHandlers,
  type CardActionActivity,
  type ConversationUpdateActivity,
  type FileConsentActivity,
  type InboundActivity,
  type InstallationUpdateActivity,
  type MessageActivity,
  type OutgoingActivity,
  type ProactiveSender,
  type TurnContext,
} from './transport-types';

export const MESSAGING_ENDPOINT = '/api/messages';
// Said when a turn failed: it claims nothing about this turn's answers, which may not have been
// saved (a database outage), only what is true whatever failed.
export const APOLOGY_TEXT = 'Något gick fel hos mig, så det du just skickade kan ha gått förlorat. Det som var sparat innan finns kvar. Försök igen om en stund.';
// Elevhälsan's buttons on a case: the person has no draft, so the apology points to the case.
export const CASE_APOLOGY_TEXT = 'Något gick fel hos mig. Titta på ärendet igen och försök en gång till om en stund.';

// The apology for a failed turn: Elevhälsan's work on a case gets its own (the principal's
// "Komplettera" button, case.complete.open, opens a draft and keeps the general wording).
export function apologyFor(activity: object): string {
  const verb = ('value' in activity ? (activity.value as { action?: { verb?: unknown } } | undefined) : undefined)?.action?.verb;
  const onCase = typeof verb === 'string' && (verb.startsWith('case.') || verb === 'cases.queue') && verb !== 'case.complete.open';
  return onCase ? CASE_APOLOGY_TEXT : APOLOGY_TEXT;
}

export type CreateBotAppOptions = {
  config: BotConfig;
  handlers: BotHandlers;
  logger?: Logger;
  /**
   * Replace parts of the cloud environment. Tests point `openIdMetadataUrl` at a local JWKS
   * (the keys are read from the same URL with `/openidconfiguration` replaced by `/keys`).
   */
  cloudOverrides?: Partial<CloudEnvironment>;
  /**
   * Supply outbound bot tokens instead of the MSAL client-credentials flow (which needs
   * login.microsoftonline.com). Only used when a bot id is configured.
   */
  tokenProvider?: TokenProviderFn;
  /** Per-request timeout for connector calls; the SDK has none by default. */
  outboundTimeoutMs?: number;
  retry?: RetryPolicy;
  /** How long stop() lets in-flight turns finish before cutting connections. */
  shutdownGraceMs?: number;
  /**
   * Whether a tenant belongs to a municipality the bot serves; activities of other tenants are
   * refused (403) before any handler runs. The bot wires it to the database; without it every
   * tenant passes (transport tests).
   */
  knownTenant?: (tenantId: string) => Promise<boolean>;
  /** The development clock, served at /dev/clock only where config.devClockAllowed. */
  devClock?: DevClock;
  /** More routes on the same server and port (the tab and its API: tab/routes.ts). */
  routes?: (router: ExpressAdapter) => void;
};

export type BotServer = {
  /** The SDK app, for escape hatches only; handlers never need it. */
  readonly app: App;
  readonly proactive: ProactiveSender;
  /** The port actually bound (differs from config.port when that was 0). */
  readonly port: number | undefined;
  start(port?: number): Promise<{ port: number }>;
  stop(): Promise<void>;
};

type SdkContext = IActivityContext;

export type Route =
  | { kind: 'message' | 'submit'; activity: MessageActivity }
  | { kind: 'cardAction'; activity: CardActionActivity }
  | { kind: 'fileConsent'; activity: FileConsentActivity }
  | { kind: 'install' | 'uninstall'; activity: InstallationUpdateActivity | ConversationUpdateActivity; trigger: 'installationUpdate' | 'membersAdded' }
  | { kind: 'unknownInvoke'; name: string }
  | { kind: 'malformed'; issue: string }
  | { kind: 'ignore' };

// The invoke names this bot answers, in one table; everything else gets 501.
const INVOKE_ROUTES = {
  'adaptiveCard/action': (a: InboundActivity): Route => ({ kind: 'cardAction', activity: a as CardActionActivity }),
  'fileConsent/invoke': (a: InboundActivity): Route => ({ kind: 'fileConsent', activity: a as FileConsentActivity }),
} as const satisfies Record<string, (a: InboundActivity) => Route>;

function isInvokeName(name: string): name is keyof typeof INVOKE_ROUTES {
  return Object.hasOwn(INVOKE_ROUTES, name);
}

export function selectRoute(raw: unknown): Route {
  const route = routeOf(raw);
  if (route.kind === 'ignore' || route.kind === 'unknownInvoke') return route;
  // The HTTP edge refuses these already; this keeps the router safe for any other caller.
  const envelope = checkEnvelope(raw);
  if (!envelope.ok) return { kind: 'malformed', issue: envelope.issue };
  return route;
}

function routeOf(raw: unknown): Route {
  if (typeof raw !== 'object' || raw === null) return { kind: 'malformed', issue: '(body)' };
  const activity = raw as InboundActivity & { type: string; name?: string };
  switch (activity.type) {
    case 'message': {
      const m = activity as MessageActivity;
      const isSubmit = m.value !== undefined && m.value !== null && !m.text?.trim();
      return { kind: isSubmit ? 'submit' : 'message', activity: m };
    }
    case 'invoke': {
      // An invoke names what it invokes: without a string there, the request is malformed (400),
      // not a request for something the bot does not implement (501).
      if (typeof activity.name !== 'string') return { kind: 'malformed', issue: 'name' };
      const name = activity.name;
      return isInvokeName(name) ? INVOKE_ROUTES[name](activity) : { kind: 'unknownInvoke', name };
    }
    case 'installationUpdate': {
      const a = activity as InstallationUpdateActivity;
      if (a.action === 'add') return { kind: 'install', activity: a, trigger: 'installationUpdate' };
      if (a.action === 'remove') return { kind: 'uninstall', activity: a, trigger: 'installationUpdate' };
      return { kind: 'ignore' };
    }
    case 'conversationUpdate': {
      const a = activity as ConversationUpdateActivity;
      const botId = a.recipient?.id;
      if (a.membersAdded?.some((m) => m.id === botId)) return { kind: 'install', activity: a, trigger: 'membersAdded' };
      if (a.membersRemoved?.some((m) => m.id === botId)) return { kind: 'uninstall', activity: a, trigger: 'membersAdded' };
      return { kind: 'ignore' };
    }
    default:
      return { kind: 'ignore' };
  }
}

function sendersFor(ctx: SdkContext) {
  return {
    async send(activity: OutgoingActivity) {
      const sent = await ctx.send(toSdkActivity(activity));
      return { id: sent.id };
    },
    async update(activityId: string, activity: OutgoingActivity) {
      const params = toSdkActivity(activity);
      if (params.type !== 'message') throw new Error('Only messages can be updated, not typing indicators');
      // The SDK's sender turns an activity with an id into PUT .../activities/{id}.
      await ctx.send({ ...params, id: activityId } as ActivityParams);
    },
    // GET /v3/conversations/{id}/members/{userId} at the activity's own service URL.
    async member() {
      const from = ctx.activity.from;
      if (!from?.id) return null;
      const m = await ctx.api.conversations.members(ctx.activity.conversation.id).getById(from.id);
      return {
        ...(m.email ? { email: m.email } : {}),
        ...(m.userPrincipalName ? { userPrincipalName: m.userPrincipalName } : {}),
        ...(m.name ? { name: m.name } : {}),
      };
    },
  };
}

/** The bot's own account id as Teams addresses it in conversations ("28:<app id>"). */
export function botAccountId(config: BotConfig): string {
  return `28:${config.botId ?? 'local-development-bot'}`;
}

export function createBotApp(options: CreateBotAppOptions): BotServer {
  const { config, handlers } = options;
  const log = (options.logger ?? createLogger({ level: config.logLevel })).child({ component: 'transport' });
  const cloud = withOverrides(cloudFromName(config.cloud), options.cloudOverrides ?? {});
  const httpServer = http.createServer();
  const useTokenProvider = Boolean(config.botId && options.tokenProvider);
  setFileDownloadHosts(config.fileDownloadHosts ?? DEFAULT_FILE_DOWNLOAD_HOSTS);

  const app = new App({
    // An explicit '' stops the SDK from falling back to CLIENT_ID / CLIENT_SECRET / TENANT_ID in
    // process.env: this config is the only source of credentials.
    clientId: config.botId ?? '',
    clientSecret: useTokenProvider ? '' : (config.botPassword ?? ''),
    tenantId: config.tenantId ?? '',
    ...(useTokenProvider ? { token: options.tokenProvider } : {}),
    cloud,
    serviceUrl: 'https://smba.trafficmanager.net/teams',
    dangerouslyAllowUnauthenticatedRequests: config.dangerouslyAllowUnauthenticatedRequests,
    messagingEndpoint: MESSAGING_ENDPOINT,
    httpServerAdapter: new ExpressAdapter(httpServer),
    logger: toSdkLogger(log) as unknown as App['log'],
    client: {
      timeout: options.outboundTimeoutMs ?? 15_000,
      middlewares: [retryMiddleware(options.retry ?? DEFAULT_RETRY, log)],
    },
    // No turn state, no OAuth: the database is the only state, identity comes from the activity.
    state: false,
  });

  const apologise = async (turn: TurnContext, cause: unknown, route: string) => {
    log.error('turn failed', {
      route,
      activityId: turn.activity.id,
      conversationId: turn.conversationId,
      error: errorFields(cause),
    });
    try {
      await turn.send(apologyFor(turn.activity));
    } catch (sendError) {
      log.error('could not send the apology', { conversationId: turn.conversationId, error: errorFields(sendError) });
    }
  };

  const dispatch = async (ctx: SdkContext): Promise<InvokeResponse | undefined> => {
    const route = selectRoute(ctx.activity);
    switch (route.kind) {
      case 'ignore':
        return undefined;
      case 'unknownInvoke':
        log.debug('unhandled invoke', { name: route.name });
        return { status: 501 };
      case 'malformed':
        log.warn('malformed activity refused', { missing: route.issue, type: (ctx.activity as { type?: string }).type });
        return { status: 400 };
      case 'cardAction': {
        const turn = createTurnContext(route.activity, sendersFor(ctx));
        try {
          return { status: 200, body: await handlers.onCardAction(turn) };
        } catch (err) {
          await apologise(turn, err, route.kind);
          return { status: 200, body: messageResponse(apologyFor(route.activity)) };
        }
      }
      case 'fileConsent': {
        const turn = createTurnContext(route.activity, sendersFor(ctx));
        try {
          await handlers.onFileConsent?.(turn);
        } catch (err) {
          await apologise(turn, err, route.kind);
        }
        return { status: 200 };
      }
      case 'message':
      case 'submit': {
        const turn = createTurnContext(route.activity, sendersFor(ctx));
        try {
          const handler = route.kind === 'submit' && handlers.onSubmit ? handlers.onSubmit : handlers.onMessage;
          await handler.call(handlers, turn);
        } catch (err) {
          await apologise(turn, err, route.kind);
        }
        return undefined;
      }
      case 'install':
      case 'uninstall': {
        const turn = createTurnContext(route.activity, sendersFor(ctx));
        try {
          if (route.kind === 'install') await handlers.onInstall(turn, route.trigger);
          else await handlers.onUninstall?.(turn);
        } catch (err) {
          // After an uninstall the conversation is gone; an apology could not be delivered.
          if (route.kind === 'install') await apologise(turn, err, route.kind);
          else log.error('turn failed', { route: route.kind, error: errorFields(err) });
        }
        return undefined;
      }
    }
  };

  app.use(async (ctx) => dispatch(ctx as SdkContext) as Promise<InvokeResponse | void>);
  // Errors that escape dispatch (none should) still reach our log, without the activity body.
  app.event('error', ({ error }) => log.error('sdk error', { error: errorFields(error) }));

  const expressAdapter = app.server.adapter as ExpressAdapter;
  // In front of the SDK's route (registered later, in initialize()): parse, authenticate and
  // check every request before the SDK or a handler sees it. See transport-edge.ts.
  expressAdapter.use(
    MESSAGING_ENDPOINT,
    createEdge({
      log,
      knownTenant: options.knownTenant,
      verifyToken:
        config.botId && !config.dangerouslyAllowUnauthenticatedRequests ? createTokenVerifier({ botId: config.botId, cloud }) : undefined,
    }),
  );
  expressAdapter.get('/healthz', (_req: unknown, res: { json(body: unknown): void }) => {
    res.json({ status: 'ok' });
  });
  // Checked here as well as where the clock is made: a production server never has the route.
  if (options.devClock && config.devClockAllowed) {
    registerDevClockRoutes(expressAdapter as never, options.devClock, log.child({ component: 'dev-clock' }));
  }
  options.routes?.(expressAdapter);

  // Express's own error page would print the body-parser error to stderr and, outside
  // NODE_ENV=production, a stack trace to the caller. Oversized (413) or malformed (400) bodies
  // get a short JSON answer and one log line instead. Installed after initialize() so it comes
  // after the messaging route.
  let errorHandlerInstalled = false;
  const installErrorHandler = () => {
    if (errorHandlerInstalled) return;
    errorHandlerInstalled = true;
    type HttpErr = { status?: number; statusCode?: number; type?: string };
    type Res = { headersSent: boolean; status(code: number): { json(body: unknown): void } };
    expressAdapter.use((err: HttpErr, req: { path: string }, res: Res, _next: unknown) => {
      const status = err.status ?? err.statusCode ?? 500;
      log.warn('request rejected', { status, reason: err.type, path: req.path });
      if (res.headersSent) return;
      res.status(status).json({ error: status === 413 ? 'payload too large' : status < 500 ? 'bad request' : 'internal error' });
    });
  };

  let boundPort: number | undefined;
  const proactive = createProactiveSender(app.api, botAccountId(config));

  return {
    app,
    proactive,
    get port() {
      return boundPort;
    },
    async start(port = config.port) {
      await app.initialize();
      installErrorHandler();
      await new Promise<void>((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        httpServer.once('error', onError);
        httpServer.listen(port, () => {
          httpServer.off('error', onError);
          resolve();
        });
      });
      boundPort = (httpServer.address() as AddressInfo).port;
      log.info('listening', {
        port: boundPort,
        endpoint: MESSAGING_ENDPOINT,
        authenticated: !config.dangerouslyAllowUnauthenticatedRequests,
      });
      return { port: boundPort };
    },
    async stop() {
      if (!httpServer.listening) return;
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      const grace = setTimeout(() => httpServer.closeAllConnections(), options.shutdownGraceMs ?? 5_000);
      await closed;
      clearTimeout(grace);
      boundPort = undefined;
      log.info('stopped');
    },
  };
}
