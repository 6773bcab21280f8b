// The tab's JSON API over HTTP on the real transport, as configured in production (a bot id,
// TAB_APP_ID_URI): every route for every role, and every way a token can be wrong. Runs on PGlite
// and, under DATABASE_URL, on PostgreSQL. The payment list's totals are checked against the
// decisions in the database, the CSV and XLSX are read back, the PDF's text is extracted.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DEMO_PEOPLE, PLAYGROUND_TENANT_ID } from '../../prisma/seed';
import { createDevKeys } from '../../tab/auth';
import { DEV_AUDIENCE } from '../../tab/main';
import { apiCall, APP_ID_URI, BOT_ID, pdfText, startTabServer, type TabServer } from './server';

const person = (role: string) => DEMO_PEOPLE.find((p) => p.role === role)!;
const ROLES = ['principal', 'handler', 'head', 'admin'] as const;

let tab: TabServer;
let caseIds: { decidedFristaende: string; decidedKommunal: string; open: string };
let decisionId: string;

const get = (path: string, token?: string) => apiCall(tab.base, 'GET', path, token);

const tokenFor = (role: string) => tab.entraToken({ oid: person(role).aadObjectId });

beforeAll(async () => {
  tab = await startTabServer({ mode: 'production' });
  const cases = await tab.db.prisma.case.findMany({ include: { unit: true, decisions: true } });
  const decided = cases.filter((c) => c.decisions.some((d) => d.outcome !== 'rejected'));
  caseIds = {
    decidedFristaende: decided.find((c) => c.unit.kind === 'fristaende')!.id,
    decidedKommunal: decided.find((c) => c.unit.kind === 'kommunal')!.id,
    open: cases.find((c) => c.status !== 'decided')!.id,
  };
  decisionId = decided.find((c) => c.unit.kind === 'fristaende')!.decisions[0]!.id;
});
afterAll(() => tab.close());

describe('tokens', () => {
  test('no token: 401 with a Swedish sentence and nothing else', async () => {
    const res = await get('/tab/api/me');
    assert.equal(res.status, 401);
    assert.deepEqual(Object.keys(res.body).sort(), ['error', 'reason']);
    assert.match(res.body.error, /inloggad i Teams/);
  });

  test('a malformed bearer: 401', async () => {
    assert.equal((await get('/tab/api/me', 'not-a-jwt')).status, 401);
  });

  test('expired: 401 expired', async () => {
    const res = await get('/tab/api/me', await tab.entraToken({ oid: person('handler').aadObjectId, expiresInSec: -3600 }));
    assert.equal(res.status, 401);
    assert.equal(res.body.reason, 'expired');
    assert.match(res.body.error, /gått ut/);
  });

  test('wrong audience: 401 audience', async () => {
    const res = await get('/tab/api/me', await tab.entraToken({ oid: person('handler').aadObjectId, aud: 'api://someone-else/123' }));
    assert.equal(res.status, 401);
    assert.equal(res.body.reason, 'audience');
  });

  test('the bot id is accepted as audience (v2 tokens), the app id URI too', async () => {
    assert.equal((await get('/tab/api/me', await tab.entraToken({ oid: person('handler').aadObjectId, aud: BOT_ID }))).status, 200);
    assert.equal((await get('/tab/api/me', await tab.entraToken({ oid: person('handler').aadObjectId, aud: APP_ID_URI }))).status, 200);
  });

  test('wrong signature: 401 invalid', async () => {
    const res = await get('/tab/api/me', await tab.entraToken({ oid: person('handler').aadObjectId, key: 'other' }));
    assert.equal(res.status, 401);
    assert.equal(res.body.reason, 'invalid');
  });

  test('wrong tenant: a tenant we do not serve is 403, an issuer of another tenant is 401', async () => {
    const other = '99999999-9999-9999-9999-999999999999';
    const res = await get('/tab/api/me', await tab.entraToken({ oid: person('handler').aadObjectId, tid: other }));
    assert.equal(res.status, 403);
    assert.equal(res.body.reason, 'tenant');
    assert.match(res.body.error, /organisation/);
    const mixed = await get('/tab/api/me', await tab.entraToken({ oid: person('handler').aadObjectId, iss: `https://login.microsoftonline.com/${other}/v2.0` }));
    assert.equal(mixed.status, 401);
    assert.equal(mixed.body.reason, 'issuer');
  });

  test('an issuer that is not Entra: 401', async () => {
    const res = await get('/tab/api/me', await tab.entraToken({ oid: person('handler').aadObjectId, iss: 'https://evil.example/' }));
    assert.equal(res.status, 401);
  });

  test('a development token is refused where a bot id is configured', async () => {
    const keys = await createDevKeys(DEV_AUDIENCE);
    const token = await keys.sign({ tid: PLAYGROUND_TENANT_ID, oid: person('admin').aadObjectId, name: 'x' });
    const res = await get('/tab/api/me', token);
    assert.equal(res.status, 401);
    assert.equal((await get('/dev/teams-host')).status, 404);
    assert.equal((await get('/dev/teams-host/token?person=admin')).status, 404);
  });

  test('a valid token of someone not in the database, or without a role: 403, clear Swedish', async () => {
    const unknown = await get('/tab/api/me', await tab.entraToken({ oid: 'not-registered' }));
    assert.equal(unknown.status, 403);
    assert.match(unknown.body.error, /inte registrerad/);
    const municipality = (await tab.repos.municipalities.byTenant(PLAYGROUND_TENANT_ID))!;
    await tab.repos.people.upsert({ municipalityId: municipality.id, tenantId: PLAYGROUND_TENANT_ID, aadObjectId: 'no-role-person', displayName: 'Utan Roll' });
    const noRole = await get('/tab/api/queue', await tab.entraToken({ oid: 'no-role-person' }));
    assert.equal(noRole.status, 403);
    assert.match(noRole.body.error, /ingen roll/);
    assert.equal(JSON.stringify(noRole.body).includes('TB-'), false);
  });
});

