// A turn lives on the development clock: moving it over HTTP changes what the next card offers.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createDevClock, type DevClock } from '../../bot/dev-clock';
import { createHandlers } from '../../bot/handlers';
import { createLogger } from '../../bot/log';
import { createRepositories } from '../../prisma/repositories';
import { DEMO_PEOPLE, PLAYGROUND_TENANT_ID, seedDemo } from '../../prisma/seed';
import { openTestDatabase, type TestDatabase } from '../db/helpers';
import { heading, newApplication } from './dialog-helpers';
import { startHarness, type Harness } from './harness';

const principal = DEMO_PEOPLE.find((p) => p.role === 'principal')!;
const asPrincipal = { id: '29:alex', aadObjectId: principal.aadObjectId, name: principal.displayName, tenantId: PLAYGROUND_TENANT_ID };

let db: TestDatabase;
let harness: Harness;
let clock: DevClock;

beforeAll(async () => {
  db = await openTestDatabase();
  await seedDemo(db.prisma, { tenantId: PLAYGROUND_TENANT_ID });
  clock = createDevClock(new Date('2027-03-01T10:00:00+01:00'));
  const handlers = createHandlers({ repos: createRepositories(db.prisma), logger: createLogger({ level: 'error', write: () => {} }), clock });
  harness = await startHarness({ handlers, user: asPrincipal, devClock: clock });
});

afterAll(async () => {
  await harness?.close();
  await db?.close();
});

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
