// `npm run start`: the bot (bot/main.ts) with the tab on the same server and port. The tab needs
// TAB_APP_ID_URI (the app's id URI, "api://<host>/<bot id>", the audience of its SSO tokens)
// wherever a bot id is configured; local development signs its own tokens instead.
import type { JWTVerifyGetKey } from 'jose';
import { runBot, type BotOptions, type RouteContext, type RunningBot } from '../bot/main';
import { createCaseOverviewQueries } from '../prisma/repositories/case-overview';
import { createTabApi } from './api';
import { createDevKeys, createTabAuth } from './auth';
import { registerTabRoutes } from './routes';
import { tabAssets } from './bundle';

export const DEV_AUDIENCE = 'api://localhost/tillaggsbot-local-development';

/** `entraKeys`: tests sign "Entra" tokens with a local key; production reads Entra's JWKS. */
export function tabRoutes(env: Record<string, string | undefined>, overrides: { entraKeys?: JWTVerifyGetKey } = {}) {
  return async ({ db, repos, clock, config, logger }: RouteContext) => {
    const appIdUri = env.TAB_APP_ID_URI?.trim() || undefined;
    // The development key exists only where the dev clock may: no bot id, not production.
    const devKeys = config.devClockAllowed ? await createDevKeys(DEV_AUDIENCE) : undefined;
    if (!appIdUri && !devKeys) logger.warn('TAB_APP_ID_URI is not set: the tab refuses every sign-in until it is');
    const audiences = [appIdUri, appIdUri && config.botId].filter((a): a is string => !!a);
    const auth = createTabAuth({ audiences: audiences.length ? audiences : ['urn:tillaggsbot:no-audience-configured'], repos, ...(devKeys ? { devKeys } : {}), ...(overrides.entraKeys ? { entraKeys: overrides.entraKeys } : {}) });
    // The page's bundle, started now so the first visit does not wait for esbuild.
    tabAssets().catch(() => {});
    const api = createTabApi({
      repos,
      overview: createCaseOverviewQueries(db.prisma),
      clock,
      auth,
      botId: config.botId ?? 'local-development-bot',
    });
    return (router: Parameters<typeof registerTabRoutes>[0]) => registerTabRoutes(router, { api, logger, ...(devKeys ? { dev: { keys: devKeys, repos } } : {}) });
  };
}

export function runBotWithTab(options: BotOptions = {}): Promise<RunningBot> {
  const env = options.env ?? process.env;
  return runBot({ ...options, routes: tabRoutes(env) });
}

export async function startBot(env: Record<string, string | undefined> = process.env): Promise<RunningBot> {
  return runBotWithTab({ env });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startBot().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