describe('routes by role', () => {
  // What each role gets: [path, principal, handler, head, admin].
  const matrix = (): Array<[string, number, number, number, number]> => [
    ['/tab/api/me', 200, 200, 200, 200],
    ['/tab/api/principal', 200, 403, 403, 403],
    ['/tab/api/queue', 403, 200, 200, 200],
    ['/tab/api/statistics', 403, 200, 200, 200],
    ['/tab/api/payments?month=2027-03', 403, 200, 200, 200],
    ['/tab/api/payments?month=2027-03&format=csv', 403, 200, 200, 200],
    ['/tab/api/payments?month=2027-03&format=xlsx', 403, 200, 200, 200],
    [`/tab/api/cases/${caseIds.decidedFristaende}`, 200, 200, 200, 200],
    [`/tab/api/decisions/${decisionId}/pdf`, 200, 200, 200, 200],
    ['/tab/api/cases/00000000-0000-4000-8000-000000000000', 404, 404, 404, 404],
    ['/tab/api/nothing-here', 404, 404, 404, 404],
  ];

  test('every route, every role', async () => {
    const tokens = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await tokenFor(r)] as const)));
    for (const [path, ...expected] of matrix()) {
      for (const [i, role] of ROLES.entries()) {
        const res = await get(path, tokens[role]);
        assert.equal(res.status, expected[i], `${role} ${path}`);
        if (res.status >= 400 && res.body.error) assert.match(res.body.error, /[a-zåäö]/i);
      }
      // And without a token, every route is 401 (or 404 where there is no route).
      assert.equal((await get(path)).status, path.includes('nothing-here') ? 404 : 401, `anonymous ${path}`);
    }
  });

  test('only GET', async () => {
    const res = await fetch(`${tab.base}/tab/api/me`, { method: 'POST', headers: { authorization: `Bearer ${await tokenFor('admin')}` } });
    assert.notEqual(res.status, 200);
  });

  test('the principal sees their own drafts, cases and what is due, with links into the chat', async () => {
    const { body } = await get('/tab/api/principal', await tokenFor('principal'));
    assert.equal(body.cases.length, 6);
    assert.ok(body.cases.some((c: any) => c.statusText && c.decision?.amountText));
    assert.ok(body.due.some((d: any) => /komplettering/i.test(d.text)));
    assert.ok(body.due.some((d: any) => /Uppföljning/.test(d.text)));
    for (const d of body.due) assert.match(d.link, new RegExp(`^https://teams\\.microsoft\\.com/l/chat/0/0\\?users=28:${BOT_ID}`));
  });

  test('the queue filters by status, unit, school form, term, late, handler and case number', async () => {
    const token = await tokenFor('handler');
    const all = (await get('/tab/api/queue?status=', token)).body;
    assert.equal(all.cases.length, 6);
    assert.equal((await get('/tab/api/queue?status=open', token)).body.cases.length, all.cases.filter((c: any) => c.status !== 'decided').length);
    const by = async (q: string) => (await get(`/tab/api/queue?${q}`, token)).body.cases as any[];
    assert.ok((await by('status=decided')).every((c) => c.status === 'decided'));
    const unit = all.filters.units[0].value;
    assert.ok((await by(`unit=${unit}`)).every((c) => c.unitName === all.filters.units[0].text));
    assert.deepEqual((await by('schoolForm=forskola')).map((c) => c.schoolForm), ['forskola']);
    assert.ok((await by('late=true')).every((c) => c.late));
    assert.equal((await by('late=true')).length, 1);
    assert.ok((await by('term=VT2027')).every((c) => c.term === 'VT2027'));
    assert.equal((await by('handler=none')).length, 1);
    const number = all.cases[2].caseNumber;
    assert.deepEqual((await by(`q=${number.toLowerCase()}`)).map((c) => c.caseNumber), [number]);
  });

  test('the case page has the facts, history and the bot’s own cards without their buttons', async () => {
    const { body } = await get(`/tab/api/cases/${caseIds.decidedFristaende}`, await tokenFor('head'));
    assert.match(body.caseNumber, /^TB-\d{4}-\d{4}$/);
    assert.ok(body.facts.some((f: any) => f.label === 'Huvudman' && f.value === 'Näktergalen AB'));
    assert.deepEqual(body.cards.map((c: any) => c.title), ['Ansökan', 'Beslutet']);
    for (const c of body.cards) {
      assert.equal(c.card.type, 'AdaptiveCard');
      assert.equal(JSON.stringify(c.card).includes('Action.Execute'), false);
    }
    assert.ok(body.audit.some((e: any) => e.text === 'Beslut fattades'));
    assert.equal(body.decision.pdf, `/tab/api/decisions/${decisionId}/pdf`);
  });

  test('statistics per term', async () => {
    const { body } = await get('/tab/api/statistics?term=VT2027', await tokenFor('admin'));
    assert.equal(body.term, 'VT2027');
    assert.equal(body.cases, 3);
    assert.equal(body.byStatus.decided, 3);
    assert.equal(body.medianDaysToDecision, 9);
    assert.equal(body.grantedPerMonth.length, 6);
    assert.equal(body.grantedPerMonth.find((m: any) => m.month === '2027-03').amount, 12500 + 8267.5);
    assert.deepEqual(body.perHuvudman.map((h: any) => [h.huvudman, h.cases, h.grantedPerMonth]), [
      ['Nora kommun', 1, 12500],
      ['Näktergalen AB', 2, 8267.5],
    ]);
  });
});

