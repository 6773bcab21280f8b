import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { loadConfig, ConfigError, type BotConfig } from '../../bot/config';
import { createDevClock, ZDevClockRequest, type DevClock } from '../../bot/dev-clock';
import { silentLogger } from '../../bot/log';
import { createBotApp, type BotServer } from '../../bot/transport';
import type { BotHandlers } from '../../bot/transport-types';
import type { Clock } from '../../domain/clock';

const DAY = 86_400_000;

// A real clock that moves only when told, so the offset logic is checked without sleeping.
function fakeReal(start: string): Clock & { tick(ms: number): void } {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), tick: (ms) => void (t += ms) };
}

describe('createDevClock', () => {
  test('starts where told and keeps flowing with real time', () => {
    const real = fakeReal('2026-11-28T05:00:00Z');
    const clock = createDevClock(new Date('2027-03-01T08:00:00+01:00'), real);
    assert.equal(clock.now().toISOString(), '2027-03-01T07:00:00.000Z');
    real.tick(90_000);
    assert.equal(clock.now().toISOString(), '2027-03-01T07:01:30.000Z');
  });

  test('without a start it is the real time; set and advance move it', () => {
    const real = fakeReal('2026-11-28T05:00:00Z');
    const clock = createDevClock(undefined, real);
    assert.equal(clock.offsetMs, 0);
    assert.equal(clock.now().toISOString(), '2026-11-28T05:00:00.000Z');
    clock.advance(14 * DAY);
    assert.equal(clock.now().toISOString(), '2026-12-12T05:00:00.000Z');
    clock.set(new Date('2027-06-15T00:00:00Z'));
    real.tick(1_000);
    assert.equal(clock.now().toISOString(), '2027-06-15T00:00:01.000Z');
    // Moving back is a set, not a negative advance.
    clock.set(new Date('2026-01-01T00:00:00Z'));
    assert.ok(clock.offsetMs < 0);
  });
});

describe('POST /dev/clock body', () => {
  const ok: Array<[unknown, string]> = [
    [{ set: '2027-03-01T08:00:00+01:00' }, 'set'],
    [{ set: '2027-03-01T07:00:00Z' }, 'set'],
    [{ advance: 'P14D' }, `${14 * DAY}`],
    [{ advance: 'P2W' }, `${14 * DAY}`],
    [{ advance: 'PT1H30M' }, `${90 * 60_000}`],
    [{ advance: 'P1DT0.5S' }, `${DAY + 500}`],
    [{ advance: { days: 14 } }, `${14 * DAY}`],
    [{ advance: { days: 1, hours: 2 } }, `${DAY + 2 * 3_600_000}`],
  ];
  for (const [body, expected] of ok) {
    test(`accepts ${JSON.stringify(body)}`, () => {
      const parsed = ZDevClockRequest.parse(body);
      if ('set' in parsed) assert.equal(parsed.set.toISOString(), '2027-03-01T07:00:00.000Z');
      else assert.equal(String(parsed.advance), expected);
    });
  }
  const bad: unknown[] = [
    {},
    { set: 'tomorrow' },
    { set: '2027-03-01' },
    { set: '2027-03-01T08:00:00' },
    { advance: 'P1M' },
    { advance: 'P1Y' },
    { advance: 'P' },
    { advance: 'PT' },
    { advance: '14 days' },
    { advance: { days: -1 } },
    { advance: {} },
    { advance: { months: 1 } },
    { set: '2027-03-01T07:00:00Z', advance: 'P1D' },
    { set: '2027-03-01T07:00:00Z', extra: 1 },
  ];
  for (const body of bad) {
    test(`refuses ${JSON.stringify(body)}`, () => {
      assert.equal(ZDevClockRequest.safeParse(body).success, false);
    });
  }
});

describe('DEV_CLOCK_START', () => {
  test('sets where the development clock starts', () => {
    const config = loadConfig({ DEV_CLOCK_START: '2027-03-01T08:00:00+01:00' });
    assert.equal(config.devClockAllowed, true);
    assert.equal(config.devClockStart?.toISOString(), '2027-03-01T07:00:00.000Z');
  });
  test('unset or blank: no start, still allowed in development', () => {
    assert.equal(loadConfig({ DEV_CLOCK_START: ' ' }).devClockStart, undefined);
    assert.equal(loadConfig({}).devClockAllowed, true);
  });
  const refused: Array<[string, Record<string, string>]> = [
    ['in production', { NODE_ENV: 'production', BOT_ID: 'id', BOT_PASSWORD: 's' }],
    ['with a bot id', { BOT_ID: 'id', BOT_PASSWORD: 's' }],
    ['with a client id', { CLIENT_ID: 'id', CLIENT_SECRET: 's', NODE_ENV: 'test' }],
  ];
  for (const [name, env] of refused) {
    test(`makes start-up fail ${name}`, () => {
      assert.equal(loadConfig(env).devClockAllowed, false);
      assert.throws(
        () => loadConfig({ ...env, DEV_CLOCK_START: '2027-03-01T08:00:00+01:00' }),
        (err: unknown) => err instanceof ConfigError && /DEV_CLOCK_START is for local development only/.test(err.message),
      );
    });
  }
  test('must be a date-time with an offset', () => {
    assert.throws(() => loadConfig({ DEV_CLOCK_START: '1 mars' }), /DEV_CLOCK_START must be an ISO 8601 date-time/);
    assert.throws(() => loadConfig({ DEV_CLOCK_START: '2027-03-01T08:00:00' }), /DEV_CLOCK_START/);
  });
});

