// Process wiring: configuration, logger, the Teams transport, and a clean shutdown on SIGTERM /
// SIGINT. The entry point only adds the handlers (and whatever they need, like the database):
//
//   const { shutdown } = await startServer({ handlers, onShutdown: () => db.close() });
import { loadConfig, type BotConfig } from './config';
import { createLogger, errorFields, type Logger } from './log';
import { createBotApp, type BotServer, type CreateBotAppOptions } from './transport';
import type { BotHandlers } from './transport-types';

export type StartServerOptions = {
  handlers: BotHandlers;
  /** Defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** An already-loaded config wins over env. */
  config?: BotConfig;
  logger?: Logger;
  /** Runs after the HTTP server stopped: close the database, stop workers. */
  onShutdown?: () => Promise<void>;
  /** Listen for SIGTERM/SIGINT (default true); tests turn it off. */
  handleSignals?: boolean;
  transport?: Omit<CreateBotAppOptions, 'config' | 'handlers' | 'logger'>;
};

export type RunningServer = {
  config: BotConfig;
  logger: Logger;
  server: BotServer;
  port: number;
  /** Stop accepting requests, let in-flight turns finish, run onShutdown. Idempotent. */
  shutdown(): Promise<void>;
};

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const config = options.config ?? loadConfig(options.env ?? process.env);
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  if (config.dangerouslyAllowUnauthenticatedRequests) {
    logger.warn('no BOT_ID configured: accepting unauthenticated requests (local development only)');
  }
  const server = createBotApp({ ...options.transport, config, handlers: options.handlers, logger });
  const { port } = await server.start();

  let stopping: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info('shutting down', { signal });
    void shutdown().then(
      () => {
        process.exitCode = 0;
      },
      (err) => {
        logger.error('shutdown failed', { error: errorFields(err) });
        process.exitCode = 1;
      },
    );
  };
  const onUnhandled = (reason: unknown) => logger.error('unhandled rejection', { error: errorFields(reason) });
  const handleSignals = options.handleSignals ?? true;
  if (handleSignals) {
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    process.on('unhandledRejection', onUnhandled);
  }

  function shutdown(): Promise<void> {
    stopping ??= (async () => {
      if (handleSignals) {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        process.off('unhandledRejection', onUnhandled);
      }
      await server.stop();
      await options.onShutdown?.();
    })();
    return stopping;
  }

  return { config, logger, server, port, shutdown };
}
