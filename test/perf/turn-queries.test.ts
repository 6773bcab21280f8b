// How many round trips a turn costs, pinned so it cannot creep back: who is acting is one
// query, a dialog step is three (acting, load, versioned save), and the conversation reference
// is written only when the chat moved.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHandlers } from '../../bot/handlers';
import { createLogger } from '../../bot/log';
import { createRepositories } from '../../prisma/repositories';
import { DEMO_IDS, DEMO_PEOPLE, PLAYGROUND_TENANT_ID, seedDemo } from '../../prisma/seed';
import { FIXTURE_TODAY, validApplication } from '../domain/fixtures';
import { openTestDatabase, type TestDatabase } from '../db/helpers';
import { startHarness, type Harness } from '../e2e/harness';
import { cardText, heading, lastPostedCard, press, startFileHost, stepInputs, walkToSummary, type Card } from '../e2e/dialog-helpers';
import { countQueries, type QueryCounter } from './query-counter';

const principal = DEMO_PEOPLE.find((p) => p.role === 'principal')!;
const asPrincipal = { id: '29:alex', aadObjectId: principal.aadObjectId, name: principal.displayName, tenantId: PLAYGROUND_TENANT_ID };

let db: TestDatabase;
let harness: Harness;
let counter: QueryCounter;
let files: Awaited<ReturnType<typeof startFileHost>>;
const logger = createLogger({ level: 'error', write: () => {} });

beforeAll(async () => {
  db = await openTestDatabase();
  await seedDemo(db.prisma, { tenantId: PLAYGROUND_TENANT_ID });
  counter = countQueries(db.pool);
  harness = await startHarness({ handlers: createHandlers({ repos: createRepositories(db.prisma), logger, clock: { now: () => FIXTURE_TODAY } }), user: asPrincipal });
  files = await startFileHost({ 'atgardsprogram.pdf': new TextEncoder().encode('%PDF-1.4 a'), 'psykologutlatande.pdf': new TextEncoder().encode('%PDF-1.4 b') });
});

afterAll(async () => {
  await harness?.close();
  await files?.close();
  await db?.close();
});

async function counted<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  counter.reset();
  const result = await work();
  return { result, statements: [...counter.statements] };
}

function application() {
  const app = validApplication();
  app.unit = { id: DEMO_IDS.units.jarnboas };
  return app;
}

describe('round trips per turn', () => {
  let first: Card;

  test('the first turn in a chat stores the reference; the next ones only read who is acting', async () => {
    const opening = await counted(() => harness.sendMessage('hjälp'));
    assert.ok(opening.statements.some((s) => /conversation_references/.test(s) && /INSERT|UPDATE/i.test(s)), opening.statements.join('\n'));
    const again = await counted(() => harness.sendMessage('hjälp'));
    const identity = /"(people|role_assignments|municipalities|units|conversation_references)"/;
    assert.match(again.statements[0]!, /FROM "people" p/);
    assert.deepEqual(again.statements.slice(1).filter((s) => identity.test(s)), [], again.statements.join('\n'));
  });

  test('a step turn takes at most 3 round trips', async () => {
    await harness.sendMessage('Ny ansökan');
    first = lastPostedCard(harness, harness.conversation.id);
    assert.match(heading(first), /^Steg 1 av 10/);
    const step = await counted(() => press(harness, first, 'step.next', stepInputs(first, application(), 'unitTerm')));
    assert.match(heading(step.result), /^Steg 2 av 10/);
    assert.ok(step.statements.length <= 3, `${step.statements.length} statements:\n${step.statements.join('\n')}`);
    const back = await counted(() => press(harness, step.result, 'step.back'));
    assert.ok(back.statements.length <= 3, `${back.statements.length} statements:\n${back.statements.join('\n')}`);
  });

  test('a submit reads nothing back only to render its receipt', async () => {
    const summary = await walkToSummary(harness, files, first, application());
    const submit = await counted(() => press(harness, summary, 'app.submit', { 'signature.confirmed': 'true' }));
    assert.match(heading(submit.result), /inskickad/);
    assert.match(cardText(submit.result), /TB-\d{4}-\d{4}/);
    const all = submit.statements.join('\n');
    // Acting, the draft (read once: the block at submit reads it for the child and the runner
    // goes on with it), the child's overdue follow-ups, then one transaction of 11 (BEGIN, lock,
    // idempotency check, counter, case, version, assessment, draft, attachments, audit, COMMIT);
    // nothing after it.
    assert.equal(submit.statements.length, 14, all);
    assert.equal(submit.statements.filter((s) => /^SELECT .* FROM "(public"\.")?machine_snapshots"/.test(s) && !/FOR UPDATE/.test(s)).length, 1, all);
    assert.equal(submit.statements.at(-1), 'COMMIT', all);
    assert.ok(!submit.statements.some((s) => /"municipalities"/.test(s) && !/FROM "people" p/.test(s)), all);
  });
});
