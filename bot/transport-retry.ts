// Retries for calls to the Bot Framework connector. The Teams SDK makes each call once; Teams
// throttles bots with 429 + Retry-After, and 503 means the request was not processed. Other
// failures (500, 502, 504, resets) may already have posted the message, so they are not
// retried here: a duplicate card is worse than an error the caller sees.
import type { Logger } from './log';

export type RetryPolicy = {
  /** Total attempts, the first included. 1 disables retries. */
  readonly maxAttempts: number;
  /** Backoff when the connector gives no Retry-After: base, 2x base, 4x base... */
  readonly baseDelayMs: number;
  /** A Retry-After longer than this is not waited for; the error goes to the caller. */
  readonly maxDelayMs: number;
};

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 10_000 };

const RETRYABLE_STATUS = new Set([429, 503]);

type HttpError = {
  response?: { status?: number; headers?: Record<string, unknown> };
  code?: string;
};

/** Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** How long to wait before the next attempt, or undefined to give up. */
export function retryDelay(err: unknown, attempt: number, policy: RetryPolicy): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const e = err as HttpError;
  const status = e?.response?.status;
  // ECONNREFUSED: nothing reached the connector, so a retry cannot duplicate.
  if (!(status !== undefined && RETRYABLE_STATUS.has(status)) && e?.code !== 'ECONNREFUSED') return undefined;
  const headers = e.response?.headers ?? {};
  const retryAfter = parseRetryAfter(headers['retry-after'] ?? headers['Retry-After']);
  const delay = retryAfter ?? policy.baseDelayMs * 2 ** (attempt - 1);
  return delay > policy.maxDelayMs ? undefined : delay;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type MiddlewareContext = { config: { method?: string; url?: string } };

/** A middleware for the Teams SDK's HTTP client (teams.common Client `middlewares`). */
export function retryMiddleware(policy: RetryPolicy, log: Logger) {
  return {
    async invoke<R>(context: MiddlewareContext, next: () => Promise<R>): Promise<R> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await next();
        } catch (err) {
          const delay = retryDelay(err, attempt, policy);
          if (delay === undefined) throw err;
          log.warn('connector call failed, retrying', {
            method: context.config.method,
            path: pathOf(context.config.url),
            status: (err as HttpError).response?.status,
            attempt,
            delayMs: delay,
          });
          await sleep(delay);
        }
      }
    },
  };
}

// Only the path: the query of a connector URL can carry tokens.
function pathOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0];
  }
}
