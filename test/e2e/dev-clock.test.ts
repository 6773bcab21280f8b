// A turn lives on the development clock: moving it over HTTP changes what the next card offers.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createDevClock } from '../../bot/dev-clock';
import { DEMO_PEOPLE } from '../../prisma/seed';
import { heading, newApplication } from './dialog-helpers';
import type { Harness } from './harness';
import { as, startWorld, type World } from './world';

const principal = DEMO_PEOPLE.find((p) => p.role === 'principal')!;

let world: World;
let harness: Harness;

beforeAll(async () => {
  world = await startWorld({ self: as(principal), clock: createDevClock(new Date('2027-03-01T10:00:00+01:00')) });
  harness = world.harness;
});

afterAll(() => world?.close());

async function firstStep(): Promise<string> {
  const card = await newApplication(harness);
  assert.match(heading(card), /^Steg 1 av 10/);
  // The term choices are input choices, which cardText leaves out.
  return JSON.stringify(card);
}

describe('development clock over HTTP', () => {
  test('the terms a new application offers follow the clock moved at /dev/clock', async () => {
    const before = await firstStep();
    assert.match(before, /Höstterminen 2027/);

    const res = await fetch(new URL('/dev/clock', harness.botUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance: 'P365D' }),
    });
    assert.equal(res.status, 200);
    assert.match(((await res.json()) as { now: string }).now, /^2028-02-29T/);

    const after = await firstStep();
    assert.match(after, /Höstterminen 2028/);
    assert.doesNotMatch(after, /Höstterminen 2027/);
  });
});
