import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { noraProfile, type TMunicipalityProfile } from '../../domain/profile';
import {
  addDays,
  appealDeadline,
  applicationDeadline,
  daysBetween,
  defaultApplicationTerm,
  followUpDueDate,
  formatSwedishDate,
  hasTermEnded,
  isLate,
  localDate,
  nextTerm,
  parseTerm,
  previousTerm,
  termLabel,
  termTitle,
  termOf,
  termPeriod,
} from '../../domain/terms';

const TZ = 'Europe/Stockholm';

describe('localDate', () => {
  const cases: Array<[string, string, string]> = [
    ['new year in Stockholm before UTC', '2026-12-31T23:30:00Z', '2027-01-01'],
    ['still old year in Stockholm', '2026-12-31T22:59:59Z', '2026-12-31'],
    ['summer time: UTC+2', '2027-04-15T22:00:00Z', '2027-04-16'],
    ['summer time, 23:59 local', '2027-04-15T21:59:00Z', '2027-04-15'],
    ['day DST starts (28 March 2027), before the switch', '2027-03-27T23:30:00Z', '2027-03-28'],
    ['day DST starts, after the switch', '2027-03-28T22:30:00Z', '2027-03-29'],
    ['day DST ends (31 October 2027), 00:30 CEST', '2027-10-30T22:30:00Z', '2027-10-31'],
    ['day DST ends, 23:30 CET', '2027-10-31T22:30:00Z', '2027-10-31'],
    ['leap day', '2028-02-29T12:00:00Z', '2028-02-29'],
  ];
  for (const [name, instant, expected] of cases) {
    test(name, () => assert.equal(localDate(new Date(instant), TZ), expected));
  }
  test('UTC gives the UTC date', () => assert.equal(localDate(new Date('2026-12-31T23:30:00Z'), 'UTC'), '2026-12-31'));
  test('an invalid date throws', () => assert.throws(() => localDate(new Date('nope'), TZ), RangeError));
});

describe('term names', () => {
  test('parseTerm', () => {
    assert.deepEqual(parseTerm('HT2027'), { season: 'HT', year: 2027 });
    assert.deepEqual(parseTerm('VT2028'), { season: 'VT', year: 2028 });
    assert.throws(() => parseTerm('ht2027'), RangeError);
    assert.throws(() => parseTerm('HT27'), RangeError);
  });
  test('next and previous cross the year after HT', () => {
    assert.equal(nextTerm('HT2027'), 'VT2028');
    assert.equal(nextTerm('VT2028'), 'HT2028');
    assert.equal(previousTerm('VT2028'), 'HT2027');
    assert.equal(previousTerm('HT2028'), 'VT2028');
  });
  test('labels', () => {
    assert.equal(termLabel('HT2027'), 'höstterminen 2027');
    assert.equal(termLabel('VT2028'), 'vårterminen 2028');
    assert.equal(termTitle('HT2027'), 'Höstterminen 2027');
  });
  test('formatSwedishDate', () => {
    assert.equal(formatSwedishDate('2027-04-15'), '15 april 2027');
    assert.equal(formatSwedishDate('2028-02-29'), '29 februari 2028');
    assert.equal(formatSwedishDate('2027-10-01'), '1 oktober 2027');
    assert.throws(() => formatSwedishDate('2027-13-01'), RangeError);
  });
});

