// Administration over the database (PGlite, and PostgreSQL with DATABASE_URL): units, people and
// roles, the CSV import, profile versions and their effect on existing cases, the audit log,
// the registerutdrag, a new municipality, and a non-admin refused by every use case.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import type { Actor } from '../../app/actor';
import { addMunicipality } from '../../app/admin/add-municipality';
import { applyImport } from '../../app/admin/apply-import';
import { searchAuditLog } from '../../app/admin/audit-log';
import { createUnit } from '../../app/admin/create-unit';
import { exportCase } from '../../app/admin/export-case';
import { getProfile } from '../../app/admin/get-profile';
import { listPeople } from '../../app/admin/list-people';
import { listUnits } from '../../app/admin/list-units';
import { previewImport } from '../../app/admin/preview-import';
import { previewProfile } from '../../app/admin/preview-profile';
import { registerPerson } from '../../app/admin/register-person';
import type { AdminResult } from '../../app/admin/result';
import { saveProfile } from '../../app/admin/save-profile';
import { setUnitActive } from '../../app/admin/set-unit-active';
import { updatePerson } from '../../app/admin/update-person';
import { updateUnit } from '../../app/admin/update-unit';
import { loadCase } from '../../app/case/context';
import type { AppDeps } from '../../app/deps';
import { identify } from '../../bot/identity';
import { computeAssessment } from '../../domain/assessment';
import type { Clock } from '../../domain/clock';
import { noraProfile } from '../../domain/profile';
import type { Repositories } from '../../domain/ports';
import { createRepositories } from '../../prisma/repositories';
import { ids, newDraft, seed, submission } from './fixtures';
import { openTestDatabase, type TestDatabase } from './helpers';

let db: TestDatabase;
let repos: Repositories;
let deps: AppDeps;
let admin: Actor;
const TENANT = 'tenant-test';
const AAD = { principal: '00000000-0000-0000-0000-0000000000020', handler: '00000000-0000-0000-0000-0000000000021', head: '00000000-0000-0000-0000-0000000000022', admin: '00000000-0000-0000-0000-0000000000023' };

