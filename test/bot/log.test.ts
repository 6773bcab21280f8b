import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createLogger, errorFields, toSdkLogger } from '../../bot/log';

function collect(level: 'error' | 'warn' | 'info' | 'debug' = 'debug') {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level, write: (l) => lines.push(JSON.parse(l)), now: () => new Date('2027-01-01T00:00:00Z') });
  return { logger, lines };
}

describe('createLogger', () => {
  test('writes one JSON object per line with level, message, bindings and fields', () => {
    const { logger, lines } = collect();
    logger.child({ component: 'x' }).info('hello', { n: 1 });
    assert.deepEqual(lines, [{ time: '2027-01-01T00:00:00.000Z', level: 'info', msg: 'hello', component: 'x', n: 1 }]);
  });

  const levels: Array<[string, 'error' | 'warn' | 'info' | 'debug', string[]]> = [
    ['error only', 'error', ['error']],
    ['warn and up', 'warn', ['error', 'warn']],
    ['info and up', 'info', ['error', 'warn', 'info']],
    ['everything', 'debug', ['error', 'warn', 'info', 'debug']],
  ];
  for (const [name, level, expected] of levels) {
    test(`level ${level}: ${name}`, () => {
      const { logger, lines } = collect(level);
      logger.error('e');
      logger.warn('w');
      logger.info('i');
      logger.debug('d');
      assert.deepEqual(lines.map((l) => l.level), expected);
    });
  }

  const redaction: Array<[string, Record<string, unknown>, string, string]> = [
    ['card values', { activity: { value: { 'pupil.personnummer': '20150312-1234' } } }, '20150312-1234', 'activityId'],
    ['chat text', { text: 'hemligt' }, 'hemligt', 'n'],
    ['attachments deep in arrays', { list: [{ attachments: [{ content: 'diagnos' }] }] }, 'diagnos', 'n'],
    ['request bodies', { body: 'x-secret' }, 'x-secret', 'n'],
  ];
  for (const [name, fields, secret, kept] of redaction) {
    test(`redacts ${name}, keeps other fields`, () => {
      const { logger, lines } = collect();
      logger.info('m', { ...fields, [kept]: 'kept-value' });
      const out = JSON.stringify(lines);
      assert.doesNotMatch(out, new RegExp(secret));
      assert.match(out, /\[redacted\]/);
      assert.match(out, /kept-value/);
    });
  }
});

describe('errorFields', () => {
  test('keeps name, message, code and HTTP status, not the request an HTTP error carries', () => {
    const err = Object.assign(new Error('Request failed with status code 500'), {
      code: 'ERR_BAD_RESPONSE',
      response: { status: 500 },
      config: { data: '{"need.description":"hemligt"}' },
    });
    const f = errorFields(err);
    assert.equal(f.message, 'Request failed with status code 500');
    assert.equal(f.code, 'ERR_BAD_RESPONSE');
    assert.equal(f.status, 500);
    assert.doesNotMatch(JSON.stringify(f), /hemligt/);
  });

  test('non-errors become a message', () => {
    assert.deepEqual(errorFields('boom'), { message: 'boom' });
  });
});

describe('toSdkLogger', () => {
  test('keeps the SDK text and error summaries, drops the activity objects it passes', () => {
    const { logger, lines } = collect();
    const sdk = toSdkLogger(logger).child('http');
    sdk.debug('Handling activity', { type: 'message', text: 'personnummer 20150312-1234' });
    sdk.error('JWT validation failed', new Error('jwt expired'));
    assert.equal(lines[0]!.msg, 'Handling activity');
    assert.equal(lines[0]!.component, 'teams-sdk/http');
    assert.doesNotMatch(JSON.stringify(lines), /20150312-1234/);
    assert.equal((lines[1]!.error as { message: string }).message, 'jwt expired');
  });
});
