// The tab on the bot's own server: the page at /tab (and the channel tab's /tab/config), its
// bundle, the JSON API under /tab/api, and in local development only the Teams host page at
// /dev/teams-host with its development tokens.
import type { Logger } from '../bot/log';
import { errorFields } from '../bot/log';
import { DEMO_IDS, DEMO_PEOPLE, newPlaygroundUser } from '../prisma/seed';
import { ZEmail } from '../domain/admin';
import type { Repositories } from '../domain/ports';
import type { DevKeys } from './auth';
import type { TabApi } from './api';
import { tabAssets } from './bundle';
import { CONFIG_PAGE, devHostHtml, TAB_CSP, TAB_PAGE } from './pages';

type Req = AsyncIterable<Buffer | string> & { path: string; query: Record<string, unknown>; method: string; headers: Record<string, string | string[] | undefined> };
type Res = {
  status(code: number): Res;
  set(headers: Record<string, string>): Res;
  type(t: string): Res;
  send(body: unknown): void;
  json(body: unknown): void;
};
type Handler = (req: Req, res: Res) => void;
export type Router = { get(path: string | RegExp, handler: Handler): unknown; post(path: string | RegExp, handler: Handler): unknown; put(path: string | RegExp, handler: Handler): unknown };

export const DEV_HOST_PATH = '/dev/teams-host';

export interface TabRouteOptions {
  api: TabApi;
  logger: Logger;
  /** Present only in local development (no bot id, not production). */
  dev?: { keys: DevKeys; repos: Repositories };
}

const NO_STORE = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

// A CSV import of a municipality's units is far below this; anything larger is refused unread.
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

type Body = { ok: true; value: unknown } | { ok: false; status: 400 | 413; error: string };

async function readJsonBody(req: Req): Promise<Body> {
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > MAX_BODY_BYTES) return { ok: false, status: 413, error: 'Det som skickades är för stort.' };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > MAX_BODY_BYTES) return { ok: false, status: 413, error: 'Det som skickades är för stort.' };
    chunks.push(buf);
  }
  if (size === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { ok: false, status: 400, error: 'Det som skickades gick inte att läsa.' };
  }
}

export function registerTabRoutes(router: Router, options: TabRouteOptions): void {
  const log = options.logger.child({ component: 'tab' });
  // Built on the first request (tab/main.ts starts it at once, so a user does not wait).
  const assets = () => {
    const built = tabAssets();
    built.catch((error: unknown) => log.error('tab bundle failed', { error: errorFields(error) }));
    return built;
  };

  const page = (html: string) => (_req: Req, res: Res) => {
    res.status(200).set({ ...NO_STORE, 'content-security-policy': TAB_CSP }).type('html').send(html);
  };
  router.get('/tab', page(TAB_PAGE));
  router.get('/tab/config', page(CONFIG_PAGE));
  const script = (pick: 'app' | 'config') => (_req: Req, res: Res) => {
    assets().then(
      (a) => res.status(200).set({ 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }).type('application/javascript').send(a[pick]),
      () => res.status(500).type('text/plain').send('Fliken kunde inte byggas.'),
    );
  };
  router.get('/tab/app.js', script('app'));
  router.get('/tab/config.js', script('config'));

  const api: Handler = (req, res) => {
    const query = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    (req.method === 'GET' ? Promise.resolve<Body>({ ok: true, value: undefined }) : readJsonBody(req))
      .then((body) => (body.ok ? options.api.handle({ method: req.method, path: req.path, query, authorization, body: body.value }) : { status: body.status, body: { error: body.error } }))
      .then(
      (out) => {
        res.status(out.status).set({ ...NO_STORE, ...(out.headers ?? {}) });
        if (out.body instanceof Uint8Array) res.send(Buffer.from(out.body));
        else if (typeof out.body === 'string') res.send(out.body);
        else res.json(out.body);
      },
      (error: unknown) => {
        log.error('tab api failed', { path: req.path, error: errorFields(error) });
        res.status(500).set(NO_STORE).json({ error: 'Något gick fel hos Tilläggsbot. Försök igen om en stund.' });
      },
    );
  };
  const API_PATH = /^\/tab\/api\/.*/;
  router.get(API_PATH, api);
  router.post(API_PATH, api);
  router.put(API_PATH, api);

  const dev = options.dev;
  if (dev) {
    router.get(DEV_HOST_PATH, page(devHostHtml()));
    // The claims of the chosen person's token, or why there is none.
    const claimsFor = async (query: Req['query']): Promise<{ tid: string; oid: string; name: string; preferred_username?: string } | { status: number; error: string }> => {
      if (query.person === 'new') {
        // A new user's token carries their address as the sign-in name, as Entra's does; the tab
        // binds them if an administrator registered that address.
        const email = ZEmail.safeParse(query.email);
        if (!email.success) return { status: 400, error: 'Skriv den nya användarens e-postadress.' };
        const user = newPlaygroundUser(email.data, typeof query.name === 'string' ? query.name : undefined);
        const municipality = await dev.repos.municipalities.get(DEMO_IDS.municipality);
        if (!municipality) return { status: 404, error: 'Demokommunen finns inte i databasen. Kör npm run dev.' };
        return { tid: municipality.tenantId, oid: user.aadObjectId, name: user.displayName, preferred_username: user.email };
      }
      const person = DEMO_PEOPLE.find((p) => p.role === query.person);
      if (!person) return { status: 404, error: 'Ingen sådan demoperson.' };
      const stored = await dev.repos.people.get(person.id);
      if (!stored?.aadObjectId) return { status: 404, error: 'Demopersonen finns inte i databasen. Kör npm run dev.' };
      return { tid: stored.tenantId, oid: stored.aadObjectId, name: stored.displayName };
    };
    router.get(`${DEV_HOST_PATH}/token`, (req, res) => {
      claimsFor(req.query)
        .then(async (claims) => {
          if ('error' in claims) return void res.status(claims.status).json({ error: claims.error });
          res.status(200).set(NO_STORE).json({ token: await dev.keys.sign(claims) });
        })
        .catch((error: unknown) => {
          log.error('dev token failed', { error: errorFields(error) });
          res.status(500).json({ error: 'Ingen token.' });
        });
    });
  }
}
