// A tiny structured logger: one JSON object per line on stdout. Card payloads hold health data
// about children, so keys that carry user input are redacted at any depth, and the adapter for
// the Teams SDK keeps only its text, never the activity objects it passes along.
import type { LogLevel } from './config';

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
  /** Where lines go; defaults to stdout. Tests pass a collector. */
  write?: (line: string) => void;
  now?: () => Date;
};

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

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

const MAX_DEPTH = 6;

function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return errorFields(value);
  if (depth >= MAX_DEPTH) return '[depth]';
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: LogFields = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = REDACTED_KEYS.has(k) ? '[redacted]' : redact(v, depth + 1);
  }
  return out;
}

/**
 * The parts of an error that are safe to log. Deliberately not the whole object: an HTTP client
 * error carries the request it sent (a card full of health data) in `config.data`.
 */
export function errorFields(err: unknown): LogFields {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: unknown; status?: unknown; response?: { status?: unknown } };
  const out: LogFields = { name: e.name, message: e.message };
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  const status = e.response?.status ?? e.status;
  if (typeof status === 'number') out.status = status;
  if (e.stack) out.stack = e.stack.split('\n').slice(0, 8).join('\n');
  if (e.cause !== undefined) out.cause = errorFields(e.cause);
  return out;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const bindings = options.bindings ?? {};

  const emit = (lvl: LogLevel, msg: string, fields?: LogFields) => {
    if (RANK[lvl] > RANK[level]) return;
    const line = { time: now().toISOString(), level: lvl, msg, ...bindings, ...(fields ?? {}) };
    let json: string;
    try {
      json = JSON.stringify(redact(line));
    } catch {
      json = JSON.stringify({ time: line.time, level: lvl, msg, logError: 'unserializable fields' });
    }
    write(json);
  };

  return {
    level,
    error: (msg, fields) => emit('error', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    debug: (msg, fields) => emit('debug', msg, fields),
    child: (more) => createLogger({ ...options, level, bindings: { ...bindings, ...more } }),
  };
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
  const base = logger.child({ component: name });
  const out = (lvl: LogLevel, args: unknown[]) => {
    const text = args.filter((a): a is string => typeof a === 'string').join(' ');
    const err = args.find((a): a is Error => a instanceof Error);
    base[lvl](text || (err ? err.message : '(no message)'), err ? { error: errorFields(err) } : undefined);
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
