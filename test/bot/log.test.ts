import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { MAX_DEPTH, REDACT_PATHS, REDACTED_KEYS, createLogger, errorFields, toSdkLogger } from '../../bot/log';

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

describe('redaction at every depth', () => {
  // Nests `inner` `depth` levels down, alternating objects and arrays as activities and cards do.
  const nest = (depth: number, inner: Record<string, unknown>): Record<string, unknown> => {
    let v: unknown = inner;
    for (let d = 0; d < depth; d++) v = d % 2 ? [v] : { nested: v };
    return d0(v);
  };
  const d0 = (v: unknown) => (Array.isArray(v) ? { list: v } : (v as Record<string, unknown>));

  for (const key of REDACTED_KEYS) {
    test(`"${key}" never reaches a line, at any depth, in fields or child bindings`, () => {
      const { logger, lines } = collect();
      for (let depth = 0; depth <= MAX_DEPTH + 2; depth++) {
        const secret = `hemligt-${key}-${depth}`;
        logger.info('m', nest(depth, { [key]: secret, kept: `kept-${depth}` }));
        logger.child(nest(depth, { [key]: `${secret}-bound` })).info('bound');
        logger.info('m', nest(depth, { [key]: { 'pupil.personnummer': secret } }));
      }
      const out = JSON.stringify(lines);
      assert.doesNotMatch(out, /hemligt/);
      // Shallow lines keep their other fields; the deep ones are cut, not written unchecked.
      assert.match(out, /kept-0/);
      assert.match(out, /\[depth\]/);
    });
  }

  test('the redact paths are generated from the key list for every depth', () => {
    assert.equal(REDACT_PATHS.length, REDACTED_KEYS.size * MAX_DEPTH);
    assert.ok(REDACT_PATHS.includes('value'));
    assert.ok(REDACT_PATHS.includes(`${'*.'.repeat(MAX_DEPTH - 1)}summary`));
  });

  test('circular fields are written, not thrown', () => {
    const { logger, lines } = collect();
    const loop: Record<string, unknown> = { n: 1 };
    loop.self = loop;
    logger.info('loop', { loop });
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.msg, 'loop');
  });
});

describe('errors in lines', () => {
  test('an error under `error` is serialised with its cause chain, not the request it carries', () => {
    const { logger, lines } = collect();
    const root = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const http = Object.assign(new Error('Request failed', { cause: root }), {
      response: { status: 502 },
      config: { data: '{"need.description":"hemligt"}', headers: { authorization: 'Bearer hemligt' } },
    });
    logger.error('send failed', { error: new Error('could not deliver the decision', { cause: http }) });
    const error = lines[0]!.error as { message: string; cause: { status: number; cause: { code: string; message: string } } };
    assert.equal(error.message, 'could not deliver the decision');
    assert.equal(error.cause.status, 502);
    assert.equal(error.cause.cause.code, 'ECONNRESET');
    assert.equal(error.cause.cause.message, 'socket hang up');
    assert.doesNotMatch(JSON.stringify(lines), /hemligt/);
  });

  test('errors deeper in the fields are summarised too', () => {
    const { logger, lines } = collect();
    logger.warn('batch', { results: [{ id: 'j1', failure: new Error('timeout') }] });
    const results = lines[0]!.results as Array<{ failure: { name: string; message: string } }>;
    assert.deepEqual([results[0]!.failure.name, results[0]!.failure.message], ['Error', 'timeout']);
  });

  // Issue 9, item 12: a job failing with something that is not an Error was logged as
  // "[object Object]", without its status or cause.
  test('a thrown plain object keeps its message, status and cause, never "[object Object]"', () => {
    const thrown = { message: 'Conversation not found', response: { status: 404 }, cause: { code: 'E_GONE' } };
    const f = errorFields(thrown);
    assert.equal(f.message, 'Conversation not found');
    assert.equal(f.status, 404);
    assert.deepEqual(f.cause, { type: 'Object', message: 'a thrown object without a message (keys: code)', code: 'E_GONE' });
    const { logger, lines } = collect();
    logger.warn('job failed, will retry', { error: thrown });
    logger.warn('job failed, will retry', { error: errorFields({ response: { status: 503, data: 'hemligt' } }) });
    const out = JSON.stringify(lines);
    assert.doesNotMatch(out, /object Object|hemligt/);
    assert.equal((lines[1]!.error as { status: number }).status, 503);
  });

  test('a cause chain that loops ends', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    assert.match(JSON.stringify(errorFields(a)), /more causes/);
  });

  test('serialising the fields again gives the same fields', () => {
    for (const e of [new Error('x', { cause: 'y' }), { code: 7 }, 'boom']) {
      assert.deepEqual(errorFields(errorFields(e)), errorFields(e));
    }
  });
});
