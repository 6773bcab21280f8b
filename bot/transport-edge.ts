// The HTTP edge of the messaging endpoint: what a request must be before the Teams SDK and the
// handlers see it. Runs in front of the SDK's route, answers every refusal with a short JSON
// body and one log line, and never lets a malformed envelope reach a turn.
//
// Authentication (when a bot id is configured) is checked here in full, stricter than the SDK:
// - Only Bot Framework connector tokens (iss = the cloud's token issuer, RS256, aud = the bot)
//   are accepted. The SDK also accepts Entra tokens (login.microsoftonline.com/<tid>/…,
//   sts.windows.net/<tid>/) for agentic bots, trusting whatever tenant they name and checking no
//   serviceurl; this bot is a classic Teams bot and never receives those.
// - The token's serviceurl claim must equal the activity's serviceUrl, so a token minted for
//   one conversation service cannot carry a body pointing elsewhere.
// - A tid claim, where the token has one, must equal the activity's tenant.
// - Signing keys come from the cloud's JWKS through jose, which caches them and fetches again
//   for an unknown key id at most once per cooldown, so forged key ids cannot drive requests
//   to Microsoft.
// The SDK validates the same token again afterwards; that costs one cached key lookup.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { CloudEnvironment } from '@microsoft/teams.api';
import type { Logger } from './log';

export const MAX_BODY_BYTES = 100 * 1024;
// The SDK's tolerance for clock skew between Microsoft and this host; kept the same.
export const CLOCK_TOLERANCE_SECONDS = 300;
// How often an unknown key id may trigger a JWKS fetch.
export const JWKS_COOLDOWN_MS = 30_000;

// ---------------------------------------------------------------- the activity envelope

const str = z.string();
const optStr = z.string().nullish();
const ZAccount = z.looseObject({ id: str.min(1), name: optStr, aadObjectId: optStr, role: optStr });

// What every activity the bot answers carries (the connector always sends these): each field
// the transport or a handler reads, with its type, so a hand-made or broken activity gets a
// 400 here instead of failing inside a turn.
const ZBase = z.looseObject({
  type: str.min(1),
  id: optStr,
  channelId: optStr,
  serviceUrl: z.url({ protocol: /^https?$/ }),
  from: ZAccount,
  recipient: ZAccount,
  conversation: z.looseObject({
    id: str.min(1),
    tenantId: optStr,
    conversationType: optStr,
    name: optStr,
    isGroup: z.boolean().nullish(),
  }),
  channelData: z
    .looseObject({
      tenant: z.looseObject({ id: str }).nullish(),
      team: z.looseObject({ id: str, name: optStr }).nullish(),
      channel: z.looseObject({ id: str, name: optStr }).nullish(),
      eventType: optStr,
    })
    .nullish(),
  locale: optStr,
  timestamp: optStr,
  replyToId: optStr,
});

const ZMessage = ZBase.extend({
  type: z.literal('message'),
  text: optStr,
  value: z.unknown().optional(),
  attachments: z.array(z.looseObject({ contentType: str, name: optStr, contentUrl: optStr, content: z.unknown().optional() })).nullish(),
});

const ZCardAction = ZBase.extend({
  type: z.literal('invoke'),
  name: z.literal('adaptiveCard/action'),
  value: z.looseObject({
    action: z.looseObject({
      type: str,
      id: optStr,
      verb: optStr,
      data: z.record(str, z.unknown()).nullish(),
    }),
    trigger: optStr,
  }),
});

const ZFileConsent = ZBase.extend({
  type: z.literal('invoke'),
  name: z.literal('fileConsent/invoke'),
  value: z.looseObject({
    action: z.enum(['accept', 'decline']),
    context: z.unknown().optional(),
    uploadInfo: z.looseObject({ name: optStr, uploadUrl: optStr, contentUrl: optStr, uniqueId: optStr, fileType: optStr }).nullish(),
  }),
});

const ZInstallationUpdate = ZBase.extend({ type: z.literal('installationUpdate'), action: optStr });

