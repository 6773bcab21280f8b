import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { parseRetryAfter, retryDelay, retryMiddleware, type RetryPolicy } from '../../bot/transport-retry';
import { silentLogger } from '../../bot/log';

const policy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 5_000 };
const httpError = (status: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`status ${status}`), { response: { status, headers } });

describe('parseRetryAfter', () => {
  const now = Date.parse('2027-01-01T00:00:00Z');
  const cases: Array<[unknown, number | undefined]> = [
    ['2', 2_000],
    ['0', 0],
    ['1.5', 1_500],
    [3, 3_000],
    ['Fri, 01 Jan 2027 00:00:04 GMT', 4_000],
    ['Thu, 31 Dec 2026 23:00:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
  ];
  for (const [value, expected] of cases) {
    test(`${JSON.stringify(value)} -> ${expected}`, () => assert.equal(parseRetryAfter(value, now), expected));
  }
});

describe('retryDelay', () => {
  const cases: Array<[string, unknown, number, number | undefined]> = [
    ['429 with Retry-After waits as told', httpError(429, { 'retry-after': '2' }), 1, 2_000],
    ['429 without Retry-After backs off', httpError(429), 1, 100],
    ['backoff doubles', httpError(503), 2, 200],
    ['503 is retried', httpError(503), 1, 100],
    ['refused connection is retried', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), 1, 100],
    ['500 may have posted: not retried', httpError(500), 1, undefined],
    ['403 is final', httpError(403), 1, undefined],
    ['reset connection may have posted: not retried', Object.assign(new Error('reset'), { code: 'ECONNRESET' }), 1, undefined],
    ['gives up after maxAttempts', httpError(429), 3, undefined],
    ['Retry-After beyond maxDelayMs is not waited for', httpError(429, { 'retry-after': '60' }), 1, undefined],
  ];
  for (const [name, err, attempt, expected] of cases) {
    test(name, () => assert.equal(retryDelay(err, attempt, policy), expected));
  }
});

describe('retryMiddleware', () => {
  const fast: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 100 };
  const ctx = { config: { method: 'post', url: 'https://smba.example/v3/conversations/a/activities?x=1' } };

  test('retries a 429 until it succeeds', async () => {
    let calls = 0;
    const result = await retryMiddleware(fast, silentLogger).invoke(ctx, async () => {
      calls += 1;
      if (calls < 3) throw httpError(429, { 'retry-after': '0' });
      return 'ok';
    });
    assert.equal(result, 'ok');
    assert.equal(calls, 3);
  });

  test('passes a non-retryable error through after one call', async () => {
    let calls = 0;
    await assert.rejects(
      retryMiddleware(fast, silentLogger).invoke(ctx, async () => {
        calls += 1;
        throw httpError(500);
      }),
      /status 500/,
    );
    assert.equal(calls, 1);
  });
});
