// The tab on the bot's own server: the page at /tab (and the channel tab's /tab/config), its
// bundle, the JSON API under /tab/api, and in local development only the Teams host page at
// /dev/teams-host with its development tokens.
import type { Logger } from '../bot/log';
import { errorFields } from '../bot/log';
import { DEMO_PEOPLE } from '../prisma/seed';
import type { Repositories } from '../domain/ports';
import type { DevKeys } from './auth';
import type { TabApi } from './api';
import { tabAssets } from './bundle';
import { CONFIG_PAGE, devHostHtml, TAB_CSP, TAB_PAGE } from './pages';

type Req = { path: string; query: Record<string, unknown>; method: string; headers: Record<string, string | string[] | undefined> };
type Res = {
  status(code: number): Res;
  set(headers: Record<string, string>): Res;
  type(t: string): Res;
  send(body: unknown): void;
  json(body: unknown): void;
};
export type Router = { get(path: string | RegExp, handler: (req: Req, res: Res) => void): unknown };

export const DEV_HOST_PATH = '/dev/teams-host';

export interface TabRouteOptions {
  api: TabApi;
  logger: Logger;
  /** Present only in local development (no bot id, not production). */
  dev?: { keys: DevKeys; repos: Repositories };
}

const NO_STORE = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

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

  router.get(/^\/tab\/api\/.*/, (req, res) => {
    const query = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    options.api.handle({ method: req.method, path: req.path, query, authorization }).then(
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
  });

  const dev = options.dev;
  if (dev) {
    router.get(DEV_HOST_PATH, page(devHostHtml()));
    router.get(`${DEV_HOST_PATH}/token`, (req, res) => {
      const person = DEMO_PEOPLE.find((p) => p.role === req.query.person);
      if (!person) return void res.status(404).json({ error: 'Ingen sådan demoperson.' });
      void (async () => {
        const stored = await dev.repos.people.get(person.id);
        if (!stored?.aadObjectId) return void res.status(404).json({ error: 'Demopersonen finns inte i databasen. Kör npm run dev.' });
        const token = await dev.keys.sign({ tid: stored.tenantId, oid: stored.aadObjectId, name: stored.displayName });
        res.status(200).set(NO_STORE).json({ token });
      })().catch((error: unknown) => {
        log.error('dev token failed', { error: errorFields(error) });
        res.status(500).json({ error: 'Ingen token.' });
      });
    });
  }
}
