// Organisation numbers of a unit's huvudman, and the unit and person forms' Swedish errors.
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { validate, ZPersonInput, ZUnitInput } from '../../domain/admin';
import { checkOrgNumber } from '../../domain/org-number';
import { luhnCheckDigit } from '../../domain/personnummer';

describe('checkOrgNumber', () => {
  const cases: Array<[string, string | null, string]> = [
    ['212000-1884', '212000-1884', 'a municipality'],
    ['5560160680', '556016-0680', 'a company, without the hyphen'],
    ['16556016-0680', '556016-0680', 'with the century prefix 16'],
    [' 802481-1609 ', '802481-1609', 'a non-profit association, with spaces'],
    [`800101-001${luhnCheckDigit('800101001')}`, `800101-001${luhnCheckDigit('800101001')}`, 'a sole trader (personnummer)'],
    ['556016-0681', null, 'a wrong check digit'],
    ['55601-0680', null, 'too short'],
    ['abcdef-ghij', null, 'letters'],
    [`801301-001${luhnCheckDigit('801301001')}`, null, 'month 13 with a valid check digit: neither kind'],
  ];
  test.each(cases)('%s (%s)', (input, expected) => {
    const result = checkOrgNumber(input);
    if (expected === null) assert.equal(result.ok, false);
    else assert.deepEqual(result.ok && result.normalized, expected);
  });

  test('each error is a Swedish sentence', () => {
    const codes = ['55601-0680', '556016-0681', `801301-001${luhnCheckDigit('801301001')}`].map((t) => checkOrgNumber(t));
    assert.deepEqual(codes.map((c) => !c.ok && c.code), ['format', 'checksum', 'kind']);
    for (const c of codes) assert.match(!c.ok ? c.message : '', /organisationsnumret|organisationsnummer/i);
  });
});

describe('the unit and person forms', () => {
  test('a valid unit is normalised', () => {
    const r = validate(ZUnitInput, { name: ' Karlaskolan ', kind: 'kommunal', huvudman: 'Nora kommun', huvudmanOrgNumber: '2120001884', schoolForms: ['grundskola', 'grundskola'] });
    assert.deepEqual(r, { ok: true, value: { name: 'Karlaskolan', kind: 'kommunal', huvudman: 'Nora kommun', huvudmanOrgNumber: '212000-1884', schoolForms: ['grundskola'] } });
  });

  test('every field of an empty unit gets its own Swedish error', () => {
    const r = validate(ZUnitInput, { name: '', kind: 'privat', huvudman: '', huvudmanOrgNumber: '556016-0681', schoolForms: [] });
    assert.equal(r.ok, false);
    const byField = Object.fromEntries(!r.ok ? r.errors.map((e) => [e.field, e.message]) : []);
    assert.deepEqual(Object.keys(byField).sort(), ['huvudman', 'huvudmanOrgNumber', 'kind', 'name', 'schoolForms']);
    assert.equal(byField.name, 'Skriv enhetens namn.');
    assert.equal(byField.kind, 'Välj kommunal eller fristående.');
    assert.match(byField.huvudmanOrgNumber!, /kontrollsiffran/);
    assert.equal(byField.schoolForms, 'Välj minst en skolform.');
  });

  test('missing fields are named in Swedish, not in zod English', () => {
    const r = validate(ZUnitInput, {});
    assert.equal(r.ok, false);
    for (const e of !r.ok ? r.errors : []) assert.doesNotMatch(e.message, /Invalid|expected|Required/i);
  });

  test('a principal needs a unit, other roles must not have one; the e-mail is lower-cased', () => {
    const bad = validate(ZPersonInput, { email: 'inte-en-adress', displayName: 'Anna', roles: [{ role: 'principal' }, { role: 'handler', unitId: '5a1c3e0e-0001-4000-8000-000000000001' }] });
    assert.deepEqual(!bad.ok && bad.errors.map((e) => e.field), ['email', 'roles.0.unitId', 'roles.1.unitId']);
    const good = validate(ZPersonInput, { email: 'Anna.Berg@Nora.SE', displayName: 'Anna Berg', roles: [{ role: 'head' }] });
    assert.deepEqual(good.ok && good.value, { email: 'anna.berg@nora.se', displayName: 'Anna Berg', roles: [{ role: 'head', unitId: null }] });
  });
});
