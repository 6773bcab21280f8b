// Structured logging on pino: one JSON object per line on stdout. Card payloads hold health data
// about children, so keys that carry user input are redacted (pino's `redact`) at every depth a
// line is written to, and the adapter for the Teams SDK keeps only its text, never the activity
// objects it passes along.
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { LOG_LEVELS, type LogLevel } from './config';

export type LogFields = Record<string, unknown>;

export interface Logger {
  error(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
  /** A logger that adds `bindings` to every line. */
  child(bindings: LogFields): Logger;
  readonly level: LogLevel;
}

export type LoggerOptions = {
  level?: LogLevel;
  bindings?: LogFields;
  /** Where lines go (one JSON object, no trailing newline); defaults to stdout. Tests pass a collector. */
  write?: (line: string) => void;
  now?: () => Date;
};

/**
 * Keys whose values are user input or rendered cards (text typed in chat, Action.Execute data,
 * attachments, request bodies). Their content never reaches a log line.
 */
export const REDACTED_KEYS: ReadonlySet<string> = new Set([
  'value',
  'values',
  'text',
  'data',
  'attachments',
  'attachment',
  'content',
  'card',
  'body',
  'inputs',
  'summary',
]);

/**
 * How deep a line is written. pino's redact paths name a fixed depth (`*.*.value`), it has no
 * "at any depth" wildcard, so the paths below cover every depth up to this one and anything
 * deeper is cut (see capDepth) instead of written unchecked.
 */
export const MAX_DEPTH = 6;

/**
 * `value`, `*.value`, `*.*.value`, … for every redacted key, down to MAX_DEPTH levels. Wildcards
 * in the middle of a path cost pino time (measured here: ~0.2 ms a line with these 66 paths,
 * ~0.01 ms without redaction); the bot writes few lines a turn at info, and pino skips lines
 * below the level before it serialises anything.
 */
export const REDACT_PATHS: readonly string[] = Array.from({ length: MAX_DEPTH }, (_, depth) =>
  [...REDACTED_KEYS].map((key) => [...Array<string>(depth).fill('*'), key].join('.')),
).flat();

const CENSOR = '[redacted]';
const MAX_CAUSES = 5;

/**
 * The parts of an error that are safe to log. Deliberately not the whole object: an HTTP client
 * error carries the request it sent (a card full of health data) in `config.data`. pino's own
 * error serialiser copies every enumerable property, which is exactly that leak, so this
 * allow-list is what pino is given as the serialiser for `error` and `err`.
 *
 * Things thrown that are not Errors (plain objects from fakes and some libraries) get the same
 * fields, never `String(x)`, which said only "[object Object]".
 */
export function errorFields(err: unknown, causes = 0): LogFields {
  if (err === null || typeof err !== 'object') return { message: String(err) };
  const e = err as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    status?: unknown;
    statusCode?: unknown;
    response?: { status?: unknown };
    stack?: unknown;
    cause?: unknown;
  };
  const out: LogFields = {};
  if (typeof e.name === 'string') out.name = e.name;
  // `type` is kept as it stands so that serialising these fields again gives the same fields.
  else if (typeof (e as { type?: unknown }).type === 'string') out.type = (e as { type: string }).type;
  else if (!(err instanceof Error) && typeof e.message !== 'string') out.type = err.constructor?.name ?? 'Object';
  if (typeof e.message === 'string') out.message = e.message;
  else if (!(err instanceof Error)) {
    // Key names are ours or a library's; the values may be user input, so only the names go out.
    out.message = `a thrown ${Array.isArray(err) ? 'array' : 'object'} without a message (keys: ${Object.keys(err).slice(0, 10).join(', ') || 'none'})`;
  } else out.message = '';
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  const status = e.response?.status ?? e.status ?? e.statusCode;
  if (typeof status === 'number') out.status = status;
  if (typeof e.stack === 'string') out.stack = e.stack.split('\n').slice(0, 8).join('\n');
  if (e.cause !== undefined) out.cause = causes < MAX_CAUSES ? errorFields(e.cause, causes + 1) : { message: '[more causes]' };
  return out;
}

