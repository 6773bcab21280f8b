// Cases: submitting is atomic and idempotent, case numbers count per municipality and year,
// versions and statuses change only in order.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { ConflictError, NotFoundError, type Repositories } from '../../domain/ports';
import { createRepositories } from '../../prisma/repositories';
import { addMunicipality, ids, newDraft, sampleApplication, seed, submission } from './fixtures';
import { openTestDatabase, type TestDatabase } from './helpers';

let db: TestDatabase;
let repos: Repositories;

const isConflict = (reason: string) => (e: unknown) => e instanceof ConflictError && e.details.reason === reason;

describe('cases', () => {
  beforeAll(async () => {
    db = await openTestDatabase();
    repos = createRepositories(db.prisma);
    await seed(db.prisma);
  });
  afterAll(() => db.close());

  describe('submitApplication', () => {
    test('writes case, version 1, assessment, submitted draft, moved attachments and audit in one go', async () => {
      const draft = await newDraft(repos);
      const file = await repos.attachments.store({ draftId: draft.id, name: 'ap.pdf', contentType: 'application/pdf', bytes: new Uint8Array([9, 9]), uploadedById: ids.people.principal, kind: 'atgardsprogram' });

      const { case: c, created } = await repos.cases.submitApplication(submission(draft.id, { late: true }));

      assert.equal(created, true);
      assert.match(c.caseNumber, /^TB-2027-\d{4}$/);
      assert.deepEqual(
        { status: c.status, late: c.late, term: c.term, unitId: c.unitId, principalId: c.principalId, pupilRef: c.pupilRef, sourceDraftId: c.sourceDraftId },
        { status: 'submitted', late: true, term: 'HT2027', unitId: ids.units.jarnboas, principalId: ids.people.principal, pupilRef: 'Elev J-7', sourceDraftId: draft.id },
      );
      const versions = await repos.cases.versions(c.id);
      assert.deepEqual(versions.map((v) => [v.version, v.data, v.submittedById]), [[1, sampleApplication, ids.people.principal]]);
      const [assessment] = await repos.cases.assessments(c.id);
      assert.deepEqual(
        { kind: assessment!.kind, versionId: assessment!.applicationVersionId, hours: [assessment!.hoursCurrent, assessment!.hoursDesired], amount: assessment!.amountPerMonth, ratings: assessment!.ratings },
        { kind: 'application', versionId: versions[0]!.id, hours: [8, 3], amount: 8267, ratings: { physical: { current: 3, desired: 2 } } },
      );
      const stored = await repos.snapshots.load(draft.id);
      assert.deepEqual({ status: stored!.status, caseId: stored!.caseId, version: stored!.version }, { status: 'submitted', caseId: c.id, version: 2 });
      assert.deepEqual(await repos.attachments.listForDraft(draft.id), []);
      assert.deepEqual((await repos.attachments.listForCase(c.id)).map((a) => a.id), [file.id]);
      const trail = await repos.audit.list('case', c.id);
      assert.deepEqual(trail.map((e) => [e.action, e.actorId, e.municipalityId]), [['case.submitted', ids.people.principal, ids.municipality]]);
      assert.deepEqual(trail[0]!.details, { caseNumber: c.caseNumber, term: 'HT2027', late: true, sourceDraftId: draft.id, signedById: ids.people.principal });
    });

    test('a repeated submit of the same draft returns the same case, created=false', async () => {
      const draft = await newDraft(repos);
      const first = await repos.cases.submitApplication(submission(draft.id));
      const again = await repos.cases.submitApplication(submission(draft.id, { draftExpectedVersion: 1 }));
      assert.equal(again.created, false);
      assert.deepEqual(again.case, first.case);
      assert.equal((await repos.cases.versions(first.case.id)).length, 1);
    });

    test('concurrent submits of one draft create exactly one case', async () => {
      const draft = await newDraft(repos);
      const results = await Promise.all(Array.from({ length: 6 }, () => repos.cases.submitApplication(submission(draft.id))));
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal(new Set(results.map((r) => r.case.id)).size, 1);
      const count = await db.prisma.case.count({ where: { sourceDraftId: draft.id } });
      assert.equal(count, 1);
      const audits = await repos.audit.list('case', results[0]!.case.id);
      assert.equal(audits.filter((e) => e.action === 'case.submitted').length, 1);
    });

    test('a draft changed since the principal reviewed it is refused, and nothing is written', async () => {
      const draft = await newDraft(repos);
      await repos.snapshots.save(draft.id, 1, { snapshot: { changed: true } });
      const casesBefore = await db.prisma.case.count();
      await assert.rejects(repos.cases.submitApplication(submission(draft.id, { draftExpectedVersion: 1 })), isConflict('stale_version'));
      assert.equal(await db.prisma.case.count(), casesBefore);
      assert.equal((await repos.snapshots.load(draft.id))!.status, 'open');
    });

    test('a discarded draft cannot be submitted', async () => {
      const draft = await newDraft(repos);
      await repos.snapshots.save(draft.id, 1, { snapshot: {}, status: 'discarded' });
      await assert.rejects(repos.cases.submitApplication(submission(draft.id)), isConflict('draft_not_open'));
    });

    test('an unknown draft is NotFoundError', async () => {
      await assert.rejects(repos.cases.submitApplication(submission('00000000-0000-4000-8000-00000000dead')), NotFoundError);
    });

    test('a failure midway rolls everything back, including the case number', async () => {
      const other = await addMunicipality(db.prisma, 'rollback');
      const draft = await newDraft(repos);
      const input = submission(draft.id, { ...other, now: new Date('2030-05-01T10:00:00Z') });
      // The JSON column refuses null, after the number was taken inside the transaction.
      await assert.rejects(repos.cases.submitApplication({ ...input, application: null }), TypeError);
      assert.equal((await repos.snapshots.load(draft.id))!.status, 'open');
      const { case: c } = await repos.cases.submitApplication(input);
      assert.equal(c.caseNumber, 'TB-2030-0001');
    });
  });

  describe('case numbers', () => {
    test('count from 0001 per municipality and per calendar year, in Swedish time', async () => {
      const a = await addMunicipality(db.prisma, 'alfa');
      const b = await addMunicipality(db.prisma, 'beta');
      const submitAt = async (m: typeof a, now: string) => {
        const draft = await newDraft(repos, m.principalId);
        return (await repos.cases.submitApplication(submission(draft.id, { ...m, now: new Date(now) }))).case.caseNumber;
      };
      const numbers = [
        await submitAt(a, '2027-02-01T08:00:00Z'),
        await submitAt(a, '2027-06-01T08:00:00Z'),
        await submitAt(b, '2027-06-02T08:00:00Z'),
        await submitAt(a, '2027-12-31T22:30:00Z'), // 23:30 in Stockholm: still 2027
        await submitAt(a, '2027-12-31T23:30:00Z'), // 00:30 on 1 January in Stockholm: 2028
        await submitAt(b, '2027-09-01T08:00:00Z'),
      ];
      assert.deepEqual(numbers, ['TB-2027-0001', 'TB-2027-0002', 'TB-2027-0001', 'TB-2027-0003', 'TB-2028-0001', 'TB-2027-0002']);
      assert.equal((await repos.cases.byNumber('alfa', 'TB-2027-0002'))!.municipalityId, 'alfa');
      assert.equal(await repos.cases.byNumber('alfa', 'TB-2027-0099'), null);
    });

    test('concurrent submits of different drafts get distinct, gapless numbers', async () => {
      const m = await addMunicipality(db.prisma, 'gamma');
      const drafts = await Promise.all(Array.from({ length: 8 }, () => newDraft(repos, m.principalId)));
      const results = await Promise.all(drafts.map((d) => repos.cases.submitApplication(submission(d.id, { ...m }))));
      const numbers = results.map((r) => r.case.caseNumber).sort();
      assert.deepEqual(numbers, Array.from({ length: 8 }, (_, i) => `TB-2027-000${i + 1}`));
    });
  });

  describe('lists, versions and status', () => {
    test('listQueue: undecided cases of the municipality, oldest first; listForPrincipal: newest first', async () => {
      const m = await addMunicipality(db.prisma, 'delta');
      const made = [];
      for (let i = 0; i < 3; i++) {
        const draft = await newDraft(repos, m.principalId);
        made.push((await repos.cases.submitApplication(submission(draft.id, { ...m }))).case);
      }
      await repos.cases.setStatus(made[1]!.id, 'decided', { by: m.principalId, expected: ['submitted'] });
      await repos.decisions.record({ caseId: made[1]!.id, outcome: 'approved', amountPerMonth: 5000, from: '2027-07-01', to: '2027-12-31', text: 'Beviljas.', decidedById: m.principalId });
      assert.deepEqual((await repos.cases.listQueue('delta')).map((c) => c.id), [made[0]!.id, made[2]!.id]);
      assert.deepEqual((await repos.cases.listForPrincipal(m.principalId)).map((c) => c.id), [made[2]!.id, made[1]!.id, made[0]!.id]);
    });

    test('listGranted: granted cases only, oldest first; by child (personnummer), by principal or their units', async () => {
      const m = await addMunicipality(db.prisma, 'granted');
      const child = (personnummer: string) => ({ ...sampleApplication, pupil: { schoolForm: 'grundskola', personnummer } });
      const submit = async (personnummer: string, outcome: 'approved' | 'partly_approved' | 'rejected' | null, extra: { principalId?: string; unitId?: string } = {}) => {
        const draft = await newDraft(repos, m.principalId);
        const made = (await repos.cases.submitApplication(submission(draft.id, { ...m, ...extra, application: child(personnummer) }))).case;
        if (outcome) await repos.decisions.record({ caseId: made.id, outcome, amountPerMonth: 5000, from: '2027-07-01', to: '2027-12-31', reason: outcome === 'approved' ? null : 'Skäl', text: 'Beslut.', decidedById: m.principalId });
        return made.id;
      };
      const a1 = await submit('20150312-2382', 'approved');
      const a2 = await submit('20150312-2382', 'partly_approved');
      await submit('20150312-2382', 'rejected');
      await submit('20150312-2382', null);
      const b = await submit('20150101-0008', 'approved', { principalId: ids.people.principal });
      const other = await addMunicipality(db.prisma, 'granted-elsewhere');
      const draft = await newDraft(repos, other.principalId);
      const elsewhere = (await repos.cases.submitApplication(submission(draft.id, { ...other, application: child('20150312-2382') }))).case;
      await repos.decisions.record({ caseId: elsewhere.id, outcome: 'approved', amountPerMonth: 1, text: 'Beslut.', decidedById: other.principalId });

      const granted = async (where?: Parameters<Repositories['cases']['listGranted']>[1]) => (await repos.cases.listGranted('granted', where)).map((c) => c.id);
      assert.deepEqual(await granted(), [a1, a2, b]);
      assert.deepEqual(await granted({ personnummer: '20150312-2382' }), [a1, a2]);
      assert.deepEqual(await granted({ personnummer: '20150101-0008' }), [b]);
      assert.deepEqual(await granted({ personnummer: '20991231-0000' }), []);
      assert.deepEqual(await granted({ principalId: m.principalId }), [a1, a2]);
      assert.deepEqual(await granted({ principalId: m.principalId, unitIds: [m.unitId] }), [a1, a2, b]);
      assert.deepEqual(await granted({ unitIds: [] }), []);
      assert.deepEqual(await granted({ principalId: ids.people.principal, personnummer: '20150312-2382' }), []);
    });

    test('a list page reads its rows in one go: latestVersions, decisions.forCases, followUps.forCases', async () => {
      const m = await addMunicipality(db.prisma, 'batch');
      const made: string[] = [];
      for (let i = 0; i < 3; i++) {
        const draft = await newDraft(repos, m.principalId);
        made.push((await repos.cases.submitApplication(submission(draft.id, { ...m }))).case.id);
      }
      const [a, b, c] = made as [string, string, string];
      await repos.cases.addVersion(a, { ...sampleApplication, note: 'v2' }, m.principalId);
      await repos.decisions.record({ caseId: b, outcome: 'approved', amountPerMonth: 5000, from: '2027-07-01', to: '2027-12-31', text: 'Beslut.', decidedById: m.principalId });
      await repos.followUps.submit({ caseId: b, term: 'HT2027', results: 'Bra', continuedNeed: true, ratings: {}, submittedById: m.principalId });

      const versions = await repos.cases.latestVersions([a, b, c, '00000000-0000-4000-8000-000000000000']);
      assert.deepEqual([...versions].map(([id, v]) => [id, v.version]).sort(), [[a, 2], [b, 1], [c, 1]].sort());
      const decisions = await repos.decisions.forCases([a, b, c]);
      assert.deepEqual([...decisions.keys()], [b]);
      assert.deepEqual(decisions.get(b), await repos.decisions.forCase(b));
      assert.deepEqual(await repos.followUps.forCases([a, b, c]), await repos.followUps.forCase(b));
      assert.deepEqual([await repos.cases.latestVersions([]), await repos.decisions.forCases([]), await repos.followUps.forCases([])], [new Map(), new Map(), []]);
    });

    test('addVersion appends version n+1; the status moves beside it in the same transaction', async () => {
      const draft = await newDraft(repos);
      const { case: c } = await repos.cases.submitApplication(submission(draft.id));
      await repos.cases.setStatus(c.id, 'completion_requested', { by: ids.people.handler, details: { messageLength: 42 } });
      const v2 = await repos.transaction(async (tx) => {
        const added = await tx.cases.addVersion(c.id, { ...sampleApplication, effect: { description: 'Tydligare' } }, ids.people.principal);
        await tx.cases.setStatus(c.id, 'resubmitted', { by: ids.people.principal, expected: ['completion_requested'] });
        return added;
      });
      assert.equal(v2.version, 2);
      assert.equal((await repos.cases.latestVersion(c.id))!.id, v2.id);
      assert.equal((await repos.cases.get(c.id))!.status, 'resubmitted');
      const actions = (await repos.audit.list('case', c.id)).map((e) => [e.action, e.details.from ?? null, e.details.to ?? null]);
      assert.deepEqual(actions, [
        ['case.submitted', null, null],
        ['case.status_changed', 'submitted', 'completion_requested'],
        ['case.version_added', null, null],
        ['case.status_changed', 'completion_requested', 'resubmitted'],
      ]);
    });

    test('concurrent addVersion calls get consecutive versions', async () => {
      const draft = await newDraft(repos);
      const { case: c } = await repos.cases.submitApplication(submission(draft.id));
      const added = await Promise.all([1, 2, 3].map((i) => repos.cases.addVersion(c.id, { i }, ids.people.principal)));
      assert.deepEqual(added.map((v) => v.version).sort(), [2, 3, 4]);
    });

    test('setStatus with an expected status refuses a stale transition', async () => {
      const draft = await newDraft(repos);
      const { case: c } = await repos.cases.submitApplication(submission(draft.id));
      const moved = await repos.cases.setStatus(c.id, 'in_review', { by: ids.people.handler, expected: ['submitted', 'resubmitted'] });
      assert.equal(moved.status, 'in_review');
      await assert.rejects(repos.cases.setStatus(c.id, 'in_review', { by: ids.people.handler, expected: ['submitted'] }), isConflict('unexpected_status'));
      await assert.rejects(repos.cases.setStatus('00000000-0000-4000-8000-00000000dead', 'decided', { by: null }), NotFoundError);
    });

    test('assignHandler records the handler and audits it', async () => {
      const draft = await newDraft(repos);
      const { case: c } = await repos.cases.submitApplication(submission(draft.id));
      const assigned = await repos.cases.assignHandler(c.id, ids.people.handler, ids.people.head);
      assert.equal(assigned.assignedHandlerId, ids.people.handler);
      assert.equal((await repos.audit.list('case', c.id)).at(-1)!.action, 'case.handler_assigned');
    });

    test('a review assessment is stored beside the application one', async () => {
      const draft = await newDraft(repos);
      const { case: c } = await repos.cases.submitApplication(submission(draft.id));
      await repos.cases.addAssessment(c.id, { kind: 'review', ratings: { physical: { current: 2, desired: 1 } }, hoursCurrent: 3.5, hoursDesired: 0, amountPerMonth: 3617, createdById: ids.people.handler });
      const kinds = (await repos.cases.assessments(c.id)).map((a) => [a.kind, a.hoursCurrent, a.amountPerMonth]);
      assert.deepEqual(kinds, [['application', 8, 8267], ['review', 3.5, 3617]]);
    });
  });
});
