// The tab on the real transport for tests: a fresh database (PGlite, or PostgreSQL under
// DATABASE_URL), the demo municipality with its people and demo cases at a fixed time, and the
// bot's server with the tab's routes exactly as tab/main.ts wires them. "Entra" is a local RSA
// key whose JWKS the server is given instead of Entra's.
import { exportJWK, generateKeyPair, createLocalJWKSet, SignJWT, type JWK } from 'jose';
import { loadConfig } from '../../bot/config';
import { createHandlers } from '../../bot/handlers';
import { createLogger } from '../../bot/log';
import { createBotApp, type BotServer } from '../../bot/transport';
import type { Clock } from '../../domain/clock';
import type { Repositories } from '../../domain/ports';
import { createRepositories } from '../../prisma/repositories';
import { PLAYGROUND_TENANT_ID, seedDemo } from '../../prisma/seed';
import { seedDemoCases } from '../../tab/demo-cases';
import { tabRoutes } from '../../tab/main';
import { openTestDatabase, type TestDatabase } from '../db/helpers';

export const APP_ID_URI = 'api://tab.nora.example/11111111-2222-3333-4444-555555555555';
export const BOT_ID = '11111111-2222-3333-4444-555555555555';
// 2027-03-10: in VT2027, so the VT2027 decisions pay in March.
export const TAB_TODAY = new Date('2027-03-10T09:00:00Z');

export interface TabServer {
  base: string;
  db: TestDatabase;
  repos: Repositories;
  server: BotServer;
  /** A token as Entra would sign it; `key: 'other'` signs with a key the server does not know. */
  entraToken(claims: { oid: string; tid?: string; aud?: string; iss?: string; expiresInSec?: number; key?: 'entra' | 'other'; extra?: Record<string, string> }): Promise<string>;
  close(): Promise<void>;
}

export async function startTabServer(options: { mode: 'production' | 'development' }): Promise<TabServer> {
  const db = await openTestDatabase();
  const repos = createRepositories(db.prisma);
  await seedDemo(db.prisma, { tenantId: PLAYGROUND_TENANT_ID });
  const clock: Clock = { now: () => TAB_TODAY };
  await seedDemoCases(repos, clock);

  const entra = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(entra.publicKey)), kid: 'entra-test', alg: 'RS256', use: 'sig' };
  const env: Record<string, string> =
    options.mode === 'production'
      ? { NODE_ENV: 'production', BOT_ID, BOT_PASSWORD: 'secret', PORT: '0', LOG_LEVEL: 'error', TAB_APP_ID_URI: APP_ID_URI }
      : { NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'error' };
  const config = loadConfig(env);
  const logger = createLogger({ level: 'error', write: process.env.TEST_LOGS ? (line) => process.stderr.write(line + '\n') : () => {} });
  const routes = await tabRoutes(env, { entraKeys: createLocalJWKSet({ keys: [jwk] }) })({ db, repos, clock, config, logger });
  const server = createBotApp({ config, handlers: createHandlers({ repos, logger, clock }), logger, routes, tokenProvider: async () => 'unused' });
  const { port } = await server.start(0);

  return {
    base: `http://127.0.0.1:${port}`,
    db,
    repos,
    server,
    async entraToken(c) {
      const tid = c.tid ?? PLAYGROUND_TENANT_ID;
      const now = Math.floor(Date.now() / 1000);
      const exp = now + (c.expiresInSec ?? 3600);
      return new SignJWT({ ...c.extra, tid, oid: c.oid, ver: '2.0', scp: 'access_as_user' })
        .setProtectedHeader({ alg: 'RS256', kid: 'entra-test' })
        .setIssuer(c.iss ?? `https://login.microsoftonline.com/${tid}/v2.0`)
        .setAudience(c.aud ?? APP_ID_URI)
        .setIssuedAt(Math.min(now, exp - 60))
        .setExpirationTime(exp)
        .sign(c.key === 'other' ? other.privateKey : entra.privateKey);
    },
    async close() {
      await server.stop();
      await db.close();
    },
  };
}

/** One call to the tab's API: the JSON answer, or the bytes of a file. */
export async function apiCall(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const type = res.headers.get('content-type') ?? '';
  const parsed = type.includes('json') ? await res.json() : new Uint8Array(await res.arrayBuffer());
  return { status: res.status, body: parsed as any, headers: res.headers }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A PDF's text, page by page, as a reader (or a search) sees it. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  await doc.destroy();
  return pages.join('\n');
}