/**
 * Copies what a line carries, turning Errors at any depth into errorFields and objects below
 * MAX_DEPTH into '[depth]': pino redacts only the depths its paths name, so nothing may be
 * written below them. Runs as pino's log formatter (before pino redacts) and on child bindings.
 */
function capDepth(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return errorFields(value);
  if (depth >= MAX_DEPTH) return '[depth]';
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => capDepth(v, depth + 1));
  const out: LogFields = {};
  for (const [k, v] of Object.entries(value)) out[k] = capDepth(v, depth + 1);
  return out;
}

const capFields = (fields: LogFields) => capDepth(fields, 0) as LogFields;

function wrap(p: PinoLogger, level: LogLevel): Logger {
  return {
    level,
    error: (msg, fields) => p.error(fields ?? {}, msg),
    warn: (msg, fields) => p.warn(fields ?? {}, msg),
    info: (msg, fields) => p.info(fields ?? {}, msg),
    debug: (msg, fields) => p.debug(fields ?? {}, msg),
    // pino runs its bindings formatter for the base logger only, so children are capped here.
    child: (bindings) => wrap(p.child(capFields(bindings)), level),
  };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const write = options.write;
  const now = options.now ?? (() => new Date());
  // pino hands a destination one line with its newline; the collector gets the line alone.
  const destination: DestinationStream = write
    ? { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) }
    : { write: (line: string) => void process.stdout.write(line) };
  const p = pino(
    {
      level,
      // No pid or hostname: a line says what happened, the platform says where.
      base: undefined,
      timestamp: () => `,"time":"${now().toISOString()}"`,
      formatters: {
        level: (label) => ({ level: label }),
        log: capFields,
      },
      serializers: { error: (e: unknown) => errorFields(e), err: (e: unknown) => errorFields(e) },
      redact: { paths: [...REDACT_PATHS], censor: CENSOR },
    },
    destination,
  );
  const logger = wrap(p, level);
  return options.bindings ? logger.child(options.bindings) : logger;
}

/** A logger that drops everything, for code paths that must log but whose output is not wanted. */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => {} });

/**
 * The Teams SDK's ILogger shape (structurally; the SDK's own type is not imported so this file
 * stays free of it). Its debug lines include whole activities ("Handling activity", body), so the
 * adapter keeps strings and error summaries and drops every other argument.
 */
export type SdkLogger = {
  error(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  debug(...msg: unknown[]): void;
  trace(...msg: unknown[]): void;
  log(level: 'error' | 'warn' | 'info' | 'debug' | 'trace', ...msg: unknown[]): void;
  child(name: string, overrides?: unknown): SdkLogger;
};

export function toSdkLogger(logger: Logger, name = 'teams-sdk'): SdkLogger {
  // The SDK makes child loggers and debug lines on every activity; a pino child (with its
  // redaction) is made only when a line at an enabled level is written.
  let base: Logger | undefined;
  const out = (lvl: LogLevel, args: unknown[]) => {
    if (!levelEnabled(logger.level, lvl)) return;
    const text = args.filter((a): a is string => typeof a === 'string').join(' ');
    const err = args.find((a): a is Error => a instanceof Error);
    (base ??= logger.child({ component: name }))[lvl](text || (err ? err.message : '(no message)'), err ? { error: err } : undefined);
  };
  return {
    error: (...m) => out('error', m),
    warn: (...m) => out('warn', m),
    info: (...m) => out('info', m),
    debug: (...m) => out('debug', m),
    trace: (...m) => out('debug', m),
    log: (lvl, ...m) => out(lvl === 'trace' ? 'debug' : lvl, m),
    child: (childName) => toSdkLogger(logger, `${name}/${childName}`),
  };
}

// LOG_LEVELS runs from the most to the least severe.
function levelEnabled(configured: LogLevel, line: LogLevel): boolean {
  return LOG_LEVELS.indexOf(line) <= LOG_LEVELS.indexOf(configured);
}