const handlers: BotHandlers = {
  async onMessage() {},
  async onCardAction() {
    return undefined as never;
  },
  async onInstall() {},
};

async function serve(config: BotConfig, clock: DevClock): Promise<{ bot: BotServer; url: string }> {
  const bot = createBotApp({ config, handlers, logger: silentLogger, devClock: clock });
  const { port } = await bot.start(0);
  return { bot, url: `http://127.0.0.1:${port}/dev/clock` };
}

const post = (url: string, body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('/dev/clock over HTTP', () => {
  let clock: DevClock;
  let server: { bot: BotServer; url: string };
  beforeAll(async () => {
    clock = createDevClock(new Date('2027-03-01T08:00:00+01:00'));
    server = await serve(loadConfig({ PORT: '0', NODE_ENV: 'test' }), clock);
  });
  afterAll(async () => {
    await server.bot.stop();
  });

  const near = (iso: string, expected: string) => Math.abs(new Date(iso).getTime() - new Date(expected).getTime()) < 60_000;

  test('GET tells the time of the clock', async () => {
    const res = await fetch(server.url);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { now: string; offsetMs: number };
    assert.ok(near(body.now, '2027-03-01T07:00:00Z'), body.now);
  });

  test('POST set, then advance by an ISO duration and by parts', async () => {
    let res = await post(server.url, JSON.stringify({ set: '2027-05-31T23:00:00+02:00' }));
    assert.equal(res.status, 200);
    assert.ok(near(((await res.json()) as { now: string }).now, '2027-05-31T21:00:00Z'));
    assert.ok(near(clock.now().toISOString(), '2027-05-31T21:00:00Z'));

    res = await post(server.url, JSON.stringify({ advance: 'P14D' }));
    assert.ok(near(((await res.json()) as { now: string }).now, '2027-06-14T21:00:00Z'));
    res = await post(server.url, JSON.stringify({ advance: { days: 1, hours: 3 } }));
    assert.ok(near(((await res.json()) as { now: string }).now, '2027-06-16T00:00:00Z'));
    assert.ok(near(clock.now().toISOString(), '2027-06-16T00:00:00Z'));
  });

  test('bad input is a 400 with a JSON error, and the clock stays', async () => {
    const before = clock.offsetMs;
    for (const body of ['not json', '{}', JSON.stringify({ advance: 'P1M' }), JSON.stringify({ set: 'i morgon' }), JSON.stringify({ advance: { days: -3 } })]) {
      const res = await post(server.url, body);
      assert.equal(res.status, 400, body);
      assert.match(res.headers.get('content-type') ?? '', /json/);
      const answer = (await res.json()) as { error: string };
      assert.equal(typeof answer.error, 'string');
    }
    const huge = await post(server.url, JSON.stringify({ set: 'x'.repeat(10_000) }));
    assert.equal(huge.status, 400);
    assert.equal(clock.offsetMs, before);
  });
});

describe('/dev/clock where it is refused', () => {
  const configs: Array<[string, Record<string, string>]> = [
    ['production', { NODE_ENV: 'production', BOT_ID: 'id', BOT_PASSWORD: 's', PORT: '0' }],
    ['a bot id', { BOT_ID: 'id', BOT_PASSWORD: 's', PORT: '0', NODE_ENV: 'test' }],
  ];
  for (const [name, env] of configs) {
    test(`does not exist with ${name}, even when a clock is handed over`, async () => {
      const clock = createDevClock();
      const server = await serve(loadConfig(env), clock);
      try {
        assert.equal((await fetch(server.url)).status, 404);
        assert.equal((await post(server.url, JSON.stringify({ advance: 'P14D' }))).status, 404);
        assert.equal(clock.offsetMs, 0);
      } finally {
        await server.bot.stop();
      }
    });
  }
});
