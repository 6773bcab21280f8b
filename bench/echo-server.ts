// Child process for bench/echo.ts: an echo bot plus a minimal fake connector, so the load
// generator in the parent does not share an event loop with the server it measures.
// target "sdk": a bare Teams SDK App that replies; "sdk-noreply": the same app answering 200
// without a reply (inbound path only); "transport": our createBotApp with an echo handler.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ExpressAdapter } from '@microsoft/teams.apps';
import { createBotApp } from '../bot/transport';
import { silentLogger, toSdkLogger } from '../bot/log';
import type { BotConfig } from '../bot/config';

const target = process.argv[2] ?? 'sdk';

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const connector = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end('{"id":"1"}');
  });
});
const connectorPort = await listen(connector);

let port: number;
if (target === 'sdk' || target === 'sdk-noreply') {
  const server = http.createServer();
  const app = new App({
    clientId: '',
    clientSecret: '',
    tenantId: '',
    dangerouslyAllowUnauthenticatedRequests: true,
    httpServerAdapter: new ExpressAdapter(server),
    logger: toSdkLogger(silentLogger) as unknown as App['log'],
  });
  app.on('message', async (ctx) => {
    if (target === 'sdk') await ctx.send(`eko: ${ctx.activity.text}`);
  });
  await app.initialize();
  port = await listen(server);
} else {
  const config: BotConfig = {
    botId: undefined,
    botPassword: undefined,
    tenantId: undefined,
    port: 0,
    nodeEnv: 'test',
    databaseUrl: undefined,
    pgliteDataDir: '.data/bench',
    logLevel: 'error',
    cloud: 'Public',
    dangerouslyAllowUnauthenticatedRequests: true,
    devClockAllowed: false,
    devClockStart: undefined,
  };
  const bot = createBotApp({
    config,
    logger: silentLogger,
    handlers: {
      async onMessage(ctx) {
        await ctx.send(`eko: ${ctx.activity.text}`);
      },
      async onCardAction() {
        throw new Error('not used');
      },
      async onInstall() {},
    },
  });
  port = (await bot.start(0)).port;
}

process.send?.({ port, serviceUrl: `http://127.0.0.1:${connectorPort}/` });
process.on('disconnect', () => process.exit(0));
