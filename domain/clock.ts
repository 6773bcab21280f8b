// domain/clock.ts
// The one source of "now": injected everywhere so tests and the development demo can move time.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