function value<T>(result: AdminResult<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.status}: ${result.message} ${JSON.stringify('errors' in result ? result.errors : '')}`);
  return result.value;
}

const unitInput = (name: string, extra: Record<string, unknown> = {}) => ({ name, kind: 'fristaende', huvudman: 'Näktergalen AB', huvudmanOrgNumber: '556016-0680', schoolForms: ['grundskola'], ...extra });

async function actorFor(aad: string): Promise<Actor> {
  const actor = await identify(repos, TENANT, aad);
  assert.ok(actor, `a seeded person ${aad}`);
  return actor;
}

async function newCase(): Promise<string> {
  const draft = await newDraft(repos);
  return (await repos.cases.submitApplication(submission(draft.id))).case.id;
}

describe('administration', () => {
  beforeAll(async () => {
    db = await openTestDatabase();
    repos = createRepositories(db.prisma);
    await seed(db.prisma);
    const clock: Clock = { now: () => new Date('2027-03-15T09:00:00Z') };
    deps = { repos, clock };
    admin = await actorFor(AAD.admin);
  });
  afterAll(() => db.close());

  describe('units', () => {
    test('create, edit and deactivate, each audited; the org number is checked and normalised', async () => {
      const created = value(await createUnit(deps, admin, unitInput('Friskolan Lärkan', { huvudmanOrgNumber: '5560160680' })));
      assert.equal(created.huvudmanOrgNumber, '556016-0680');
      assert.equal(created.active, true);
      assert.equal(created.caseCount, 0);

      const edited = value(await updateUnit(deps, admin, created.id, unitInput('Friskolan Lärkan F-9', { schoolForms: ['forskoleklass', 'grundskola'] })));
      assert.deepEqual([edited.name, edited.schoolForms], ['Friskolan Lärkan F-9', ['forskoleklass', 'grundskola']]);

      const off = value(await setUnitActive(deps, admin, created.id, false));
      assert.equal(off.active, false);
      const trail = await repos.audit.list('unit', created.id);
      assert.deepEqual(trail.map((e) => e.action), ['unit.created', 'unit.updated', 'unit.deactivated']);
      assert.deepEqual(trail[1]!.details, { changed: ['name', 'schoolForms'] });
      assert.ok(trail.every((e) => e.actorId === admin.person.id));
    });

    test('field errors in Swedish; a name taken is a conflict on the name field', async () => {
      const bad = await createUnit(deps, admin, unitInput('', { huvudmanOrgNumber: '556016-0681' }));
      assert.equal(bad.ok, false);
      assert.equal(!bad.ok && bad.status, 'invalid');
      assert.deepEqual(!bad.ok && 'errors' in bad && bad.errors!.map((e) => e.field).sort(), ['huvudmanOrgNumber', 'name']);
      const taken = await createUnit(deps, admin, unitInput('järnboåsskolan'));
      assert.equal(!taken.ok && taken.status, 'conflict');
    });

    test('a unit with cases is only deactivated: its cases stay, its principal is no longer offered it', async () => {
      await newCase();
      const units = value(await listUnits(deps, admin));
      const jarnboas = units.find((u) => u.id === ids.units.jarnboas)!;
      assert.ok(jarnboas.caseCount > 0);
      value(await setUnitActive(deps, admin, jarnboas.id, false));
      assert.ok(!(await repos.people.unitsLedBy(ids.people.principal)).some((u) => u.id === jarnboas.id));
      assert.ok(await repos.units.get(jarnboas.id), 'still there');
      value(await setUnitActive(deps, admin, jarnboas.id, true));
      assert.ok((await repos.people.unitsLedBy(ids.people.principal)).some((u) => u.id === jarnboas.id));
    });

    test('another municipality’s unit is not found', async () => {
      const r = await updateUnit(deps, admin, '00000000-0000-4000-8000-000000000999', unitInput('X'));
      assert.equal(!r.ok && r.status, 'not_found');
    });
  });

  describe('people and roles', () => {
    test('register by e-mail with roles; bound on first contact; roles replaced and audited', async () => {
      const person = value(
        await registerPerson(deps, admin, { email: 'Karin.Rektor@Example.com', displayName: 'Karin Rektor', roles: [{ role: 'principal', unitId: ids.units.naktergalen }] }),
      );
      assert.deepEqual([person.email, person.bound, person.roles], ['karin.rektor@example.com', false, [{ role: 'principal', unitId: ids.units.naktergalen }]]);
      assert.equal(await identify(repos, TENANT, 'aad-karin'), null);

      assert.equal(await repos.people.hasUnbound(TENANT), true);
      assert.equal(await repos.people.bindByEmail(TENANT, ['someone.else@example.com'], 'aad-karin'), null);
      const bound = await repos.people.bindByEmail(TENANT, ['KARIN.REKTOR@example.com'], 'aad-karin');
      assert.equal(bound?.id, person.id);
      const actor = await identify(repos, TENANT, 'aad-karin');
      assert.deepEqual(actor?.units.map((u) => u.id), [ids.units.naktergalen]);
      assert.equal(await repos.people.bindByEmail(TENANT, ['karin.rektor@example.com'], 'aad-other'), null, 'bound once only');

      const updated = value(await updatePerson(deps, admin, person.id, { email: 'karin.rektor@example.com', displayName: 'Karin Rektor', roles: [{ role: 'handler' }] }));
      assert.deepEqual(updated.roles, [{ role: 'handler', unitId: null }]);
      assert.equal(updated.bound, true);
      const trail = await repos.audit.list('person', person.id);
      assert.deepEqual(trail.map((e) => e.action), ['person.registered', 'person.roles_set', 'person.bound', 'person.roles_set']);
      assert.deepEqual(trail[3]!.details, { added: ['handler:'], removed: [`principal:${ids.units.naktergalen}`] });
      assert.ok(value(await listPeople(deps, admin)).some((p) => p.id === person.id && p.bound));
    });

    test('the same e-mail twice is refused; a unit of another municipality is a field error; an admin keeps their own role', async () => {
      const dup = await registerPerson(deps, admin, { email: 'alexw@example.com', displayName: 'Alex', roles: [{ role: 'handler' }] });
      assert.equal(!dup.ok && dup.status, 'conflict');
      const alien = await registerPerson(deps, admin, { email: 'ny@example.com', displayName: 'Ny', roles: [{ role: 'principal', unitId: '00000000-0000-4000-8000-000000000999' }] });
      assert.deepEqual(!alien.ok && 'errors' in alien && alien.errors!.map((e) => e.field), ['roles.0.unitId']);
      const self = await updatePerson(deps, admin, admin.person.id, { email: 'isaiahl@example.com', displayName: 'Isaiah Langer', roles: [{ role: 'handler' }] });
      assert.equal(!self.ok && self.status, 'conflict');
    });
  });

  describe('CSV import', () => {
    const header = 'enhet;typ;huvudman;organisationsnummer;skolformer;rektor_epost;rektor_namn';

    test('a good file: preview writes nothing, the import writes units, people and grants in one go', async () => {
      const csv = [
        header,
        'Solrosens förskola;kommunal;Nora kommun;212000-1884;Förskola;sara@example.com;Sara Sol',
        'Montessoriskolan;fristående;Montessori AB;5560160680;förskoleklass, grundskola;olle@example.com;Olle Ek',
        // A second principal of the same unit: the unit's details on its first row suffice.
        'Montessoriskolan;;;;;sara@example.com;Sara Sol',
        // An existing unit and an existing principal: a grant only.
        'Järnboåsskolan;kommunal;Nora kommun;212000-1884;Grundskola;meganb@example.com;Megan Bowen',
        '',
      ].join('\r\n');
      const before = (await repos.units.listForMunicipality(ids.municipality)).length;
      const preview = value(await previewImport(deps, admin, csv));
      assert.equal(preview.valid, true, JSON.stringify(preview.errors));
      assert.deepEqual(preview.counts, { units: 2, people: 2, grants: 4 });
      assert.deepEqual(preview.rows.map((r) => [r.line, r.unit.action, r.principal?.action]), [
        [2, 'create', 'register'],
        [3, 'create', 'register'],
        [4, 'same_file', 'register'],
        [5, 'exists', 'grant'],
      ]);
      assert.equal((await repos.units.listForMunicipality(ids.municipality)).length, before, 'the preview wrote nothing');

      value(await applyImport(deps, admin, csv));
      const units = await repos.units.listForMunicipality(ids.municipality);
      assert.equal(units.length, before + 2);
      const montessori = units.find((u) => u.name === 'Montessoriskolan')!;
      assert.deepEqual([montessori.kind, montessori.huvudmanOrgNumber, montessori.schoolForms], ['fristaende', '556016-0680', ['forskoleklass', 'grundskola']]);
      const sara = await repos.people.findByEmail(ids.municipality, 'sara@example.com');
      assert.deepEqual(sara?.ledUnitIds.length, 2);
      const megan = await repos.people.get(ids.people.handler);
      assert.deepEqual(megan?.roles.map((r) => r.role).sort(), ['handler', 'principal']);
      const again = value(await previewImport(deps, admin, csv));
      assert.deepEqual(again.counts, { units: 0, people: 0, grants: 0 }, 'a second import of the same file changes nothing');
    });

    test('a bad file: every row’s errors in Swedish, and nothing written', async () => {
      const csv = [
        header,
        'Ekskolan;kommunal;Nora kommun;212000-1884;Grundskola;ek@example.com;Eva Ek',
        ';kommunal;Nora kommun;212000-1884;Grundskola;;',
        'Björkskolan;privat;Björk AB;556016-0681;Gymnasium;inte-en-adress;',
        'Ekskolan;;;;;ek@example.com;Eva Ek',
      ].join('\n');
      const units = (await repos.units.listForMunicipality(ids.municipality)).length;
      const preview = value(await previewImport(deps, admin, csv));
      assert.equal(preview.valid, false);
      assert.deepEqual(
        preview.errors.map((e) => [e.line, e.column]),
        [
          [3, 'enhet'],
          [4, 'typ'],
          [4, 'organisationsnummer'],
          [4, 'skolformer'],
          [4, 'rektor_epost'],
          [4, 'rektor_namn'],
          [5, 'rektor_epost'],
        ],
      );
      for (const e of preview.errors) assert.doesNotMatch(e.message, /Invalid|expected/i);
      assert.match(preview.errors.find((e) => e.column === 'skolformer')!.message, /Okänd skolform: gymnasium/);
      const applied = await applyImport(deps, admin, csv);
      assert.equal(!applied.ok && applied.status, 'invalid');
      assert.match(!applied.ok && 'errors' in applied ? applied.errors![0]!.message : '', /^Rad 3: /);
      assert.equal((await repos.units.listForMunicipality(ids.municipality)).length, units, 'nothing written');
      assert.equal(await repos.people.findByEmail(ids.municipality, 'ek@example.com'), null);
    });

    test('a file without the required columns, or with no rows', async () => {
      const noColumns = value(await previewImport(deps, admin, 'namn,adress\nA,B\n'));
      assert.match(noColumns.errors[0]!.message, /Kolumnerna enhet, rektor_epost, rektor_namn saknas/);
      const empty = value(await previewImport(deps, admin, `${header}\n`));
      assert.match(empty.errors[0]!.message, /inga rader/);
    });
  });

  describe('the municipality profile', () => {
    test('a preview shows a sample assessment under the current and the edited profile; errors per field in Swedish', async () => {
      const edited = { ...noraProfile, amount: { ...noraProfile.amount, hourlyRate: 400 } };
      const preview = value(await previewProfile(deps, admin, edited));
      assert.ok(preview.valid);
      assert.ok(preview.valid && preview.edited.amountPerMonth > preview.current.amountPerMonth);
      const broken = value(await previewProfile(deps, admin, { ...noraProfile, amount: { hourlyRate: -1, weeksPerYear: 60 }, appealWindowWeeks: 0 }));
      assert.equal(broken.valid, false);
      const fields = !broken.valid ? broken.errors.map((e) => e.field).sort() : [];
      assert.deepEqual(fields, ['amount.hourlyRate', 'amount.weeksPerYear', 'appealWindowWeeks']);
      for (const e of !broken.valid ? broken.errors : []) assert.doesNotMatch(e.message, /Invalid|Too |expected/);
    });

    test('a change of the hourly rate in May does not change a March decision; new cases use the new rate', async () => {
      const marchCase = await newCase();
      await repos.decisions.record({ caseId: marchCase, outcome: 'approved', amountPerMonth: 8267, from: '2027-07-01', to: '2027-12-31', text: 'Beviljas.', decidedById: ids.people.head });
      const before = value(await getProfile(deps, admin));
      const march = await loadCase(repos, marchCase);
      const marchAmount = computeAssessment(march!.application.assessment ?? { physical: { current: 3 } }, march!.municipality.profile, 30).amountPerMonth;

      const saved = value(await saveProfile(deps, admin, { ...before.profile, amount: { ...before.profile.amount, hourlyRate: before.profile.amount.hourlyRate + 100 } }));
      assert.equal(saved.version, before.version! + 1);

      const after = await loadCase(repos, marchCase);
      assert.equal(after!.municipality.profile.amount.hourlyRate, before.profile.amount.hourlyRate, 'the March case keeps its version');
      assert.equal(after!.profileVersionId, before.versionId);
      assert.equal(computeAssessment(after!.application.assessment ?? { physical: { current: 3 } }, after!.municipality.profile, 30).amountPerMonth, marchAmount);
      assert.equal(after!.decision!.amountPerMonth, 8267);
      const rows = await db.pool.query(`SELECT (SELECT profile_version_id FROM decisions WHERE case_id = $1) AS d, (SELECT array_agg(DISTINCT profile_version_id) FROM assessments WHERE case_id = $1) AS a`, [marchCase]);
      assert.deepEqual([rows.rows[0].d, rows.rows[0].a], [before.versionId, [before.versionId]]);

      const mayCase = await newCase();
      const may = await loadCase(repos, mayCase);
      assert.equal(may!.municipality.profile.amount.hourlyRate, before.profile.amount.hourlyRate + 100);
      assert.equal(may!.profileVersionId, saved.versionId);

      const versions = value(await getProfile(deps, admin)).versions;
      assert.deepEqual(versions.slice(0, 2).map((v) => [v.version, v.createdById]), [[saved.version, admin.person.id], [before.version, versions[1]!.createdById]]);
      const old = value(await getProfile(deps, admin, before.versionId!));
      assert.equal(old.profile.amount.hourlyRate, before.profile.amount.hourlyRate);
      const audit = (await repos.audit.list('municipality', ids.municipality)).filter((e) => e.action === 'municipality.profile_set').at(-1);
      assert.deepEqual(audit?.details, { profileVersionId: saved.versionId, version: saved.version });
    });

    test('saving an invalid profile writes nothing', async () => {
      const before = value(await getProfile(deps, admin));
      const r = await saveProfile(deps, admin, { ...before.profile, assessment: { ...before.profile.assessment, levelLabels: ['bara en'] } });
      assert.equal(!r.ok && r.status, 'invalid');
      assert.deepEqual(!r.ok && 'errors' in r && r.errors!.map((e) => [e.field, e.message]), [['assessment.levelLabels', 'En etikett per nivå.']]);
      assert.equal(value(await getProfile(deps, admin)).version, before.version);
    });
  });

  describe('audit log and registerutdrag', () => {
    test('the log filtered by case, person and date, a page at a time', async () => {
      const caseId = await newCase();
      const kase = await repos.cases.get(caseId);
      await repos.cases.assignHandler(caseId, ids.people.handler, ids.people.handler);
      await repos.decisions.record({ caseId, outcome: 'rejected', reason: 'Skäl', text: 'Beslut', decidedById: ids.people.head });
      const byCase = value(await searchAuditLog(deps, admin, { case: kase!.caseNumber, limit: 1 }));
      assert.equal(byCase.entries.length, 1);
      assert.ok(byCase.next);
      const rest = value(await searchAuditLog(deps, admin, { case: caseId, before: byCase.next, limit: 50 }));
      const all = [...byCase.entries, ...rest.entries];
      assert.ok(all.every((e) => e.subjectId === caseId || e.details.caseId === caseId));
      assert.ok(all.some((e) => e.action === 'case.submitted' && e.label === 'Ansökan skickades in'));
      const handler = value(await searchAuditLog(deps, admin, { personId: ids.people.handler }));
      assert.ok(handler.entries.some((e) => e.action === 'case.handler_assigned' && e.actorName === 'Megan Bowen'));
      const future = value(await searchAuditLog(deps, admin, { from: '2099-01-01' }));
      assert.deepEqual(future.entries, []);
      const bad = await searchAuditLog(deps, admin, { from: '2027-13-01', to: '2027-01-01' });
      assert.deepEqual(!bad.ok && 'errors' in bad && bad.errors!.map((e) => [e.field, e.message]), [['from', 'Skriv datumet som ÅÅÅÅ-MM-DD.']]);
    });

    test('a registerutdrag is a ZIP with the JSON and a Swedish summary, and is itself audited', async () => {
      const caseId = await newCase();
      const kase = await repos.cases.get(caseId);
      await repos.decisions.record({ caseId, outcome: 'rejected', reason: 'Skäl', text: 'Beslut', decidedById: ids.people.head });
      const exported = value(await exportCase(deps, admin, caseId));
      assert.equal(exported.fileName, `registerutdrag-${kase!.caseNumber}.zip`);
      const files = unzipSync(exported.bytes);
      assert.deepEqual(Object.keys(files).sort(), ['registerutdrag.json', 'sammanfattning.txt']);
      const data = JSON.parse(strFromU8(files['registerutdrag.json']!));
      assert.equal(data.case.id, caseId);
      assert.equal(data.versions.length, 1);
      assert.equal(data.decisions.length, 1);
      assert.ok(Array.isArray(data.attachments) && Array.isArray(data.followUps) && Array.isArray(data.assessments));
      assert.ok(data.auditTrail.some((e: { action: string }) => e.action === 'case.access_exported'));
      const text = strFromU8(files['sammanfattning.txt']!);
      assert.match(text, new RegExp(`Registerutdrag för ärende ${kase!.caseNumber}`));
      assert.match(text, /Skyddade personuppgifter/);
      assert.match(text, /avslag/);
      assert.match(text, /Registerutdrag togs ut \(Isaiah Langer\)/);
    });
  });

  describe('a second municipality', () => {
    test('created from a profile with its first admin, who is bound by e-mail on first contact', async () => {
      const profile = { ...noraProfile, id: 'lindesberg', name: 'Lindesbergs kommun', municipalityCode: '1885', aliases: ['lindesberg'] };
      const tenantId = '7f1e2d3c-0000-4000-8000-00000000abcd';
      const made = value(await addMunicipality(deps, { tenantId, adminEmail: 'Admin@Lindesberg.se', adminName: 'Lisa Admin' }, profile));
      assert.deepEqual([made.municipalityId, made.name, made.profileVersion], ['lindesberg', 'Lindesbergs kommun', 1]);
      await repos.people.bindByEmail(tenantId, ['admin@lindesberg.se'], 'aad-lisa');
      const lisa = await identify(repos, tenantId, 'aad-lisa');
      assert.deepEqual([lisa?.municipality.id, lisa?.person.roles], ['lindesberg', [{ role: 'admin', unitId: null }]]);
      assert.deepEqual(value(await listUnits(deps, lisa!)), [], 'sees only its own municipality');

      const again = await addMunicipality(deps, { tenantId, adminEmail: 'x@y.se', adminName: 'X' }, { ...profile, id: 'other' });
      assert.equal(!again.ok && again.status, 'conflict');
      const broken = await addMunicipality(deps, { tenantId: 'inte-ett-guid', adminEmail: 'x', adminName: '' }, { ...profile, municipalityCode: '12' });
      assert.deepEqual(!broken.ok && 'errors' in broken && broken.errors!.map((e) => e.field), ['tenantId', 'adminEmail', 'adminName', 'profile.municipalityCode']);
    });
  });

  describe('only an administrator', () => {
    const someId = '00000000-0000-4000-8000-000000000001';
    const useCases: Array<[string, (actor: Actor) => Promise<AdminResult<unknown>>]> = [
      ['listUnits', (a) => listUnits(deps, a)],
      ['createUnit', (a) => createUnit(deps, a, unitInput('Inte tillåten'))],
      ['updateUnit', (a) => updateUnit(deps, a, ids.units.jarnboas, unitInput('Inte tillåten'))],
      ['setUnitActive', (a) => setUnitActive(deps, a, ids.units.jarnboas, false)],
      ['listPeople', (a) => listPeople(deps, a)],
      ['registerPerson', (a) => registerPerson(deps, a, { email: 'x@example.com', displayName: 'X', roles: [{ role: 'admin' }] })],
      ['updatePerson', (a) => updatePerson(deps, a, a.person.id, { email: 'x@example.com', displayName: 'X', roles: [{ role: 'admin' }] })],
      ['previewImport', (a) => previewImport(deps, a, 'enhet;rektor_epost;rektor_namn\nA;a@b.se;A')],
      ['applyImport', (a) => applyImport(deps, a, 'enhet;typ;huvudman;organisationsnummer;skolformer;rektor_epost;rektor_namn\nA;kommunal;N;212000-1884;Grundskola;a@b.se;A')],
      ['getProfile', (a) => getProfile(deps, a)],
      ['previewProfile', (a) => previewProfile(deps, a, noraProfile)],
      ['saveProfile', (a) => saveProfile(deps, a, noraProfile)],
      ['searchAuditLog', (a) => searchAuditLog(deps, a, {})],
    ];
    for (const role of ['principal', 'handler', 'head'] as const) {
      test.each(useCases)(`%s refuses a ${role}`, async (_name, run) => {
        const actor = await actorFor(AAD[role]);
        const auditBefore = (await db.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
        const result = await run(actor);
        assert.deepEqual(result, { ok: false, status: 'forbidden', message: 'Det här kan bara en administratör göra.' });
        assert.equal((await db.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n, auditBefore, 'nothing written');
      });
    }

    // The registerutdrag is the admin's and the head of Elevhälsan's (who answers for the cases).
    test.each(['principal', 'handler'] as const)('exportCase refuses a %s', async (role) => {
      const result = await exportCase(deps, await actorFor(AAD[role]), someId);
      assert.deepEqual(result, { ok: false, status: 'forbidden', message: 'Registerutdrag kan bara en administratör eller chefen för Elevhälsan ta ut.' });
    });
    test('exportCase lets the head of Elevhälsan in (a case that does not exist is not found)', async () => {
      assert.deepEqual(await exportCase(deps, await actorFor(AAD.head), someId), { ok: false, status: 'not_found', message: 'Ärendet finns inte eller hör till en annan kommun.' });
    });
  });
});
