// Elevhälsan's records: one channel card per case, completion requests and decision delivery.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Repositories } from '../../domain/ports';
import { createRepositories } from '../../prisma/repositories';
import { ids, newDraft, seed, submission } from './fixtures';
import { openTestDatabase, type TestDatabase } from './helpers';

let db: TestDatabase;
let repos: Repositories;

async function newCase(): Promise<string> {
  const draft = await newDraft(repos);
  return (await repos.cases.submitApplication(submission(draft.id))).case.id;
}

describe('elevhälsa records', () => {
  beforeAll(async () => {
    db = await openTestDatabase();
    repos = createRepositories(db.prisma);
    await seed(db.prisma);
  });
  afterAll(() => db.close());

  test('a case gets one channel post; a second record keeps the first', async () => {
    const caseId = await newCase();
    assert.equal(await repos.channelPosts.get(caseId), null);
    const first = await repos.channelPosts.record({ caseId, conversationId: 'c1', activityId: 'a1' });
    assert.equal(first.created, true);
    const second = await repos.channelPosts.record({ caseId, conversationId: 'c1', activityId: 'a2' });
    assert.equal(second.created, false);
    assert.equal(second.post.activityId, 'a1');
    const racing = await Promise.all([1, 2, 3].map(async (n) => repos.channelPosts.record({ caseId: await newCase(), conversationId: 'c', activityId: `r${n}` })));
    assert.ok(racing.every((r) => r.created), 'each case records its own post');
  });

  test('the sweep finds cases without a card, oldest first', async () => {
    const draft = await newDraft(repos);
    const input = submission(draft.id);
    const { case: kase } = await repos.cases.submitApplication(input);
    const caseId = kase.id;
    // The case is dated by the injected clock (the submission's now), not the database's.
    assert.equal(kase.createdAt.toISOString(), input.now!.toISOString());
    const later = new Date(input.now!.getTime() + 60_000);
    const missing = await repos.channelPosts.casesWithoutPost(later, 100);
    assert.ok(missing.includes(caseId), 'a case without a card is found');
    assert.deepEqual(await repos.channelPosts.casesWithoutPost(new Date(0), 100), []);
    await repos.channelPosts.record({ caseId, conversationId: 'c', activityId: 'x' });
    assert.ok(!(await repos.channelPosts.casesWithoutPost(later, 100)).includes(caseId), 'a posted case is not swept again');
  });

  test('completion requests: open until answered by a version, delivery recorded', async () => {
    const caseId = await newCase();
    const request = await repos.completions.create({ caseId, message: 'Bifoga läkarintyget.', step: 'attachments', requestedById: ids.people.handler });
    assert.equal((await repos.completions.open(caseId))?.id, request.id);
    await repos.completions.markDelivery(request.id, 'delivered');
    assert.equal((await repos.completions.get(request.id))?.deliveryStatus, 'delivered');
    await repos.completions.answer(caseId, 2);
    assert.equal(await repos.completions.open(caseId), null);
    const [answered] = await repos.completions.forCase(caseId);
    assert.equal(answered?.answeredVersion, 2);
    await assert.rejects(repos.completions.markDelivery('00000000-0000-4000-8000-00000000dead', 'failed'));
  });

  test('the delivery sweep finds undelivered decisions and completion requests, never failed ones', async () => {
    const later = new Date(Date.now() + 60_000);
    const pendingCase = await newCase();
    const failedCase = await newCase();
    const pending = await repos.decisions.record({ caseId: pendingCase, outcome: 'rejected', reason: 'Skäl', text: 'Beslut', decidedById: ids.people.head });
    const failed = await repos.decisions.record({ caseId: failedCase, outcome: 'rejected', reason: 'Skäl', text: 'Beslut', decidedById: ids.people.head });
    await repos.decisions.markDelivery(failed.id, 'failed');
    const undelivered = await repos.decisions.listUndelivered(later, 100);
    assert.ok(undelivered.includes(pending.id), 'a pending decision is swept');
    assert.ok(!undelivered.includes(failed.id), 'a failed delivery waits for Elevhälsan, not the sweep');
    assert.deepEqual(await repos.decisions.listUndelivered(new Date(0), 100), []);

    const requestCase = await newCase();
    const request = await repos.completions.create({ caseId: requestCase, message: 'Mer underlag.', step: 'need', requestedById: ids.people.handler });
    assert.ok((await repos.completions.listUndelivered(later, 100)).includes(request.id), 'an undelivered request is swept');
    await repos.completions.answer(requestCase, 2);
    assert.ok(!(await repos.completions.listUndelivered(later, 100)).includes(request.id), 'an answered request is not sent again');
  });

  test('decision delivery records the notification time and the appeal deadline', async () => {
    const caseId = await newCase();
    const decision = await repos.decisions.record({ caseId, outcome: 'rejected', reason: 'Ordinära insatser.', text: 'Beslut', decidedById: ids.people.head });
    const at = new Date('2027-04-01T08:00:00Z');
    const delivered = await repos.decisions.markDelivery(decision.id, 'delivered', at, '2027-04-22');
    assert.equal(delivered.notifiedAt?.toISOString(), at.toISOString());
    assert.equal(delivered.appealDeadline, '2027-04-22');
    assert.equal((await repos.decisions.get(decision.id))?.deliveryStatus, 'delivered');
    assert.equal(await repos.decisions.get('00000000-0000-4000-8000-00000000dead'), null);
  });
});

describe('repository transactions', () => {
  let db2: TestDatabase;
  beforeAll(async () => {
    db2 = await openTestDatabase();
    await seed(db2.prisma);
  });
  afterAll(() => db2.close());

  test('work inside repos.transaction joins it, and the client stays usable after', async () => {
    const r = createRepositories(db2.prisma);
    const draft = await newDraft(r);
    const { case: kase } = await r.cases.submitApplication(submission(draft.id));
    // addVersion opens its own transaction when called alone; inside one it must join it.
    await r.transaction(async (tx) => {
      await tx.cases.addVersion(kase.id, { v: 2 }, ids.people.principal);
      await tx.completions.answer(kase.id, 2);
    });
    await assert.rejects(
      r.transaction(async (tx) => {
        await tx.cases.addVersion(kase.id, { v: 3 }, ids.people.principal);
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    assert.deepEqual((await r.cases.versions(kase.id)).map((v) => v.version), [1, 2]);
    const decision = await r.decisions.record({ caseId: kase.id, outcome: 'rejected', reason: 'Skäl', text: 'Beslut', decidedById: ids.people.head });
    assert.equal(decision.outcome, 'rejected');
  });
});
