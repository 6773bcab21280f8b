// The development clock: real time plus an offset, so time keeps flowing while a demo or a
// black-box test jumps to the day before a deadline or a fortnight ahead. Only local development
// has one (config.devClockAllowed); production and any run with a bot id use the system clock,
// and their server has no /dev/clock route.
import { z } from 'zod';
import { systemClock, type Clock } from '../domain/clock';
import type { Logger } from './log';

export interface DevClock extends Clock {
  /** From now on, `now()` starts at `at` and runs on with real time. */
  set(at: Date): void;
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** How far the clock is from real time, in milliseconds. */
  readonly offsetMs: number;
}

export function createDevClock(start?: Date, real: Clock = systemClock): DevClock {
  let offsetMs = start ? start.getTime() - real.now().getTime() : 0;
  return {
    now: () => new Date(real.now().getTime() + offsetMs),
    set(at) {
      offsetMs = at.getTime() - real.now().getTime();
    },
    advance(ms) {
      offsetMs += ms;
    },
    get offsetMs() {
      return offsetMs;
    },
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Weeks, days, hours, minutes and seconds only: months and years have no fixed length, so a
// "P1M" would mean different things on different days.
const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const ZIsoDuration = z
  .string()
  .regex(ISO_DURATION, 'advance must be an ISO 8601 duration in weeks, days, hours, minutes and seconds, such as "P14D" or "PT2H"')
  .refine((s) => s !== 'P' && !s.endsWith('T'), 'advance must name at least one amount, such as "P14D"')
  .transform((s) => {
    const [, w, d, h, m, sec] = ISO_DURATION.exec(s)!;
    const n = (v: string | undefined) => (v ? Number(v) : 0);
    return n(w) * 7 * DAY + n(d) * DAY + n(h) * HOUR + n(m) * MINUTE + Math.round(n(sec) * 1000);
  });

const amount = z.number().nonnegative().finite().optional();
const ZDurationParts = z
  .strictObject({ weeks: amount, days: amount, hours: amount, minutes: amount, seconds: amount })
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'advance must name at least one of weeks, days, hours, minutes, seconds')
  .transform((p) => Math.round((p.weeks ?? 0) * 7 * DAY + (p.days ?? 0) * DAY + (p.hours ?? 0) * HOUR + (p.minutes ?? 0) * MINUTE + (p.seconds ?? 0) * 1000));

/** The body of POST /dev/clock: either a new time or a step forward. */
export const ZDevClockRequest = z.union([
  z.strictObject({ set: z.iso.datetime({ offset: true }).transform((s) => new Date(s)) }),
  z.strictObject({ advance: z.union([ZIsoDuration, ZDurationParts]) }),
]);
export type TDevClockRequest = z.infer<typeof ZDevClockRequest>;

export const DEV_CLOCK_PATH = '/dev/clock';
const MAX_BODY_BYTES = 4096;

type Req = AsyncIterable<Buffer | string> & { headers: Record<string, string | string[] | undefined> };
type Res = { status(code: number): { json(body: unknown): void } };
type Router = {
  get(path: string, handler: (req: Req, res: Res) => void): unknown;
  post(path: string, handler: (req: Req, res: Res) => void): unknown;
};

const clockBody = (clock: DevClock) => ({ now: clock.now().toISOString(), offsetMs: clock.offsetMs });

async function readJson(req: Req): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > MAX_BODY_BYTES) return { ok: false, error: 'body too large' };
    chunks.push(buf);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, error: 'body must be JSON: {"set": "<ISO date-time>"} or {"advance": "P14D" | {"days": 14}}' };
  }
}

/**
 * GET /dev/clock tells the time; POST /dev/clock `{ "set": "<ISO>" }` or `{ "advance": "P14D" }`
 * (or `{ "advance": { "days": 14 } }`) moves it. The caller registers these only where the dev
 * clock is allowed; everywhere else the path does not exist.
 */
export function registerDevClockRoutes(router: Router, clock: DevClock, log: Logger): void {
  router.get(DEV_CLOCK_PATH, (_req, res) => res.status(200).json(clockBody(clock)));
  router.post(DEV_CLOCK_PATH, (req, res) => {
    void (async () => {
      const body = await readJson(req);
      if (!body.ok) return res.status(400).json({ error: body.error });
      const parsed = ZDevClockRequest.safeParse(body.value);
      if (!parsed.success) {
        return res.status(400).json({
          error: 'expected {"set": "<ISO date-time with offset>"} or {"advance": "P14D" | {"days": 14}}',
          issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      if ('set' in parsed.data) clock.set(parsed.data.set);
      else clock.advance(parsed.data.advance);
      log.info('development clock moved', clockBody(clock));
      res.status(200).json(clockBody(clock));
    })().catch((error: unknown) => {
      log.error('development clock request failed', { error });
      res.status(500).json({ error: 'internal error' });
    });
  });
}