describe('payment list', () => {
  // Independent of tab/reports.ts: straight from the decisions table.
  async function expected(month: string) {
    const start = new Date(`${month}-01T00:00:00Z`);
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
    const found = await tab.db.prisma.decision.findMany({ where: { outcome: { not: 'rejected' }, from: { lte: end }, to: { gte: start } }, include: { case: { include: { unit: true } } } });
    // Ended early: its last day paid is the day before `endedFrom`.
    const rows = found.filter((r) => !r.endedFrom || (r.endedFrom > start && r.endedFrom > r.from!));
    const total = (kind: string) => rows.filter((r) => r.case.unit.kind === kind).reduce((s, r) => s + Number(r.amountPerMonth), 0);
    return { fristaende: total('fristaende'), kommunal: total('kommunal'), count: rows.length };
  }

  test('totals match the decisions, kommunal units apart', async () => {
    const token = await tokenFor('handler');
    const { body } = await get('/tab/api/payments?month=2027-03', token);
    const want = await expected('2027-03');
    assert.equal(want.count, 2);
    assert.equal(body.totals.fristaende, want.fristaende);
    assert.equal(body.totals.kommunal, want.kommunal);
    assert.equal(body.totals.all, want.fristaende + want.kommunal);
    assert.ok(body.kommunal.every((p: any) => p.unitKind === 'kommunal'));
    assert.ok(body.fristaende.every((p: any) => p.unitKind === 'fristaende'));
    // A month outside every period pays nothing.
    assert.equal((await get('/tab/api/payments?month=2026-12', token)).body.totals.all, 0);
    assert.equal((await get('/tab/api/payments?month=2027-13', token)).status, 400);
  });

  // The CSV's rows (semicolon-separated, after the byte-order mark) and the amount of a labelled row.
  function csvRows(bytes: Uint8Array) {
    const text = new TextDecoder().decode(bytes.slice(3));
    const rows = text.trimEnd().split('\r\n').map((l) => l.split(';'));
    const amount = (label: string) => Number(rows.find((r) => r[0] === label)![6]!.replace(',', '.'));
    return { text, rows, amount };
  }

  // Each sheet's "Summa", checked against the sum of its rows.
  async function xlsxSums(bytes: Uint8Array) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as never);
    const sheetSum = (name: string) => {
      const ws = book.getWorksheet(name)!;
      let rowsSum = 0;
      let total = NaN;
      ws.eachRow((row, n) => {
        if (n === 1) return;
        const amount = row.getCell(7).value as number;
        if (row.getCell(1).value === 'Summa') total = amount;
        else rowsSum += amount;
      });
      assert.equal(rowsSum, total);
      return total;
    };
    return { names: book.worksheets.map((w) => w.name), fristaende: sheetSum('Fristående huvudmän'), kommunal: sheetSum('Kommunala enheter') };
  }

  test('CSV for Swedish Excel: BOM, semicolons, decimal comma, the same totals', async () => {
    const res = await get('/tab/api/payments?month=2027-03&format=csv', await tokenFor('admin'));
    assert.match(res.headers.get('content-type')!, /text\/csv; charset=utf-8/);
    assert.match(res.headers.get('content-disposition')!, /utbetalningar-2027-03\.csv/);
    const bytes: Uint8Array = res.body;
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const { text, rows, amount } = csvRows(bytes);
    assert.ok(text.includes('Ärendenummer;Enhet;Huvudman;Typ av enhet;Period från;Period till;Belopp (kr)'));
    const want = await expected('2027-03');
    assert.equal(amount('Summa fristående'), want.fristaende);
    assert.equal(amount('Summa kommunala'), want.kommunal);
    assert.equal(amount('Totalt'), want.fristaende + want.kommunal);
    assert.ok(rows.some((r) => r[6] === '8267,50'));
  });

  test('XLSX read back: one sheet per kind, amounts as numbers, the same totals', async () => {
    const res = await get('/tab/api/payments?month=2027-03&format=xlsx', await tokenFor('head'));
    const sums = await xlsxSums(res.body);
    assert.deepEqual(sums.names, ['Fristående huvudmän', 'Kommunala enheter']);
    const want = await expected('2027-03');
    assert.equal(sums.fristaende, want.fristaende);
    assert.equal(sums.kommunal, want.kommunal);
  });

  test('a decision ended early pays nothing for the months after; JSON, CSV and XLSX still match the decisions', async () => {
    const token = await tokenFor('head');
    const d = (await tab.repos.decisions.forCase(caseIds.decidedKommunal))[0]!;
    const head = (await tab.repos.people.findByAad(PLAYGROUND_TENANT_ID, person('head').aadObjectId))!;
    const before = await expected('2027-04');
    assert.ok(before.kommunal > 0, 'the kommunal grant pays in April before it is ended');
    await tab.repos.decisions.end(d.id, { from: '2027-04-01', reason: 'Eleven har flyttat från kommunen.', by: head.id });
    for (const month of ['2027-03', '2027-04', '2027-05']) {
      const want = await expected(month);
      const { body } = await get(`/tab/api/payments?month=${month}`, token);
      assert.deepEqual(body.totals, { fristaende: want.fristaende, kommunal: want.kommunal, all: want.fristaende + want.kommunal }, month);
      const csv = csvRows((await get(`/tab/api/payments?month=${month}&format=csv`, token)).body);
      assert.deepEqual([csv.amount('Summa fristående'), csv.amount('Summa kommunala'), csv.amount('Totalt')], [want.fristaende, want.kommunal, want.fristaende + want.kommunal], month);
      const xlsx = await xlsxSums((await get(`/tab/api/payments?month=${month}&format=xlsx`, token)).body);
      assert.deepEqual([xlsx.fristaende, xlsx.kommunal], [want.fristaende, want.kommunal], month);
    }
    // March is its last month, with its last day shown; April and May pay nothing for it.
    const march = (await get('/tab/api/payments?month=2027-03', token)).body;
    assert.deepEqual(march.kommunal.map((p: any) => [p.caseId, p.to]), [[caseIds.decidedKommunal, '2027-03-31']]);
    for (const month of ['2027-04', '2027-05']) {
      const { body } = await get(`/tab/api/payments?month=${month}`, token);
      assert.deepEqual(body.kommunal, [], month);
      assert.equal(body.totals.kommunal, 0, month);
      assert.ok(body.fristaende.length > 0, 'the other grant still pays');
    }
  });
});

