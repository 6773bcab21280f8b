// Who is calling the tab's API: the Teams SSO token from `authentication.getAuthToken`, verified
// here with jose (signature against Entra's published keys, issuer of the token's own tenant,
// audience = the app's id URI, expiry), then the tenant must be a municipality we serve and the
// person is looked up exactly as the bot does (bot/identity.ts), or, registered by e-mail and not
// seen yet, bound by their sign-in name. Local development may also sign tokens with a key made
// at start (tab/dev-host.ts); that key is never accepted with a bot id or in production.
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Actor } from '../app/actor';
import { bindOnFirstContact } from '../app/admin/bind-on-first-contact';
import { identify } from '../bot/identity';
import type { Repositories } from '../domain/ports';

// The v2.0 keys are the same set v1 tokens are signed with.
export const ENTRA_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
export const DEV_ISSUER = 'urn:tillaggsbot:local-development';

export type AuthFailure = 'missing' | 'invalid' | 'expired' | 'audience' | 'issuer' | 'tenant' | 'unknown-person' | 'no-role';

export type AuthResult = { ok: true; actor: Actor } | { ok: false; reason: AuthFailure; status: 401 | 403 };

// What the page shows: one plain sentence per kind of failure, never the cause's details.
export const AUTH_MESSAGES: Record<AuthFailure, string> = {
  missing: 'Du behöver vara inloggad i Teams för att se ärenden. Öppna fliken i Teams igen.',
  invalid: 'Inloggningen kunde inte kontrolleras. Ladda om fliken i Teams och försök igen.',
  expired: 'Inloggningen har gått ut. Ladda om fliken i Teams.',
  audience: 'Inloggningen gäller inte den här appen. Ladda om fliken i Teams.',
  issuer: 'Inloggningen kunde inte kontrolleras. Ladda om fliken i Teams och försök igen.',
  tenant: 'Din organisation använder inte Tilläggsbot.',
  'unknown-person': 'Du finns inte registrerad i Tilläggsbot. Kontakta Elevhälsan om du behöver tillgång.',
  'no-role': 'Du har ingen roll i Tilläggsbot. Kontakta Elevhälsan om du behöver tillgång.',
};

export interface TabAuthOptions {
  /** Accepted audiences: the app's id URI (api://host/<client id>) and, for v2 tokens, the client id. */
  audiences: string[];
  repos: Repositories;
  /** Entra's keys; tests pass a local set. Default: the remote JWKS, cached by jose. */
  entraKeys?: JWTVerifyGetKey;
  /** Only where local development is allowed (no bot id, not production). */
  devKeys?: DevKeys;
  /** Allowed clock skew in seconds. */
  clockToleranceSec?: number;
  now?: () => Date;
}

export interface DevKeys {
  issuer: string;
  audience: string;
  verifyKey: JWTVerifyGetKey;
  sign(claims: { tid: string; oid: string; name: string; preferred_username?: string }, options?: { expiresInSec?: number }): Promise<string>;
}

/** A signing key made at start, for the local Teams host page. Never stored, never configured. */
export async function createDevKeys(audience: string): Promise<DevKeys> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'local-development', alg: 'ES256' };
  return {
    issuer: DEV_ISSUER,
    audience,
    verifyKey: createLocalJWKSet({ keys: [jwk] }),
    async sign(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ ...claims, ver: '2.0' })
        .setProtectedHeader({ alg: 'ES256', kid: 'local-development' })
        .setIssuer(DEV_ISSUER)
        .setAudience(audience)
        .setIssuedAt(now)
        .setExpirationTime(now + (options.expiresInSec ?? 3600))
        .sign(privateKey);
    },
  };
}

const entraIssuers = (tid: string) => [`https://login.microsoftonline.com/${tid}/v2.0`, `https://sts.windows.net/${tid}/`];

function unverifiedClaims(token: string): JWTPayload | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return typeof claims === 'object' && claims !== null ? (claims as JWTPayload) : null;
  } catch {
    return null;
  }
}

// A person an administrator registered by e-mail/UPN who opens the tab before writing to the bot:
// bound by the verified token's sign-in names, by the same rule the bot uses on first contact.
// preferred_username (v2) and upn (v1) are the tenant's sign-in name, set by its administrators;
// the optional `email` claim is not used, as Entra does not always verify it.
async function bindFromToken(repos: Repositories, tid: string, oid: string, claims: JWTPayload): Promise<Actor | null> {
  const names = [claims.preferred_username, claims.upn].map((c) => (typeof c === 'string' ? c : null));
  const bound = await bindOnFirstContact(repos, { tenantId: tid, aadObjectId: oid, via: 'tab' }, async () => names);
  return bound ? identify(repos, tid, oid) : null;
}

export function createTabAuth(options: TabAuthOptions) {
  const entraKeys = options.entraKeys ?? createRemoteJWKSet(new URL(ENTRA_JWKS_URL));
  const tolerance = options.clockToleranceSec ?? 60;

  async function verify(token: string): Promise<{ ok: true; claims: JWTPayload } | { ok: false; reason: AuthFailure }> {
    // The issuer names the tenant, so it is read first and then checked by the signature.
    const peek = unverifiedClaims(token);
    if (!peek || typeof peek.iss !== 'string') return { ok: false, reason: 'invalid' };
    const dev = options.devKeys && peek.iss === options.devKeys.issuer ? options.devKeys : undefined;
    const tid = typeof peek.tid === 'string' ? peek.tid : '';
    const issuers = dev ? [dev.issuer] : tid ? entraIssuers(tid) : [];
    if (issuers.length === 0 || !issuers.includes(peek.iss)) return { ok: false, reason: 'issuer' };
    try {
      const { payload } = await jwtVerify(token, dev ? dev.verifyKey : entraKeys, {
        issuer: issuers,
        audience: dev ? dev.audience : options.audiences,
        clockTolerance: tolerance,
        requiredClaims: ['exp', 'tid', 'oid'],
        algorithms: dev ? ['ES256'] : ['RS256'],
        ...(options.now ? { currentDate: options.now() } : {}),
      });
      if (payload.tid !== tid) return { ok: false, reason: 'issuer' };
      return { ok: true, claims: payload };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
      if (error instanceof joseErrors.JWTClaimValidationFailed) return { ok: false, reason: error.claim === 'aud' ? 'audience' : error.claim === 'iss' ? 'issuer' : 'invalid' };
      return { ok: false, reason: 'invalid' };
    }
  }

  return {
    async authenticate(authorization: string | undefined): Promise<AuthResult> {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      if (!token) return { ok: false, reason: 'missing', status: 401 };
      const verified = await verify(token);
      if (!verified.ok) return { ok: false, reason: verified.reason, status: 401 };
      const tid = String(verified.claims.tid);
      if (!(await options.repos.municipalities.byTenant(tid))) return { ok: false, reason: 'tenant', status: 403 };
      const oid = String(verified.claims.oid);
      const actor = (await identify(options.repos, tid, oid)) ?? (await bindFromToken(options.repos, tid, oid, verified.claims));
      if (!actor) return { ok: false, reason: 'unknown-person', status: 403 };
      if (actor.person.roles.length === 0) return { ok: false, reason: 'no-role', status: 403 };
      return { ok: true, actor };
    },
  };
}

export type TabAuth = ReturnType<typeof createTabAuth>;
