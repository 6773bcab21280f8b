// The process environment parsed once, at start, into a typed config. Every other module takes
// this object instead of reading process.env, so tests can build one without touching globals.
import { z } from 'zod';
import { DEFAULT_FILE_DOWNLOAD_HOSTS } from './files';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export const CLOUDS = ['Public', 'USGov', 'USGovDoD', 'China'] as const;
export type CloudName = (typeof CLOUDS)[number];

export type BotConfig = {
  /** Entra app (client) id of the bot registration; undefined only in local development. */
  readonly botId: string | undefined;
  readonly botPassword: string | undefined;
  /** Tenant of a single-tenant bot registration; used for outbound token requests. */
  readonly tenantId: string | undefined;
  readonly port: number;
  readonly nodeEnv: NodeEnv;
  readonly databaseUrl: string | undefined;
  readonly pgliteDataDir: string;
  readonly logLevel: LogLevel;
  readonly cloud: CloudName;
  /**
   * True only when no bot client id is configured outside production: the Teams SDK then accepts
   * requests without a Bot Framework JWT (Agents Playground, local tests). Derived, never read
   * from the environment, so a deployment cannot switch it on by accident.
   */
  readonly dangerouslyAllowUnauthenticatedRequests: boolean;
  /**
   * Where attachment downloads may come from (FILE_DOWNLOAD_HOSTS, see bot/files.ts); default
   * *.sharepoint.com. In local development without BOT_ID the demo file server
   * (http://127.0.0.1:DEMO_FILES_PORT) is added. Absent: the default.
   */
  readonly fileDownloadHosts?: readonly string[];
  /**
   * True under the same condition: local development may set and move the clock (DEV_CLOCK_START,
   * POST /dev/clock). Derived, never read from the environment.
   */
  readonly devClockAllowed: boolean;
  /** Where the development clock starts (DEV_CLOCK_START); undefined: at the real time. */
  readonly devClockStart: Date | undefined;
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

// Blank variables (`BOT_ID=` in a .env file) mean "not set", not "set to the empty string".
const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const env = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema);
const optionalString = env(z.string().trim().optional());

const ZEnv = z.object({
  BOT_ID: optionalString,
  CLIENT_ID: optionalString,
  BOT_PASSWORD: optionalString,
  CLIENT_SECRET: optionalString,
  BOT_TENANT_ID: optionalString,
  TENANT_ID: optionalString,
  PORT: env(z.coerce.number().int().min(0).max(65535).default(3978)),
  NODE_ENV: env(z.enum(NODE_ENVS).default('development')),
  DATABASE_URL: env(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  PGLITE_DATA_DIR: env(z.string().default('.data/pglite')),
  LOG_LEVEL: env(z.enum(LOG_LEVELS).optional()),
  CLOUD: env(z.enum(CLOUDS).default('Public')),
  FILE_DOWNLOAD_HOSTS: env(
    z
      .string()
      .transform((v) => v.split(',').map((h) => h.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^(https?:\/\/)?(\*\.)?[A-Za-z0-9.-]+(:\d+)?\/?$/, 'FILE_DOWNLOAD_HOSTS: comma-separated [scheme://]host[:port] entries, a host may start with *.')).min(1))
      .optional(),
  ),
  DEMO_FILES_PORT: env(z.coerce.number().int().min(1).max(65535).default(3979)),
  DEV_CLOCK_START: env(
    z.iso.datetime({ offset: true, error: 'DEV_CLOCK_START must be an ISO 8601 date-time with an offset, such as 2027-03-01T08:00:00+01:00' }).optional(),
  ),
});

/**
 * Parse and check the environment. Throws ConfigError with every problem listed, so an operator
 * fixes the deployment in one round.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): BotConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const botId = e.BOT_ID ?? e.CLIENT_ID;
  const botPassword = e.BOT_PASSWORD ?? e.CLIENT_SECRET;
  const nodeEnv = e.NODE_ENV;

  const problems: string[] = [];
  if (nodeEnv === 'production' && (!botId || !botPassword)) {
    problems.push(
      'NODE_ENV=production requires BOT_ID (or CLIENT_ID) and BOT_PASSWORD (or CLIENT_SECRET): ' +
        'without them the bot cannot verify that requests come from Microsoft Teams.',
    );
  } else if (botId && !botPassword) {
    problems.push('BOT_ID is set but BOT_PASSWORD (or CLIENT_SECRET) is missing.');
  } else if (!botId && botPassword) {
    problems.push('BOT_PASSWORD is set but BOT_ID (or CLIENT_ID) is missing.');
  }
  const devClockAllowed = !botId && nodeEnv !== 'production';
  if (e.DEV_CLOCK_START && !devClockAllowed) {
    problems.push(
      'DEV_CLOCK_START is for local development only: it cannot be used with NODE_ENV=production ' +
        'or when BOT_ID (or CLIENT_ID) is set. Remove it from this environment.',
    );
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }

  const localDevelopment = !botId && nodeEnv === 'development';
  const fileDownloadHosts = [
    ...(e.FILE_DOWNLOAD_HOSTS ?? DEFAULT_FILE_DOWNLOAD_HOSTS),
    // `npm run dev` serves demo PDFs here (scripts/demo-files.ts); never with a real bot id.
    ...(localDevelopment ? [`http://127.0.0.1:${e.DEMO_FILES_PORT}`] : []),
  ];

  return {
    botId,
    botPassword,
    tenantId: e.BOT_TENANT_ID ?? e.TENANT_ID,
    port: e.PORT,
    nodeEnv,
    databaseUrl: e.DATABASE_URL,
    pgliteDataDir: e.PGLITE_DATA_DIR,
    logLevel: e.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    cloud: e.CLOUD,
    dangerouslyAllowUnauthenticatedRequests: !botId && nodeEnv !== 'production',
    fileDownloadHosts,
    devClockAllowed,
    devClockStart: e.DEV_CLOCK_START && devClockAllowed ? new Date(e.DEV_CLOCK_START) : undefined,
  };
}