describe('term periods and termOf', () => {
  test('termPeriod', () => {
    assert.deepEqual(termPeriod('HT2027', noraProfile), { from: '2027-07-01', to: '2027-12-31' });
    assert.deepEqual(termPeriod('VT2028', noraProfile), { from: '2028-01-01', to: '2028-06-30' });
  });
  const cases: Array<[string, string | Date, string]> = [
    ['1 January is VT', '2028-01-01', 'VT2028'],
    ['30 June is VT', '2028-06-30', 'VT2028'],
    ['1 July is HT', '2027-07-01', 'HT2027'],
    ['leap day', '2028-02-29', 'VT2028'],
    ['new year in Stockholm, still 31 Dec in UTC', new Date('2026-12-31T23:30:00Z'), 'VT2027'],
    ['midsummer night across midnight local', new Date('2027-06-30T22:30:00Z'), 'HT2027'],
  ];
  for (const [name, date, expected] of cases) {
    test(name, () => assert.equal(termOf(date, noraProfile), expected));
  }
  test('in a gap between terms, the term about to start', () => {
    const gappy: TMunicipalityProfile = {
      ...noraProfile,
      termPeriods: {
        VT: { start: { month: 1, day: 8 }, end: { month: 6, day: 15 } },
        HT: { start: { month: 8, day: 15 }, end: { month: 12, day: 20 } },
      },
    };
    assert.equal(termOf('2027-07-10', gappy), 'HT2027');
    assert.equal(termOf('2027-12-28', gappy), 'VT2028');
    assert.equal(termOf('2028-01-03', gappy), 'VT2028');
  });
  test('defaultApplicationTerm is the next term', () => {
    assert.equal(defaultApplicationTerm(new Date('2027-03-01T10:00:00Z'), noraProfile), 'HT2027');
    assert.equal(defaultApplicationTerm(new Date('2027-09-01T10:00:00Z'), noraProfile), 'VT2028');
    assert.equal(defaultApplicationTerm(new Date('2027-12-31T23:30:00Z'), noraProfile), 'HT2028');
  });
  test('hasTermEnded uses the local date', () => {
    assert.equal(hasTermEnded('HT2027', new Date('2027-12-31T22:59:00Z'), noraProfile), false);
    assert.equal(hasTermEnded('HT2027', new Date('2027-12-31T23:00:00Z'), noraProfile), true);
  });
});

describe('deadlines', () => {
  test('application deadline; VT lies in the previous year', () => {
    assert.equal(applicationDeadline('HT2027', noraProfile), '2027-04-15');
    assert.equal(applicationDeadline('VT2028', noraProfile), '2027-10-15');
  });
  test('follow-up due', () => {
    assert.equal(followUpDueDate('HT2027', noraProfile), '2027-11-30');
    assert.equal(followUpDueDate('VT2028', noraProfile), '2028-05-31');
  });
  test('29 February in a profile means 28 February in a common year', () => {
    const leapy: TMunicipalityProfile = {
      ...noraProfile,
      applicationDeadlines: { ...noraProfile.applicationDeadlines, VT: { month: 2, day: 29, yearOffset: 0 } },
    };
    assert.equal(applicationDeadline('VT2028', leapy), '2028-02-29');
    assert.equal(applicationDeadline('VT2027', leapy), '2027-02-28');
  });

  const lateCases: Array<[string, string, string, boolean]> = [
    ['HT, deadline day 23:59 local (CEST)', 'HT2027', '2027-04-15T21:59:00Z', false],
    ['HT, 00:00 the day after, local', 'HT2027', '2027-04-15T22:00:00Z', true],
    ['HT, well before', 'HT2027', '2027-01-10T10:00:00Z', false],
    ['VT, deadline day 23:59 local, previous year', 'VT2028', '2027-10-15T21:59:00Z', false],
    ['VT, the day after', 'VT2028', '2027-10-16T08:00:00Z', true],
    ['VT, in the term year itself', 'VT2028', '2028-01-05T08:00:00Z', true],
    ['VT, 01:30 local on the deadline day (23:30 UTC the day before)', 'VT2028', '2027-10-14T23:30:00Z', false],
  ];
  for (const [name, term, at, expected] of lateCases) {
    test(`isLate: ${name}`, () => assert.equal(isLate(term, new Date(at), noraProfile), expected));
  }

  test('appeal deadline: three weeks after the local notification date', () => {
    assert.equal(appealDeadline(new Date('2027-05-03T09:00:00Z'), noraProfile), '2027-05-24');
    // Notified just after midnight local time, which is still the previous day in UTC.
    // Three weeks from 1 January 2028 is Saturday 22 January: lag (1930:173) moves it to Monday.
    assert.equal(appealDeadline(new Date('2027-12-31T23:10:00Z'), noraProfile), '2028-01-24');
    // Across the October DST change.
    assert.equal(appealDeadline(new Date('2027-10-20T12:00:00Z'), noraProfile), '2027-11-10');
  });
});

describe('date arithmetic', () => {
  test('addDays across month, year, leap day and DST', () => {
    assert.equal(addDays('2027-12-31', 1), '2028-01-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2027-02-28', 1), '2027-03-01');
    assert.equal(addDays('2027-03-27', 2), '2027-03-29');
    assert.equal(addDays('2028-03-01', -1), '2028-02-29');
  });
  test('daysBetween', () => {
    assert.equal(daysBetween('2027-04-01', '2027-04-15'), 14);
    assert.equal(daysBetween('2028-03-01', '2028-02-28'), -2);
  });
  test('rejects dates that do not exist', () => {
    assert.throws(() => addDays('2027-02-29', 1), RangeError);
  });
});