const ZConversationUpdate = ZBase.extend({
  type: z.literal('conversationUpdate'),
  membersAdded: z.array(ZAccount).nullish(),
  membersRemoved: z.array(ZAccount).nullish(),
});

// The activity kinds the bot answers, by type (and invoke name); others are not its business.
function schemaFor(raw: Record<string, unknown>): z.ZodType | undefined {
  switch (raw.type) {
    case 'message':
      return ZMessage;
    case 'invoke':
      if (raw.name === 'adaptiveCard/action') return ZCardAction;
      if (raw.name === 'fileConsent/invoke') return ZFileConsent;
      return undefined;
    case 'installationUpdate':
      return ZInstallationUpdate;
    case 'conversationUpdate':
      return ZConversationUpdate;
    default:
      return undefined;
  }
}

// Any activity, even one the bot does not answer, still passes through the SDK, which reads these
// scalars of every activity: of the wrong type (an invoke whose name is null, a numeric
// serviceUrl) it fails with a 500 instead of answering.
const ZAnyActivity = z.looseObject({
  type: str.min(1),
  name: optStr,
  text: optStr,
  id: optStr,
  channelId: optStr,
  serviceUrl: optStr,
  locale: optStr,
  replyToId: optStr,
  from: z.looseObject({ id: optStr }).nullish(),
  recipient: z.looseObject({ id: optStr }).nullish(),
  conversation: z.looseObject({ id: optStr }).nullish(),
});

export type EnvelopeCheck = { ok: true; handled: boolean } | { ok: false; issue: string };

/**
 * Checks an activity body: any activity needs a string type; one the bot answers must have
 * the whole envelope its kind carries. Paths of the failing fields, never their values.
 */
export function checkEnvelope(raw: unknown): EnvelopeCheck {
  const any = ZAnyActivity.safeParse(raw);
  if (!any.success) return { ok: false, issue: issuesOf(any.error) };
  const schema = schemaFor(any.data);
  if (!schema) return { ok: true, handled: false };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, issue: issuesOf(parsed.error) };
  const a = raw as { conversation: { tenantId?: string | null }; channelData?: { tenant?: { id?: string } | null } | null };
  const fromConversation = a.conversation.tenantId;
  const fromChannelData = a.channelData?.tenant?.id;
  if (fromConversation && fromChannelData && fromConversation !== fromChannelData) {
    return { ok: false, issue: 'conversation.tenantId != channelData.tenant.id' };
  }
  return { ok: true, handled: true };
}

function issuesOf(error: z.ZodError): string {
  return [...new Set(error.issues.map((i) => i.path.join('.') || '(body)'))].join(', ');
}

function activityTenant(raw: Record<string, unknown>): string | undefined {
  const conversation = raw.conversation as { tenantId?: unknown } | undefined;
  const channelData = raw.channelData as { tenant?: { id?: unknown } } | undefined;
  const t = conversation?.tenantId || channelData?.tenant?.id;
  return typeof t === 'string' && t ? t : undefined;
}

// ---------------------------------------------------------------- the token

export type TokenCheck = { ok: true; claims: JWTPayload } | { ok: false; reason: string };

export type TokenVerifier = (authorization: string | undefined, activity: Record<string, unknown>) => Promise<TokenCheck>;

const normalizeUrl = (url: string) => url.replace(/\/+$/, '').toLowerCase();

export function createTokenVerifier(options: { botId: string; cloud: CloudEnvironment }): TokenVerifier {
  const keysUrl = options.cloud.openIdMetadataUrl.replace(/\/openidconfiguration$/, '/keys');
  const keys = createRemoteJWKSet(new URL(keysUrl), { cooldownDuration: JWKS_COOLDOWN_MS });
  const audience = [options.botId, `api://botid-${options.botId}`, `api://${options.botId}`];
  return async (authorization, activity) => {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!token) return { ok: false, reason: authorization ? 'malformed Authorization header' : 'no Authorization header' };
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, {
        issuer: options.cloud.tokenIssuer,
        audience,
        algorithms: ['RS256'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      return { ok: false, reason: tokenFailure(error) };
    }
    const serviceUrl = activity.serviceUrl;
    if (typeof claims.serviceurl !== 'string') return { ok: false, reason: 'token has no serviceurl claim' };
    if (typeof serviceUrl !== 'string' || normalizeUrl(claims.serviceurl) !== normalizeUrl(serviceUrl)) {
      return { ok: false, reason: 'serviceurl claim does not match the activity' };
    }
    if (claims.tid !== undefined && claims.tid !== activityTenant(activity)) {
      return { ok: false, reason: 'tid claim does not match the activity tenant' };
    }
    return { ok: true, claims };
  };
}

