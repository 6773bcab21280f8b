// The tab's administration API over HTTP on the real transport, as configured in production (a
// bot id, TAB_APP_ID_URI). Runs on PGlite and, under DATABASE_URL (npm run test:db), on
// PostgreSQL. Every route of tab/admin/table.ts is refused to every role it does not name, with
// nothing written; units, people and roles, the CSV import with good and bad files, the profile
// (field errors, preview, versions, a change that leaves an existing decision alone), the audit
// log's filters, the registerutdrag, and binding a person registered by e-mail when they first
// open the tab.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { DEMO_IDS, DEMO_PEOPLE, PLAYGROUND_TENANT_ID } from '../../prisma/seed';
import { ADMIN_ROUTES } from '../../tab/admin/table';
import { newDraft, submission } from '../db/fixtures';
import { apiCall, pdfText, startTabServer, type TabServer } from './server';

const person = (role: string) => DEMO_PEOPLE.find((p) => p.role === role)!;
const NON_ADMIN = ['principal', 'handler', 'head'] as const;

let tab: TabServer;
const tokens: Record<string, string> = {};

const call = (method: string, path: string, token?: string, body?: unknown) => apiCall(tab.base, method, path, token, body);
const asAdmin = (method: string, path: string, body?: unknown) => call(method, path, tokens.admin, body);
const auditCount = async () => (await tab.db.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n as number;

const unit = (name: string, extra: Record<string, unknown> = {}) => ({ name, kind: 'fristaende', huvudman: 'Lärkan AB', huvudmanOrgNumber: '556016-0680', schoolForms: ['grundskola'], ...extra });

beforeAll(async () => {
  tab = await startTabServer({ mode: 'production' });
  for (const role of ['principal', 'handler', 'head', 'admin']) tokens[role] = await tab.entraToken({ oid: person(role).aadObjectId });
});
afterAll(() => tab.close());

describe('the route table', () => {
  // A real record behind each parameter, so a route that forgot its guard would really act.
  const sampleParams = async (): Promise<Record<string, string>> => {
    const kase = await tab.db.prisma.case.findFirstOrThrow();
    return { unit: DEMO_IDS.units.jarnboas, person: DEMO_IDS.people.handler, case: kase.id };
  };
  const concrete = (path: string, params: Record<string, string>) =>
    path.replace(':id', path.includes('/units/') ? params.unit! : path.includes('/people/') ? params.person! : params.case!);
  const SAMPLE_BODY: Record<string, unknown> = { name: 'Ny', kind: 'kommunal', huvudman: 'Nora kommun', huvudmanOrgNumber: '212000-1884', schoolForms: ['grundskola'], email: 'x@nora.se', displayName: 'X', roles: [{ role: 'admin' }], csv: 'enhet;rektor_epost;rektor_namn\nA;a@b.se;A', profile: {}, active: false };

  test('has the administration routes', () => {
    const keys = ADMIN_ROUTES.map((r) => `${r.method} ${r.path}`);
    for (const k of [
      'GET /tab/api/admin/units',
      'POST /tab/api/admin/units',
      'PUT /tab/api/admin/units/:id',
      'POST /tab/api/admin/units/:id/active',
      'GET /tab/api/admin/people',
      'POST /tab/api/admin/people',
      'PUT /tab/api/admin/people/:id',
      'POST /tab/api/admin/import/preview',
      'POST /tab/api/admin/import/apply',
      'GET /tab/api/admin/profile',
      'PUT /tab/api/admin/profile',
      'POST /tab/api/admin/profile/preview',
      'GET /tab/api/admin/audit',
      'GET /tab/api/cases/:id/registerutdrag',
    ]) assert.ok(keys.includes(k), k);
    assert.equal(new Set(keys).size, keys.length, 'no route twice');
  });

  test('every route refuses every role it does not name (403, one Swedish sentence, nothing written), and anyone without a token (401)', async () => {
    const params = await sampleParams();
    let checked = 0;
    for (const route of ADMIN_ROUTES) {
      const path = concrete(route.path, params);
      const body = route.method === 'GET' ? undefined : SAMPLE_BODY;
      for (const role of NON_ADMIN) {
        if ((route.roles ?? ['admin']).includes(role)) continue;
        const before = await auditCount();
        const res = await call(route.method, path, tokens[role], body);
        assert.equal(res.status, 403, `${role} ${route.method} ${path}`);
        assert.deepEqual(Object.keys(res.body), ['error']);
        assert.match(res.body.error, /^(Det här kan bara en administratör göra\.|Registerutdrag kan bara en administratör eller chefen för Elevhälsan ta ut\.)$/);
        assert.equal(await auditCount(), before, `nothing written for ${role} ${route.method} ${path}`);
        checked++;
      }
      assert.equal((await call(route.method, path, undefined, body)).status, 401, `anonymous ${route.method} ${path}`);
    }
    assert.ok(checked >= ADMIN_ROUTES.length * 2, `${checked} refusals checked`);
  });

  test('a body that is not JSON is 400, a method a path does not have is 405', async () => {
    const res = await fetch(`${tab.base}/tab/api/admin/units`, { method: 'POST', headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' }, body: '{not json' });
    assert.equal(res.status, 400);
    assert.match((await res.json()).error, /gick inte att läsa/);
    assert.equal((await asAdmin('PUT', '/tab/api/admin/units')).status, 405);
    assert.equal((await asAdmin('POST', '/tab/api/me', {})).status, 405);
  });
});

describe('units', () => {
  test('created, listed, edited and deactivated; errors by field in Swedish', async () => {
    const bad = await asAdmin('POST', '/tab/api/admin/units', { name: '', kind: 'privat', huvudman: 'Lärkan AB', huvudmanOrgNumber: '556016-0681', schoolForms: [] });
    assert.equal(bad.status, 422);
    assert.deepEqual(Object.keys(bad.body.fields).sort(), ['huvudmanOrgNumber', 'kind', 'name', 'schoolForms']);
    assert.equal(bad.body.fields.name, 'Skriv enhetens namn.');
    assert.equal(bad.body.fields.kind, 'Välj kommunal eller fristående.');
    assert.match(bad.body.fields.huvudmanOrgNumber, /kontrollsiffra|organisationsnummer/i);
    assert.equal(bad.body.fields.schoolForms, 'Välj minst en skolform.');
    assert.equal(bad.body.error, 'Rätta de markerade fälten.');

    const made = await asAdmin('POST', '/tab/api/admin/units', unit('Friskolan Lärkan'));
    assert.equal(made.status, 200);
    assert.deepEqual([made.body.name, made.body.kindText, made.body.huvudmanOrgNumber, made.body.schoolFormsText, made.body.active, made.body.caseCount], ['Friskolan Lärkan', 'Fristående', '556016-0680', 'Grundskola', true, 0]);
    const twice = await asAdmin('POST', '/tab/api/admin/units', unit('friskolan lärkan'));
    assert.equal(twice.status, 409);
    assert.equal(twice.body.fields.name, 'Det finns redan en enhet med det namnet.');

    const edited = await asAdmin('PUT', `/tab/api/admin/units/${made.body.id}`, unit('Friskolan Lärkan', { schoolForms: ['forskoleklass', 'grundskola'] }));
    assert.equal(edited.body.schoolFormsText, 'Förskoleklass, Grundskola');
    const off = await asAdmin('POST', `/tab/api/admin/units/${made.body.id}/active`, { active: false });
    assert.equal(off.body.active, false);
    assert.equal((await asAdmin('POST', `/tab/api/admin/units/${made.body.id}/active`, { active: 'nej' })).status, 422);
    const list = await asAdmin('GET', '/tab/api/admin/units');
    assert.ok(list.body.units.some((u: any) => u.id === made.body.id && !u.active));
    assert.ok(list.body.units.find((u: any) => u.id === DEMO_IDS.units.jarnboas).caseCount > 0);
    assert.deepEqual(list.body.choices.kinds.map((k: any) => k.text), ['Kommunal', 'Fristående']);
    await asAdmin('POST', `/tab/api/admin/units/${made.body.id}/active`, { active: true });
    assert.equal((await asAdmin('PUT', '/tab/api/admin/units/00000000-0000-4000-8000-000000000000', unit('X'))).status, 404);
    const trail = await tab.repos.audit.list('unit', made.body.id);
    assert.deepEqual(trail.map((e) => e.action), ['unit.created', 'unit.updated', 'unit.deactivated', 'unit.reactivated']);
  });
});

describe('people and roles', () => {
  test('registered by e-mail with roles, not yet recognised, edited; errors by field', async () => {
    const bad = await asAdmin('POST', '/tab/api/admin/people', { email: 'inte en adress', displayName: '', roles: [{ role: 'principal' }] });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.fields.email, 'Det ser inte ut som en e-postadress (namn@exempel.se).');
    assert.equal(bad.body.fields.displayName, 'Skriv personens namn.');
    assert.equal(bad.body.fields['roles.0.unitId'], 'En rektor behöver en enhet.');

    const made = await asAdmin('POST', '/tab/api/admin/people', { email: 'Sara.Lind@Nora.se', displayName: 'Sara Lind', roles: [{ role: 'principal', unitId: DEMO_IDS.units.jarnboas }, { role: 'handler' }] });
    assert.equal(made.status, 200);
    assert.deepEqual([made.body.email, made.body.bound, made.body.rolesText], ['sara.lind@nora.se', false, 'Rektor (Järnboåsskolan), Handläggare']);
    const again = await asAdmin('POST', '/tab/api/admin/people', { email: 'sara.lind@nora.se', displayName: 'Sara', roles: [{ role: 'admin' }] });
    assert.equal(again.status, 409);
    assert.equal(again.body.fields.email, 'Det finns redan en person med den e-postadressen.');

    const edited = await asAdmin('PUT', `/tab/api/admin/people/${made.body.id}`, { email: 'sara.lind@nora.se', displayName: 'Sara Lind', roles: [{ role: 'drafter', unitId: DEMO_IDS.units.naktergalen }] });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.rolesText, 'Skriver ansökningar åt rektor (Friskolan Näktergalen)');
    const list = await asAdmin('GET', '/tab/api/admin/people');
    assert.ok(list.body.people.some((p: any) => p.id === made.body.id && !p.bound));
    assert.ok(list.body.people.some((p: any) => p.displayName === 'Isaiah Langer' && p.bound));
    assert.deepEqual(list.body.choices.roles.map((r: any) => [r.value, r.unit]), [['principal', true], ['drafter', true], ['handler', false], ['head', false], ['admin', false]]);
    const self = await asAdmin('PUT', `/tab/api/admin/people/${DEMO_IDS.people.admin}`, { email: person('admin').email, displayName: 'Isaiah Langer', roles: [{ role: 'handler' }] });
    assert.equal(self.status, 409);
    assert.equal(self.body.fields.roles, 'Du kan inte ta bort din egen administratörsroll.');
  });
});

describe('CSV import', () => {
  const HEADER = 'enhet;typ;huvudman;organisationsnummer;skolformer;rektor_epost;rektor_namn';
  const unitCount = async () => (await tab.db.prisma.unit.count());
  const peopleCount = async () => (await tab.db.prisma.person.count());

  test('a bad file: every row’s errors in Swedish, and nothing written even by apply', async () => {
    const csv = [HEADER, 'Karlaskolan;kommunal;Nora kommun;212000-1884;Grundskola;anna.berg@nora.se;Anna Berg', 'Björkskolan;privat;Björk AB;556016-0681;Gymnasium;inte-epost;', ';kommunal;Nora kommun;212000-1884;Grundskola;x@nora.se;X'].join('\n');
    const preview = await asAdmin('POST', '/tab/api/admin/import/preview', { csv });
    assert.equal(preview.status, 200);
    assert.equal(preview.body.valid, false);
    const row3 = preview.body.rows.find((r: any) => r.line === 3);
    assert.deepEqual(row3.errors.map((e: any) => e.column), ['typ', 'organisationsnummer', 'skolformer', 'rektor_epost', 'rektor_namn']);
    assert.ok(row3.errors.every((e: any) => /[a-zåäö]/.test(e.message) && !/Invalid|expected/.test(e.message)));
    assert.deepEqual(preview.body.rows.find((r: any) => r.line === 2).errors, []);
    assert.deepEqual(preview.body.fileErrors, [{ line: 4, column: 'enhet', message: 'Skriv enhetens namn.' }]);

    const [units, people, audit] = [await unitCount(), await peopleCount(), await auditCount()];
    const applied = await asAdmin('POST', '/tab/api/admin/import/apply', { csv });
    assert.equal(applied.status, 422);
    assert.match(applied.body.error, /inget är importerat/);
    assert.ok(Object.values(applied.body.fields).some((m) => /^Rad 3: /.test(String(m))));
    assert.deepEqual([await unitCount(), await peopleCount(), await auditCount()], [units, people, audit]);
  });

  test('a file without the needed columns, an empty file', async () => {
    const noColumns = await asAdmin('POST', '/tab/api/admin/import/preview', { csv: 'namn;epost\nA;a@b.se' });
    assert.match(noColumns.body.fileErrors[0].message, /Kolumnerna enhet, rektor_epost, rektor_namn saknas/);
    const empty = await asAdmin('POST', '/tab/api/admin/import/preview', { csv: '' });
    assert.equal(empty.status, 422);
    assert.equal(empty.body.fields.csv, 'Filen är tom.');
  });

  test('a good file: the preview says what each row does; apply writes it all, audited', async () => {
    const csv = '\uFEFF' + [HEADER, 'Karlaskolan;kommunal;Nora kommun;212000-1884;Förskoleklass, Grundskola;anna.berg@nora.se;Anna Berg', 'Karlaskolan;;;;;per.holm@nora.se;Per Holm', 'Järnboåsskolan;;;;;alexw@example.com;Alex Wilber'].join('\r\n');
    const preview = await asAdmin('POST', '/tab/api/admin/import/preview', { csv });
    assert.equal(preview.body.valid, true);
    assert.deepEqual(preview.body.rows.map((r: any) => [r.line, r.unitText, r.principalText]), [
      [2, 'Ny enhet', 'Ny person, blir rektor'],
      [3, 'Samma enhet som på en rad ovan', 'Ny person, blir rektor'],
      [4, 'Finns redan', 'Är redan rektor här'],
    ]);
    assert.deepEqual(preview.body.counts, { units: 1, people: 2, grants: 2 });
    const applied = await asAdmin('POST', '/tab/api/admin/import/apply', { csv });
    assert.equal(applied.status, 200);
    const units = (await asAdmin('GET', '/tab/api/admin/units')).body.units;
    assert.ok(units.some((u: any) => u.name === 'Karlaskolan' && u.kindText === 'Kommunal' && u.schoolFormsText === 'Förskoleklass, Grundskola'));
    const people = (await asAdmin('GET', '/tab/api/admin/people')).body.people;
    assert.equal(people.find((p: any) => p.email === 'per.holm@nora.se').rolesText, 'Rektor (Karlaskolan)');
    const log = (await asAdmin('GET', '/tab/api/admin/audit?limit=20')).body.entries;
    assert.ok(log.some((e: any) => e.action === 'import.applied' && e.detailsText === '1 enheter, 2 personer, 2 roller'));
  });
});

describe('the municipality profile', () => {
  test('errors by field in Swedish, the sample preview, saved versions; an existing decision keeps its amount and version', async () => {
    const current = (await asAdmin('GET', '/tab/api/admin/profile')).body;
    assert.equal(current.profile.amount.hourlyRate, 310);
    const firstVersion = current.version;
    assert.equal(current.versions[0].id, current.currentVersionId);

    const broken = { ...current.profile, amount: { hourlyRate: -5, weeksPerYear: 'fyrtio' }, appealWindowWeeks: 0 };
    const refused = await asAdmin('PUT', '/tab/api/admin/profile', { profile: broken });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.fields['amount.hourlyRate'], 'Värdet måste vara större än 0.');
    assert.equal(refused.body.fields['amount.weeksPerYear'], 'Skriv ett tal.');
    assert.ok(refused.body.fields.appealWindowWeeks);
    assert.equal((await asAdmin('POST', '/tab/api/admin/profile/preview', { profile: broken })).status, 422);

    const edited = { ...current.profile, amount: { ...current.profile.amount, hourlyRate: 400 } };
    const preview = await asAdmin('POST', '/tab/api/admin/profile/preview', { profile: edited });
    assert.equal(preview.status, 200);
    assert.ok(preview.body.edited.amountPerMonth > preview.body.current.amountPerMonth);
    assert.equal(preview.body.edited.amountPerMonth, Math.round((preview.body.edited.hoursPerWeek * 400 * 40) / 12));
    assert.match(preview.body.differenceText, /^\+/);
    assert.match(preview.body.edited.explanation, /400 kr/);

    // A decided case before the change.
    const decided = await tab.db.prisma.decision.findFirstOrThrow({ where: { outcome: { not: 'rejected' } }, });
    const caseBefore = (await call('GET', `/tab/api/cases/${decided.caseId}`, tokens.head)).body;
    const versionBefore = (await tab.repos.profileVersions.forCase(decided.caseId))?.version;

    const saved = await asAdmin('PUT', '/tab/api/admin/profile', { profile: edited });
    assert.equal(saved.status, 200);
    assert.equal(saved.body.version, firstVersion + 1);
    const after = (await asAdmin('GET', '/tab/api/admin/profile')).body;
    assert.equal(after.profile.amount.hourlyRate, 400);
    assert.deepEqual(after.versions.map((v: any) => v.version), [firstVersion + 1, firstVersion]);
    assert.equal(after.versions[0].byName, 'Isaiah Langer');
    const old = (await asAdmin('GET', `/tab/api/admin/profile?version=${after.versions[1].id}`)).body;
    assert.equal(old.profile.amount.hourlyRate, 310);
    assert.equal((await asAdmin('GET', '/tab/api/admin/profile?version=inte-en-version')).status, 422);

    // The decided case: the same decision, assessments and profile version as before.
    const decisionAfter = await tab.db.prisma.decision.findUniqueOrThrow({ where: { id: decided.id } });
    assert.equal(Number(decisionAfter.amountPerMonth), Number(decided.amountPerMonth));
    const caseAfter = (await call('GET', `/tab/api/cases/${decided.caseId}`, tokens.head)).body;
    assert.deepEqual(caseAfter.assessments, caseBefore.assessments);
    assert.deepEqual(caseAfter.cards.find((c: any) => c.title === 'Beslutet'), caseBefore.cards.find((c: any) => c.title === 'Beslutet'));
    assert.equal((await tab.repos.profileVersions.forCase(decided.caseId))?.version, versionBefore);
    // A case submitted now is stamped with the new version.
    const fresh = await tab.repos.cases.submitApplication(submission((await newDraft(tab.repos)).id));
    assert.equal((await tab.repos.profileVersions.forCase(fresh.case.id))?.version, firstVersion + 1);

    const log = (await asAdmin('GET', '/tab/api/admin/audit?limit=5')).body.entries;
    assert.ok(log.some((e: any) => e.action === 'municipality.profile_set' && e.detailsText === `version ${firstVersion + 1}`));
  });
});

describe('audit log', () => {
  test('filtered by case number, person and dates; bad dates answered by field', async () => {
    const kase = await tab.db.prisma.case.findFirstOrThrow({ where: { decisions: { some: {} } } });
    const byCase = (await asAdmin('GET', `/tab/api/admin/audit?case=${kase.caseNumber.toLowerCase()}`)).body;
    assert.ok(byCase.entries.length > 0);
    assert.ok(byCase.entries.every((e: any) => e.subjectText === `Ärende ${kase.caseNumber}`), JSON.stringify(byCase.entries.map((e: any) => e.subjectText)));
    assert.ok(byCase.entries.some((e: any) => e.label === 'Beslut fattades' && e.actorName === 'Adele Vance'));
    const byHead = (await asAdmin('GET', `/tab/api/admin/audit?personId=${DEMO_IDS.people.head}`)).body;
    assert.ok(byHead.entries.length > 0 && byHead.entries.every((e: any) => e.actorName === 'Adele Vance'));
    assert.ok(byHead.choices.people.some((p: any) => p.text === 'Adele Vance'));
    assert.deepEqual((await asAdmin('GET', '/tab/api/admin/audit?from=2099-01-01')).body.entries, []);
    const bad = await asAdmin('GET', '/tab/api/admin/audit?from=2027-02-30&to=');
    assert.equal(bad.status, 422);
    assert.equal(bad.body.fields.from, 'Skriv datumet som ÅÅÅÅ-MM-DD.');
    const backwards = await asAdmin('GET', '/tab/api/admin/audit?from=2027-03-10&to=2027-03-01');
    assert.equal(backwards.body.fields.to, 'Slutdatumet ligger före startdatumet.');
    const unknown = await asAdmin('GET', '/tab/api/admin/audit?case=TB-1999-9999');
    assert.equal(unknown.body.fields.case, 'Ärendet finns inte eller hör till en annan kommun.');
    const page = (await asAdmin('GET', '/tab/api/admin/audit?limit=2')).body;
    assert.equal(page.entries.length, 2);
    const next = (await asAdmin('GET', `/tab/api/admin/audit?limit=2&before=${page.next}`)).body;
    assert.notDeepEqual(next.entries.map((e: any) => e.id), page.entries.map((e: any) => e.id));
  });
});

describe('registerutdrag', () => {
  test('ZIP and PDF for the admin and the head, offered on their case page only, audited', async () => {
    const kase = await tab.db.prisma.case.findFirstOrThrow({ where: { decisions: { some: {} } } });
    const page = (await call('GET', `/tab/api/cases/${kase.id}`, tokens.head)).body;
    assert.equal(page.registerutdrag.zip, `/tab/api/cases/${kase.id}/registerutdrag?format=zip`);
    assert.equal((await call('GET', `/tab/api/cases/${kase.id}`, tokens.handler)).body.registerutdrag, null);

    const zip = await call('GET', page.registerutdrag.zip, tokens.admin);
    assert.equal(zip.headers.get('content-type'), 'application/zip');
    assert.match(zip.headers.get('content-disposition')!, new RegExp(`registerutdrag-${kase.caseNumber}\\.zip`));
    const files = unzipSync(zip.body);
    assert.equal(JSON.parse(strFromU8(files['registerutdrag.json']!)).case.id, kase.id);

    const pdf = await call('GET', page.registerutdrag.pdf, tokens.head);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const text = (await pdfText(pdf.body)).replace(/\s+/g, ' ');
    for (const s of [`Registerutdrag för ärende ${kase.caseNumber}`, 'Nora kommun', 'Beslut (1)', 'Händelser', 'Registerutdrag togs ut (Adele Vance)', 'Barnet', 'Bedömningar']) assert.ok(text.includes(s), s);
    const trail = await tab.repos.audit.list('case', kase.id);
    assert.deepEqual(trail.filter((e) => e.action === 'case.access_exported').map((e) => (e.details as { format: string }).format), ['zip', 'pdf']);
    assert.equal((await call('GET', `/tab/api/cases/${kase.id}/registerutdrag?format=doc`, tokens.admin)).status, 422);
    assert.equal((await call('GET', '/tab/api/cases/00000000-0000-4000-8000-000000000000/registerutdrag', tokens.admin)).status, 404);
  });
});

describe('binding by e-mail on first tab contact', () => {
  const NEW_OID = '7c0ffee0-0000-4000-8000-000000000001';

  test('a person registered by e-mail is bound by the token’s sign-in name when they open the tab, audited', async () => {
    const made = await asAdmin('POST', '/tab/api/admin/people', { email: 'karin.nyberg@nora.se', displayName: 'Karin Nyberg', roles: [{ role: 'principal', unitId: DEMO_IDS.units.naktergalen }] });
    assert.equal(made.body.bound, false);
    const token = await tab.entraToken({ oid: NEW_OID, extra: { preferred_username: 'Karin.Nyberg@nora.se', name: 'Karin Nyberg' } });
    const me = await call('GET', '/tab/api/me', token);
    assert.equal(me.status, 200);
    assert.deepEqual([me.body.name, me.body.units], ['Karin Nyberg', ['Friskolan Näktergalen']]);
    assert.equal((await call('GET', '/tab/api/principal', token)).status, 200);
    const listed = (await asAdmin('GET', '/tab/api/admin/people')).body.people.find((p: any) => p.id === made.body.id);
    assert.equal(listed.bound, true);
    const bound = (await tab.repos.audit.list('person', made.body.id)).filter((e) => e.action === 'person.bound');
    assert.deepEqual(bound.map((e) => [e.actorId, e.details]), [[made.body.id, { by: 'email', via: 'tab' }]]);
    const log = (await asAdmin('GET', `/tab/api/admin/audit?personId=${made.body.id}`)).body.entries;
    assert.ok(log.some((e: any) => e.label.startsWith('Personen kändes igen') && e.detailsText === 'när personen öppnade fliken'));
  });

  test('two first requests at once (the page asks in parallel) are both let in, bound once', async () => {
    const made = await asAdmin('POST', '/tab/api/admin/people', { email: 'parallel@nora.se', displayName: 'Parallell Person', roles: [{ role: 'head' }] });
    const token = await tab.entraToken({ oid: '7c0ffee0-0000-4000-8000-000000000009', extra: { preferred_username: 'parallel@nora.se' } });
    const answers = await Promise.all([1, 2, 3].map(() => call('GET', '/tab/api/me', token)));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200]);
    assert.equal((await tab.repos.audit.list('person', made.body.id)).filter((e) => e.action === 'person.bound').length, 1);
  });

  test('upn (v1 tokens) binds too; the optional email claim does not; nobody is bound twice; strangers stay unknown', async () => {
    await asAdmin('POST', '/tab/api/admin/people', { email: 'upn.person@nora.se', displayName: 'Upn Person', roles: [{ role: 'handler' }] });
    await asAdmin('POST', '/tab/api/admin/people', { email: 'mail.only@nora.se', displayName: 'Mail Only', roles: [{ role: 'handler' }] });
    const upn = await call('GET', '/tab/api/me', await tab.entraToken({ oid: '7c0ffee0-0000-4000-8000-000000000002', extra: { upn: 'upn.person@nora.se' } }));
    assert.equal(upn.status, 200);
    const emailClaim = await call('GET', '/tab/api/me', await tab.entraToken({ oid: '7c0ffee0-0000-4000-8000-000000000003', extra: { email: 'mail.only@nora.se', preferred_username: 'someone@else.example' } }));
    assert.equal(emailClaim.status, 403);
    assert.equal(emailClaim.body.reason, 'unknown-person');
    // Karin is bound already: another object id with her name gets nothing.
    const twice = await call('GET', '/tab/api/me', await tab.entraToken({ oid: '7c0ffee0-0000-4000-8000-000000000004', extra: { preferred_username: 'karin.nyberg@nora.se' } }));
    assert.equal(twice.status, 403);
    assert.equal(await tab.repos.people.findByAad(PLAYGROUND_TENANT_ID, '7c0ffee0-0000-4000-8000-000000000004'), null);
    const stranger = await call('GET', '/tab/api/me', await tab.entraToken({ oid: '7c0ffee0-0000-4000-8000-000000000005', extra: { preferred_username: 'nobody@nora.se' } }));
    assert.equal(stranger.status, 403);
    assert.match(stranger.body.error, /inte registrerad/);
  });
});
