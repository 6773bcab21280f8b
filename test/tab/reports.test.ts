// The payment list as a pure function: which grants pay in a month, and that a decision ended
// early (issue 16: the child left the unit) pays nothing from the month after its last day.
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { CaseOverviewRow } from '../../prisma/repositories/case-overview';
import { paymentList } from '../../tab/reports';

function grant(over: Partial<NonNullable<CaseOverviewRow['decision']>> = {}, kind: 'kommunal' | 'fristaende' = 'kommunal'): CaseOverviewRow {
  return {
    id: 'c1',
    caseNumber: 'TB-2027-0001',
    unitId: 'u1',
    unitName: 'Järnboåsskolan',
    unitKind: kind,
    huvudman: kind === 'kommunal' ? 'Nora kommun' : 'Näktergalen AB',
    principalId: 'p1',
    term: 'HT2027',
    schoolForm: 'grundskola',
    status: 'decided',
    late: false,
    assignedHandlerId: null,
    handlerName: null,
    createdAt: new Date('2027-04-01T08:00:00Z'),
    versionCount: 1,
    completionCount: 0,
    decision: { id: 'd1', outcome: 'approved', amountPerMonth: 12500, from: '2027-08-16', to: '2028-01-16', endedFrom: null, decidedAt: new Date('2027-05-01T08:00:00Z'), decidedById: 'h1', ...over },
  };
}

describe('payment list: a decision ended early stops paying', () => {
  // [the decision's endedFrom, month, what it pays that month, the "Period till" shown]
  const table: Array<[string | null, string, number, string | null]> = [
    [null, '2027-08', 12500, '2028-01-16'],
    [null, '2028-01', 12500, '2028-01-16'],
    [null, '2028-02', 0, null],
    // Ended from 1 November: October is the last month paid, November and after nothing.
    ['2027-11-01', '2027-10', 12500, '2027-10-31'],
    ['2027-11-01', '2027-11', 0, null],
    ['2027-11-01', '2027-12', 0, null],
    ['2027-11-01', '2028-01', 0, null],
    // Ended from 15 November: paid for November (its first two weeks are in the period), not after.
    ['2027-11-15', '2027-11', 12500, '2027-11-14'],
    ['2027-11-15', '2027-12', 0, null],
    // Ended from its first day: never paid.
    ['2027-08-16', '2027-08', 0, null],
    ['2027-08-16', '2027-09', 0, null],
    // An end after the period changes nothing.
    ['2028-03-01', '2028-01', 12500, '2028-01-16'],
    ['2028-03-01', '2028-02', 0, null],
  ];
  for (const [endedFrom, month, pays, to] of table) {
    test(`ended from ${endedFrom ?? 'never'}, ${month}: ${pays} kr`, () => {
      const list = paymentList([grant({ endedFrom })], month);
      assert.equal(list.totals.all, pays);
      assert.deepEqual(list.kommunal.map((p) => p.to), to ? [to] : []);
    });
  }

  test('the totals are the sum of the grants still paying, each kind apart', () => {
    const rows = [
      grant(),
      { ...grant({ endedFrom: '2027-11-01', amountPerMonth: 8267.5 }, 'fristaende'), id: 'c2', caseNumber: 'TB-2027-0002' },
      { ...grant({ amountPerMonth: 1000.25 }, 'fristaende'), id: 'c3', caseNumber: 'TB-2027-0003' },
    ];
    assert.deepEqual(paymentList(rows, '2027-10').totals, { fristaende: 9267.75, kommunal: 12500, all: 21767.75 });
    assert.deepEqual(paymentList(rows, '2027-11').totals, { fristaende: 1000.25, kommunal: 12500, all: 13500.25 });
  });
});
