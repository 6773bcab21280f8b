import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import Holidays from 'date-holidays';
import {
  addWorkingDays,
  holidayName,
  isOfficeTime,
  isWorkingDay,
  localMinutes,
  onOrAfterWorkingDay,
  onOrBeforeWorkingDay,
  swedishHolidays,
} from '../../domain/calendar';
import { noraProfile } from '../../domain/profile';
import { appealDeadline } from '../../domain/terms';

describe('the Swedish working calendar', () => {
  test('date-holidays marks exactly midsommarafton, julafton and nyårsafton as "bank" days in Sweden', () => {
    for (const year of [2026, 2027, 2028, 2029]) {
      const bank = new Holidays('SE').getHolidays(year).filter((h) => h.type === 'bank').map((h) => h.name).sort();
      assert.deepEqual(bank, ['julafton', 'midsommarafton', 'nyårsafton']);
    }
  });

  const days: Array<[string, string, boolean]> = [
    ['an ordinary Monday', '2027-03-01', true],
    ['Saturday', '2027-03-06', false],
    ['Sunday', '2027-03-07', false],
    ['nyårsdagen', '2027-01-01', false],
    ['trettondedag jul', '2027-01-06', false],
    ['trettondagsafton is a working day', '2027-01-05', true],
    ['skärtorsdagen is a working day', '2027-03-25', true],
    ['långfredagen 2027', '2027-03-26', false],
    ['annandag påsk 2027', '2027-03-29', false],
    ['långfredagen 2028 (Easter moves)', '2028-04-14', false],
    ['annandag påsk 2028', '2028-04-17', false],
    ['valborgsmässoafton is a working day', '2027-04-30', true],
    ['första maj', '2028-05-01', false],
    ['Kristi himmelsfärdsdag', '2027-05-06', false],
    ['nationaldagen on a Tuesday', '2028-06-06', false],
    ['midsommarafton 2027', '2027-06-25', false],
    ['midsommarafton 2028', '2028-06-23', false],
    ['the Thursday before midsommarafton', '2027-06-24', true],
    ['alla helgons dag is a Saturday anyway', '2027-11-06', false],
    ['julafton', '2027-12-24', false],
    ['annandag jul', '2028-12-26', false],
    ['nyårsafton', '2027-12-31', false],
    ['the working day between the holidays', '2027-12-30', true],
  ];
  for (const [name, date, working] of days) {
    test(`${date}: ${name}`, () => assert.equal(isWorkingDay(date), working));
  }

  test('holiday names come from the library', () => {
    assert.equal(holidayName('2027-06-25'), 'midsommarafton');
    assert.equal(holidayName('2027-03-01'), null);
    assert.ok(swedishHolidays(2027).size >= 14);
  });

  test('before a deadline: the working day before; after it: the working day after', () => {
    assert.equal(onOrBeforeWorkingDay('2027-12-26'), '2027-12-23');
    assert.equal(onOrAfterWorkingDay('2027-12-24'), '2027-12-27');
    assert.equal(onOrBeforeWorkingDay('2027-03-01'), '2027-03-01');
    assert.equal(onOrAfterWorkingDay('2027-03-01'), '2027-03-01');
  });

  test('working days are counted over weekends and holidays', () => {
    assert.equal(addWorkingDays('2027-12-22', 3), '2027-12-28');
    assert.equal(addWorkingDays('2027-03-24', 2), '2027-03-30');
    assert.equal(addWorkingDays('2027-03-30', -2), '2027-03-24');
    assert.equal(addWorkingDays('2027-03-01', 0), '2027-03-01');
  });

  test('office hours are local time on working days', () => {
    const hours = { start: '08:00', end: '17:00' };
    // 06:30 UTC is 08:30 in Stockholm in summer.
    assert.equal(localMinutes(new Date('2027-06-01T06:30:00Z'), 'Europe/Stockholm'), 8 * 60 + 30);
    assert.equal(isOfficeTime('2027-06-01', 8 * 60 + 30, hours), true);
    assert.equal(isOfficeTime('2027-06-01', 7 * 60 + 59, hours), false);
    assert.equal(isOfficeTime('2027-06-01', 17 * 60, hours), false);
    assert.equal(isOfficeTime('2027-06-25', 10 * 60, hours), false);
  });
});

describe('the appeal window under lag (1930:173)', () => {
  const cases: Array<[string, string, string]> = [
    ['ends on a working day: unchanged', '2027-05-03T09:00:00Z', '2027-05-24'],
    ['ends on a Saturday: Monday', '2027-06-19T09:00:00Z', '2027-07-12'],
    ['ends on a Sunday: Monday', '2027-02-14T09:00:00Z', '2027-03-08'],
    ['ends on midsommarafton: past midsommardagen and Sunday', '2027-06-04T09:00:00Z', '2027-06-28'],
    ['ends on julafton: past juldagen, annandag jul', '2027-12-03T09:00:00Z', '2027-12-27'],
    ['ends on nyårsafton: past nyårsdagen and Sunday', '2027-12-10T09:00:00Z', '2028-01-03'],
    ['ends on långfredagen: past Easter to Tuesday', '2028-03-24T09:00:00Z', '2028-04-18'],
    ['ends on Kristi himmelsfärdsdag: Friday', '2027-04-15T09:00:00Z', '2027-05-07'],
    ['ends on nationaldagen', '2028-05-16T09:00:00Z', '2028-06-07'],
    ['ends on valborgsmässoafton, a working day: unchanged', '2027-04-09T09:00:00Z', '2027-04-30'],
  ];
  for (const [name, notified, expected] of cases) {
    test(name, () => assert.equal(appealDeadline(new Date(notified), noraProfile), expected));
  }
});
