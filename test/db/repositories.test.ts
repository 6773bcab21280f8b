// Round trips through every repository except cases (cases.test.ts), on the demo seed.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ConflictError, NotFoundError, type Repositories } from '../../domain/ports';
import { noraProfile } from '../../domain/profile';
import { createRepositories } from '../../prisma/repositories';
import { isUniqueViolation } from '../../prisma/repositories/shared';
import { DEMO_PEOPLE, PLAYGROUND_TENANT_ID, seedDemo } from '../../prisma/seed';
import { ids, newDraft, seed, submission } from './fixtures';
import { openTestDatabase, type TestDatabase } from './helpers';

let db: TestDatabase;
let repos: Repositories;
const TENANT = 'tenant-test';
const MISSING = '00000000-0000-4000-8000-00000000dead';

describe('repositories', () => {
  beforeAll(async () => {
    db = await openTestDatabase();
    repos = createRepositories(db.prisma);
    await seed(db.prisma);
  });
  afterAll(() => db.close());

  describe('seed', () => {
    test('is idempotent and defaults to the Agents Playground tenant', async () => {
      const counts = async () => [await db.prisma.municipality.count(), await db.prisma.person.count(), await db.prisma.unit.count(), await db.prisma.roleAssignment.count()];
      const before = await counts();
      await seed(db.prisma);
      assert.deepEqual(await counts(), before);
      const saved = process.env.TEAMS_TENANT_ID;
      delete process.env.TEAMS_TENANT_ID;
      try {
        const result = await seedDemo(db.prisma);
        assert.equal(result.tenantId, PLAYGROUND_TENANT_ID);
        assert.equal((await repos.people.findByAad(PLAYGROUND_TENANT_ID, '00000000-0000-0000-0000-0000000000020'))?.displayName, 'Alex Wilber');
      } finally {
        if (saved !== undefined) process.env.TEAMS_TENANT_ID = saved;
        await seed(db.prisma);
      }
      assert.deepEqual(await counts(), before);
    });
  });

  describe('municipalities', () => {
    test('byTenant and get return the parsed profile', async () => {
      const m = await repos.municipalities.byTenant(TENANT);
      assert.equal(m?.id, ids.municipality);
      assert.deepEqual(m?.profile, noraProfile);
      assert.deepEqual(await repos.municipalities.get(ids.municipality), m);
      assert.equal(await repos.municipalities.byTenant('no-such-tenant'), null);
    });

    test('a profile broken in the database fails on read, not later', async () => {
      await db.prisma.municipality.create({ data: { id: 'broken', name: 'Trasig', tenantId: 'tenant-broken', profile: { id: 'broken' } } });
      await assert.rejects(repos.municipalities.get('broken'), /name|expected/i);
    });

    test('setElevhalsaChannel stores the channel and audits it; setProfile validates', async () => {
      const m = await repos.municipalities.setElevhalsaChannel(ids.municipality, { teamId: 'team-1', channelId: '19:elevhalsa@thread.tacv2' }, ids.people.admin);
      assert.deepEqual([m.elevhalsaTeamId, m.elevhalsaChannelId], ['team-1', '19:elevhalsa@thread.tacv2']);
      assert.equal((await repos.audit.list('municipality', ids.municipality)).at(-1)?.action, 'municipality.elevhalsa_channel_set');
      await assert.rejects(repos.municipalities.setElevhalsaChannel('nowhere', { teamId: 't', channelId: 'c' }), NotFoundError);

      const tuned = await repos.municipalities.setProfile(ids.municipality, { ...noraProfile, amount: { hourlyRate: 320, weeksPerYear: 40 } }, ids.people.admin);
      assert.equal(tuned.profile.amount.hourlyRate, 320);
      await assert.rejects(repos.municipalities.setProfile(ids.municipality, { ...noraProfile, amount: { hourlyRate: -1, weeksPerYear: 40 } }));
      assert.equal((await repos.municipalities.get(ids.municipality))?.profile.amount.hourlyRate, 320);
    });
  });

  describe('people and units', () => {
    test('findByAad returns roles and led units; unknown people are null', async () => {
      const principal = await repos.people.findByAad(TENANT, DEMO_PEOPLE[0]!.aadObjectId);
      assert.equal(principal?.id, ids.people.principal);
      assert.deepEqual(principal?.roles.map((r) => r.role), ['principal', 'principal']);
      assert.deepEqual([...principal!.ledUnitIds].sort(), [ids.units.jarnboas, ids.units.naktergalen].sort());
      const head = await repos.people.findByAad(TENANT, DEMO_PEOPLE[2]!.aadObjectId);
      assert.deepEqual(head?.roles, [{ role: 'head', unitId: null }]);
      assert.deepEqual(head?.ledUnitIds, []);
      assert.equal(await repos.people.findByAad(TENANT, 'someone-else'), null);
      assert.equal(await repos.people.findByAad('other-tenant', DEMO_PEOPLE[0]!.aadObjectId), null);
    });

    test('unitsLedBy, units.get and listForMunicipality', async () => {
      const led = await repos.people.unitsLedBy(ids.people.principal);
      assert.deepEqual(led.map((u) => [u.name, u.kind, u.huvudman]), [
        ['Friskolan Näktergalen', 'fristaende', 'Näktergalen AB'],
        ['Järnboåsskolan', 'kommunal', 'Nora kommun'],
      ]);
      assert.deepEqual((await repos.units.get(ids.units.jarnboas))?.schoolForms, ['forskoleklass', 'grundskola', 'fritidshem']);
      assert.equal(await repos.units.get(MISSING), null);
      assert.equal((await repos.units.listForMunicipality(ids.municipality)).length, 2);
      assert.deepEqual(await repos.people.unitsLedBy(ids.people.handler), []);
    });

    test('listByRole, upsert and idempotent grants', async () => {
      assert.deepEqual((await repos.people.listByRole(ids.municipality, 'handler')).map((p) => p.displayName), ['Megan Bowen']);
      const p = await repos.people.upsert({ municipalityId: ids.municipality, tenantId: TENANT, aadObjectId: 'aad-new', displayName: 'Ny Handläggare' });
      const same = await repos.people.upsert({ municipalityId: ids.municipality, tenantId: TENANT, aadObjectId: 'aad-new', displayName: 'Ny Handläggare 2', email: 'ny@nora.se' });
      assert.equal(same.id, p.id);
      assert.equal(same.email, 'ny@nora.se');
      await repos.people.grantRole(p.id, 'handler');
      await repos.people.grantRole(p.id, 'handler');
      assert.deepEqual((await repos.people.get(p.id))?.roles, [{ role: 'handler', unitId: null }]);
      assert.deepEqual((await repos.people.listByRole(ids.municipality, 'handler')).map((x) => x.displayName), ['Megan Bowen', 'Ny Handläggare 2']);
      await assert.rejects(repos.people.grantRole(p.id, 'principal'), /needs the unit/);
      await assert.rejects(repos.people.grantRole(p.id, 'head', ids.units.jarnboas), /whole municipality/);
      await repos.people.revokeRole(p.id, 'handler');
      assert.deepEqual((await repos.people.get(p.id))?.roles, []);
    });
  });

  describe('snapshots', () => {
    test('create, load, save with the right version, listOpen', async () => {
      const created = await repos.snapshots.create({ machine: 'application', personId: ids.people.principal, label: 'Utkast 1', snapshot: { value: 'pupil', context: { n: 1 } } });
      assert.equal(created.version, 1);
      const loaded = await repos.snapshots.load(created.id);
      assert.deepEqual([loaded?.snapshot, loaded?.status, loaded?.label], [{ value: 'pupil', context: { n: 1 } }, 'open', 'Utkast 1']);

      const v2 = await repos.snapshots.save(created.id, 1, { snapshot: { value: 'need', context: { n: 2 } }, label: 'Utkast: Elev J-7' });
      assert.equal(v2, 2);
      const after = await repos.snapshots.load(created.id);
      assert.deepEqual([after?.snapshot, after?.label, after?.version], [{ value: 'need', context: { n: 2 } }, 'Utkast: Elev J-7', 2]);
      assert.ok(after!.updatedAt >= loaded!.updatedAt);

      const open = await repos.snapshots.listOpen(ids.people.principal, 'application');
      assert.ok(open.some((s) => s.id === created.id));
      assert.ok(!('snapshot' in open[0]!), 'listing does not carry the bodies');
      assert.deepEqual(await repos.snapshots.listOpen(ids.people.principal, 'followup'), []);

      await repos.snapshots.save(created.id, 2, { snapshot: {}, status: 'discarded' });
      assert.ok(!(await repos.snapshots.listOpen(ids.people.principal, 'application')).some((s) => s.id === created.id));
    });

    test('a save based on a stale version throws ConflictError and changes nothing', async () => {
      const { id } = await repos.snapshots.create({ machine: 'application', personId: ids.people.principal, snapshot: { tab: 'first' } });
      await repos.snapshots.save(id, 1, { snapshot: { tab: 'first', step: 2 } });
      await assert.rejects(repos.snapshots.save(id, 1, { snapshot: { tab: 'second' } }), (e: unknown) => {
        assert.ok(e instanceof ConflictError);
        assert.deepEqual(e.details, { entity: 'snapshot', id, expectedVersion: 1, actualVersion: 2, reason: 'stale_version' });
        return true;
      });
      assert.deepEqual((await repos.snapshots.load(id))?.snapshot, { tab: 'first', step: 2 });
      await assert.rejects(repos.snapshots.save(MISSING, 1, { snapshot: {} }), NotFoundError);
    });

    test('of two concurrent saves from the same version exactly one wins', async () => {
      const { id } = await repos.snapshots.create({ machine: 'application', personId: ids.people.principal, snapshot: { n: 0 } });
      const outcomes = await Promise.allSettled([1, 2, 3, 4].map((n) => repos.snapshots.save(id, 1, { snapshot: { n } })));
      assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
      assert.ok(outcomes.filter((o) => o.status === 'rejected').every((o) => (o as PromiseRejectedResult).reason instanceof ConflictError));
      assert.equal((await repos.snapshots.load(id))?.version, 2);
    });

    test('case-bound snapshots are listed per case', async () => {
      const draft = await newDraft(repos);
      const { case: c } = await repos.cases.submitApplication(submission(draft.id));
      const { id } = await repos.snapshots.create({ machine: 'case', caseId: c.id, snapshot: { value: 'inReview' } });
      assert.deepEqual((await repos.snapshots.listOpenForCase(c.id, 'case')).map((s) => s.id), [id]);
    });
  });

  describe('attachments', () => {
    test('store computes sha256; listing carries no bytes; content returns them', async () => {
      const draft = await newDraft(repos);
      const bytes = new TextEncoder().encode('hej');
      const meta = await repos.attachments.store({ draftId: draft.id, name: 'kartläggning.pdf', contentType: 'application/pdf', bytes, uploadedById: ids.people.principal });
      assert.equal(meta.sha256, createHash('sha256').update('hej').digest('hex'));
      assert.deepEqual([meta.size, meta.kind, meta.draftId, meta.caseId], [3, null, draft.id, null]);
      const listed = await repos.attachments.listForDraft(draft.id);
      assert.deepEqual(listed, [meta]);
      assert.ok(!('bytes' in listed[0]!));
      assert.deepEqual(await repos.attachments.content(meta.id), bytes);
      assert.equal(await repos.attachments.content(MISSING), null);

      const kinded = await repos.attachments.setKind(meta.id, 'kartlaggning');
      assert.equal(kinded.kind, 'kartlaggning');
      await assert.rejects(repos.attachments.setKind(MISSING, 'annat'), NotFoundError);
      await assert.rejects(repos.attachments.store({ draftId: MISSING, name: 'x', contentType: 'text/plain', bytes, uploadedById: ids.people.principal }), NotFoundError);
    });

    test('moveToCase moves a draft\'s attachments; removeFromDraft only touches that draft', async () => {
      const draft = await newDraft(repos);
      const other = await newDraft(repos);
      const a = await repos.attachments.store({ draftId: draft.id, name: 'a.pdf', contentType: 'application/pdf', bytes: new Uint8Array([1]), uploadedById: ids.people.principal });
      const b = await repos.attachments.store({ draftId: draft.id, name: 'b.pdf', contentType: 'application/pdf', bytes: new Uint8Array([2]), uploadedById: ids.people.principal });
      assert.equal(await repos.attachments.removeFromDraft(b.id, other.id), false);
      assert.equal(await repos.attachments.removeFromDraft(b.id, draft.id), true);
      const target = await newDraft(repos);
      const { case: c } = await repos.cases.submitApplication(submission(target.id));
      assert.equal(await repos.attachments.moveToCase(draft.id, c.id), 1);
      assert.deepEqual((await repos.attachments.listForCase(c.id)).map((x) => x.id), [a.id]);
      assert.deepEqual(await repos.attachments.listForDraft(draft.id), []);
    });
  });

  describe('conversations', () => {
    test('upsertPersonal keeps one reference per person, updated in place', async () => {
      const first = await repos.conversations.upsertPersonal({ personId: ids.people.principal, tenantId: TENANT, conversationId: 'a:1', serviceUrl: 'https://smba.example/', reference: { conversation: { id: 'a:1' } } });
      const second = await repos.conversations.upsertPersonal({ personId: ids.people.principal, tenantId: TENANT, conversationId: 'a:2', serviceUrl: 'https://smba2.example/', reference: { conversation: { id: 'a:2' } } });
      assert.equal(second.id, first.id);
      const stored = await repos.conversations.getPersonal(ids.people.principal);
      assert.deepEqual([stored?.conversationId, stored?.serviceUrl, stored?.reference, stored?.kind], ['a:2', 'https://smba2.example/', { conversation: { id: 'a:2' } }, 'personal']);
      assert.equal(await repos.conversations.getPersonal(ids.people.head), null);
    });

    test('getChannel finds the Elevhälsa channel by municipality or by team', async () => {
      await repos.municipalities.setElevhalsaChannel(ids.municipality, { teamId: 'team-eh', channelId: '19:eh@thread.tacv2' });
      await repos.conversations.upsertChannel({ tenantId: TENANT, teamId: 'team-eh', channelId: '19:other@thread.tacv2', conversationId: '19:other@thread.tacv2', serviceUrl: 'https://smba.example/', reference: { n: 0 } });
      const channel = await repos.conversations.upsertChannel({ tenantId: TENANT, teamId: 'team-eh', channelId: '19:eh@thread.tacv2', conversationId: '19:eh@thread.tacv2', serviceUrl: 'https://smba.example/', reference: { n: 1 } });
      assert.equal((await repos.conversations.getChannel({ municipalityId: ids.municipality }))?.id, channel.id);
      assert.equal((await repos.conversations.getChannel({ teamId: 'team-eh', channelId: '19:eh@thread.tacv2' }))?.id, channel.id);
      assert.equal(await repos.conversations.getChannel({ teamId: 'no-team' }), null);
      assert.equal(await repos.conversations.getChannel({ municipalityId: 'nowhere' }), null);
    });
  });

  describe('decisions and follow-ups', () => {
    test('a decision closes the case once; delivery is tracked', async () => {
      const draft = await newDraft(repos);
      const { case: c } = await repos.cases.submitApplication(submission(draft.id));
      const d = await repos.decisions.record({ caseId: c.id, outcome: 'partly_approved', amountPerMonth: 4133.5, from: '2027-07-01', to: '2027-12-31', reason: 'Assistent beviljas, specialpedagog avslås.', approvedMeasureIds: ['m1'], text: 'Beslut…', decidedById: ids.people.head, appealDeadline: '2027-06-21' });
      assert.deepEqual(
        [d.outcome, d.amountPerMonth, d.from, d.to, d.approvedMeasureIds, d.significantDifficulties, d.deliveryStatus, d.notifiedAt, d.appealDeadline],
        ['partly_approved', 4133.5, '2027-07-01', '2027-12-31', ['m1'], false, 'pending', null, '2027-06-21'],
      );
      // The case's status is the case machine's to name (written by the use case), not the
      // decision repository's.
      assert.equal((await repos.cases.get(c.id))?.status, 'submitted');
      await assert.rejects(repos.decisions.record({ caseId: c.id, outcome: 'rejected', text: 'Nej', decidedById: ids.people.head }), ConflictError);
      await assert.rejects(repos.decisions.record({ caseId: MISSING, outcome: 'rejected', text: 'Nej', decidedById: ids.people.head }), NotFoundError);

      const at = new Date('2027-06-01T10:00:00Z');
      const delivered = await repos.decisions.markDelivery(d.id, 'delivered', at);
      assert.deepEqual([delivered.deliveryStatus, delivered.notifiedAt?.toISOString()], ['delivered', at.toISOString()]);
      assert.deepEqual((await repos.decisions.forCase(c.id)).map((x) => x.id), [d.id]);
      assert.ok((await repos.audit.list('case', c.id)).some((e) => e.action === 'case.decided' && e.details.outcome === 'partly_approved'));
    });

    test('a follow-up is stored once per case and term', async () => {
      const draft = await newDraft(repos);
      const { case: c } = await repos.cases.submitApplication(submission(draft.id));
      const input = { caseId: c.id, term: 'HT2027', results: 'Färre konflikter på rasterna.', continuedNeed: true, ratings: { social: { current: 2, desired: 1 } }, submittedById: ids.people.principal };
      const first = await repos.followUps.submit(input);
      const again = await repos.followUps.submit({ ...input, results: 'Annat' });
      assert.deepEqual([first.created, again.created, again.followUp.id, again.followUp.results], [true, false, first.followUp.id, 'Färre konflikter på rasterna.']);
      assert.deepEqual((await repos.followUps.get(c.id, 'HT2027'))?.ratings, { social: { current: 2, desired: 1 } });
      assert.equal(await repos.followUps.get(c.id, 'VT2028'), null);
      assert.equal((await repos.followUps.forCase(c.id)).length, 1);
      assert.equal((await repos.audit.list('case', c.id)).filter((e) => e.action === 'followup.submitted').length, 1);
    });
  });

  describe('transactions', () => {
    test('work in Repositories.transaction commits or rolls back together', async () => {
      const before = await db.prisma.machineSnapshot.count();
      await assert.rejects(
        repos.transaction(async (tx) => {
          await tx.snapshots.create({ machine: 'application', personId: ids.people.principal, snapshot: { a: 1 } });
          await tx.audit.append({ action: 'draft.created', subjectType: 'test', subjectId: 'tx' });
          throw new Error('stop');
        }),
        /stop/,
      );
      assert.equal(await db.prisma.machineSnapshot.count(), before);
      assert.deepEqual(await repos.audit.list('test', 'tx'), []);
      const id = await repos.transaction(async (tx) => (await tx.snapshots.create({ machine: 'application', snapshot: { b: 1 } })).id);
      assert.ok(await repos.snapshots.load(id));
    });

    test('unique violations from the driver are recognised', async () => {
      const err = await db.prisma.municipality.create({ data: { id: 'dup', name: 'x', tenantId: TENANT, profile: {} } }).catch((e: unknown) => e);
      assert.equal(isUniqueViolation(err), true);
      assert.equal(isUniqueViolation(new Error('x')), false);
    });
  });
});