describe('decision PDF', () => {
  test('the letter’s text, searchable with å ä ö, appeal instructions for a fristående unit; stored once with its hash', async () => {
    const token = await tokenFor('principal');
    const first = await get(`/tab/api/decisions/${decisionId}/pdf`, token);
    assert.equal(first.headers.get('content-type'), 'application/pdf');
    const bytes: Uint8Array = first.body;
    assert.equal(new TextDecoder().decode(bytes.slice(0, 5)), '%PDF-');
    const sha = createHash('sha256').update(bytes).digest('hex');
    assert.equal(first.headers.get('x-content-sha256'), sha);
    const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
    const decision = (await tab.repos.decisions.get(decisionId))!;
    const kase = (await tab.repos.cases.get(decision.caseId))!;
    for (const expected of ['BESLUT OM TILLÄGGSBELOPP', 'Nora kommun', kase.caseNumber, 'Beslutsdatum', 'Adele Vance', 'Skäl för beslutet', 'Lagstöd', 'skollagen (2010:800)', 'Hur man överklagar', 'förvaltningsrätten', '8 268 kr', 'Näktergalen AB']) {
      assert.ok(text.includes(expected), `the PDF says "${expected}"`);
    }
    // Every paragraph of the stored letter is in the PDF, word for word.
    for (const word of decision.text.split(/\s+/).filter((w) => w.length > 3 && !w.startsWith('-'))) assert.ok(text.includes(word), word);
    const again = await get(`/tab/api/decisions/${decisionId}/pdf`, await tokenFor('handler'));
    assert.deepEqual(again.body, bytes);
    const stored = await tab.db.prisma.decisionDocument.findUniqueOrThrow({ where: { decisionId } });
    assert.equal(stored.sha256, sha);
    await assert.rejects(tab.db.prisma.$executeRawUnsafe(`UPDATE "decision_documents" SET "sha256" = 'x'`), /immutable/);
    await assert.rejects(tab.db.prisma.$executeRawUnsafe(`DELETE FROM "decision_documents"`), /immutable/);
  });

  test('a kommunal decision says it cannot be appealed', async () => {
    const d = (await tab.repos.decisions.forCase(caseIds.decidedKommunal))[0]!;
    const res = await get(`/tab/api/decisions/${d.id}/pdf`, await tokenFor('head'));
    const text = (await pdfText(res.body)).replace(/\s+/g, ' ');
    assert.ok(text.includes('kan därför inte överklagas'));
    assert.ok(!text.includes('Hur man överklagar'));
  });
});
