// What a new user tripped on (issue 10), end to end over HTTP: the greeting and `hjälp` by role,
// what is typed on a card and followed by a page-wide button, the principal's own case list, a
// second "ny ansökan", and the few free questions principals ask.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHandlers } from '../../bot/handlers';
import { createLogger } from '../../bot/log';
import { createRepositories } from '../../prisma/repositories';
import { DEMO_IDS, DEMO_PEOPLE, PLAYGROUND_TENANT_ID, seedDemo } from '../../prisma/seed';
import type { TApplicationDraft } from '../../domain/schemas';
import type { Repositories } from '../../domain/ports';
import { validateCard } from '../cards/validate';
import { FIXTURE_TODAY, validApplication } from '../domain/fixtures';
import { openTestDatabase, type TestDatabase } from '../db/helpers';
import { startHarness, type Harness, type SendOptions } from './harness';
import { action, actionsOf, cardText, heading, inputIds, lastPostedCard, press, startFileHost, stepInputs, type Card } from './dialog-helpers';

const person = (role: string) => DEMO_PEOPLE.find((p) => p.role === role)!;
const principal = person('principal');
const as = (who: (typeof DEMO_PEOPLE)[number]): SendOptions => ({
  from: { id: `29:${who.role}`, aadObjectId: who.aadObjectId, name: who.displayName, tenantId: PLAYGROUND_TENANT_ID },
  conversation: { id: `a:personal-${who.role}`, conversationType: 'personal', tenantId: PLAYGROUND_TENANT_ID },
});
const stranger: SendOptions = {
  from: { id: '29:stranger', aadObjectId: '00000000-0000-0000-0000-0000000000099', name: 'Okänd Person', tenantId: PLAYGROUND_TENANT_ID },
  conversation: { id: 'a:personal-stranger', conversationType: 'personal', tenantId: PLAYGROUND_TENANT_ID },
};

const FILES = { 'atgardsprogram.pdf': new TextEncoder().encode('%PDF-1.4 åtgärdsprogram') };

let db: TestDatabase;
let repos: Repositories;
let harness: Harness;
let files: Awaited<ReturnType<typeof startFileHost>>;

beforeAll(async () => {
  db = await openTestDatabase();
  repos = createRepositories(db.prisma);
  await seedDemo(db.prisma, { tenantId: PLAYGROUND_TENANT_ID });
  const logger = createLogger({ level: 'error', write: () => {} });
  const self = as(principal);
  harness = await startHarness({
    handlers: createHandlers({ repos, logger, clock: { now: () => FIXTURE_TODAY } }),
    user: self.from!,
    conversation: self.conversation!,
  });
  files = await startFileHost(FILES);
});

afterAll(async () => {
  await harness?.close();
  await files?.close();
  await db?.close();
});

async function say(text: string, who: SendOptions = as(principal)): Promise<Card> {
  await harness.sendMessage(text, who);
  const card = lastPostedCard(harness);
  assert.deepEqual(validateCard(card), [], `the card for "${text}" is valid`);
  return card;
}

function application(): TApplicationDraft {
  const app = validApplication();
  app.unit = { id: DEMO_IDS.units.jarnboas };
  return app;
}

describe('the greeting and hjälp depend on who writes', () => {
  test('the head of Elevhälsan gets her own work: the queue, the channel, deciding', async () => {
    const card = await say('hjälp', as(person('head')));
    const text = cardText(card);
    assert.match(text, /^Hej Adele Vance!/);
    assert.doesNotMatch(text, /Bara rektorer|^ny ansökan:/m);
    assert.match(text, /chef för Elevhälsan/);
    assert.match(text, /ärenden/);
    assert.match(text, /Elevhälsans kanal/);
    assert.match(text, /Du fattar beslutet/);
    assert.deepEqual(actionsOf(card).map((a) => a.verb), ['cases.queue']);
  });

  test('a handler learns that the head decides', async () => {
    const text = cardText(await say('hjälp', as(person('handler'))));
    assert.match(text, /handläggare på Elevhälsan/);
    assert.match(text, /fattas av chefen för Elevhälsan/);
    assert.doesNotMatch(text, /Bara rektorer/);
  });

  test('an admin gets the queue and how to choose the channel', async () => {
    const card = await say('hjälp', as(person('admin')));
    const text = cardText(card);
    assert.match(text, /administratör/);
    assert.match(text, /använd den här kanalen/);
    assert.match(text, /@Tilläggsbot/);
    assert.deepEqual(actionsOf(card).map((a) => a.verb), ['cases.queue']);
  });

  test('a principal gets the application commands', async () => {
    const card = await say('hjälp');
    assert.match(cardText(card), /ny ansökan/);
    assert.ok(actionsOf(card).some((a) => a.verb === 'app.new'));
  });

  test('someone unknown is told how to get in, as a principal or as Elevhälsan', async () => {
    const text = cardText(await say('hjälp', stranger));
    assert.match(text, /inte registrerad/);
    assert.match(text, /rektor eller förskolechef/);
    assert.match(text, /Arbetar du på Elevhälsan/);
  });

  test('staff asking for a new application are pointed to the queue, not told to contact Elevhälsan', async () => {
    const card = await say('ny ansökan', as(person('handler')));
    assert.doesNotMatch(cardText(card), /Kontakta Elevhälsan/);
    assert.ok(actionsOf(card).some((a) => a.verb === 'cases.queue'));
  });
});