// A short reason for the log line; a refused token is routine and needs no stack trace.
function tokenFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `token claim ${error.claim} rejected (${error.reason})`;
  if (error instanceof joseErrors.JWTExpired) return 'token expired';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'unknown signing key';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof joseErrors.JOSEError) return `token refused (${error.code})`;
  return 'token could not be verified';
}

// ---------------------------------------------------------------- the middleware

export type EdgeOptions = {
  log: Logger;
  /** Undefined: requests are not authenticated (local development without a bot id). */
  verifyToken?: TokenVerifier;
  /** Whether a tenant is one of the municipalities the bot serves. Undefined: any tenant. */
  knownTenant?: (tenantId: string) => Promise<boolean>;
};

type Req = IncomingMessage & { body?: unknown; path?: string };
type Next = (err?: unknown) => void;

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      req.resume();
      resolve('too large');
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function createEdge(options: EdgeOptions) {
  const { log } = options;
  // Tenants found known recently: one database read per tenant and minute, not per request.
  const known = new Map<string, number>();
  const isKnown = async (tenantId: string) => {
    if (!options.knownTenant) return true;
    const until = known.get(tenantId);
    if (until && until > Date.now()) return true;
    const ok = await options.knownTenant(tenantId);
    if (ok) known.set(tenantId, Date.now() + 60_000);
    return ok;
  };

  return async (req: Req, res: ServerResponse, next: Next) => {
    if (req.method !== 'POST') return next();
    const refuse = (status: number, error: string, reason: string, activity?: Record<string, unknown>) => {
      log.warn('request rejected', {
        status,
        reason,
        ...(typeof activity?.type === 'string' ? { type: activity.type.slice(0, 40) } : {}),
        ...(typeof activity?.id === 'string' ? { activityId: activity.id.slice(0, 100) } : {}),
      });
      if (res.headersSent) return;
      res.statusCode = status;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ error }));
    };
    try {
      const contentType = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (contentType !== 'application/json') {
        req.resume();
        return refuse(400, 'bad request', `content type ${contentType.slice(0, 60) || '(none)'} is not application/json`);
      }
      const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
      if (encoding !== 'identity') {
        req.resume();
        return refuse(400, 'bad request', 'compressed body');
      }
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === 'too large') return refuse(413, 'payload too large', 'body larger than the limit');
      let raw: unknown;
      try {
        raw = JSON.parse(body.toString('utf8'));
      } catch {
        return refuse(400, 'bad request', 'body is not JSON');
      }
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refuse(400, 'bad request', 'body is not an object');
      const activity = raw as Record<string, unknown>;
      // The Express parser on the SDK's route sees a finished request and keeps this body.
      req.body = activity;

      if (options.verifyToken) {
        const header = req.headers.authorization;
        const token = await options.verifyToken(Array.isArray(header) ? header[0] : header, activity);
        if (!token.ok) return refuse(401, 'unauthorized', token.reason, activity);
      }

      const envelope = checkEnvelope(activity);
      if (!envelope.ok) return refuse(400, 'bad request', `malformed activity: ${envelope.issue}`, activity);
      if (envelope.handled) {
        const tenant = activityTenant(activity);
        if (options.knownTenant && !tenant) return refuse(403, 'forbidden', 'activity names no tenant', activity);
        if (tenant && !(await isKnown(tenant))) return refuse(403, 'forbidden', 'tenant of no known municipality', activity);
      }
      next();
    } catch (error) {
      log.error('request check failed', { reason: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify({ error: 'internal error' }));
      }
    }
  };
}
