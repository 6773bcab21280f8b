// How a failed send to Teams is handled: gone for good, later (Retry-After), or retried.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { classifyDeliveryError } from '../../bot/deliveries';

const httpError = (status: number, headers: Record<string, string> = {}) => Object.assign(new Error(`HTTP ${status}`), { response: { status, headers } });
const NOW = Date.parse('2027-03-01T09:00:00Z');

const cases: Array<[string, unknown, ReturnType<typeof classifyDeliveryError>]> = [
  ['403: the bot was removed', httpError(403), { kind: 'gone', status: 403 }],
  ['404: the conversation is gone', httpError(404), { kind: 'gone', status: 404 }],
  ['429 with Retry-After in seconds', httpError(429, { 'retry-after': '30' }), { kind: 'later', seconds: 30 }],
  ['429 with Retry-After as a date', httpError(429, { 'Retry-After': new Date(NOW + 90_500).toUTCString() }), { kind: 'later', seconds: 90 }],
  ['429 without Retry-After waits 30 s', httpError(429), { kind: 'later', seconds: 30 }],
  ['429 with Retry-After 0 still waits a second', httpError(429, { 'retry-after': '0' }), { kind: 'later', seconds: 1 }],
  ['500: retried by the queue', httpError(500), { kind: 'retry' }],
  ['503: retried by the queue', httpError(503), { kind: 'retry' }],
  ['a network error: retried', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), { kind: 'retry' }],
];

for (const [name, error, expected] of cases) {
  test(`classifyDeliveryError: ${name}`, () => {
    assert.deepEqual(classifyDeliveryError(error, NOW), expected);
  });
}
