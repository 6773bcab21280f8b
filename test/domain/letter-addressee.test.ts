// The decision letter's addressee: a fristående unit's letter goes to the huvudman (name and
// organisation number) as well as the principal; a kommunal unit's to the principal.
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { decisionText } from '../../domain/decision-text';
import { addresseeLines } from '../../domain/letter-addressee';
import { noraProfile } from '../../domain/profile';

const letter = (unit: { name: string; kind: 'kommunal' | 'fristaende'; huvudman: string }, orgNumber: string | null) =>
  decisionText({
    profile: noraProfile,
    caseNumber: 'TB-2027-0007',
    unit,
    term: 'HT2027',
    pupilRef: 'AB, född 2015',
    schoolForm: 'grundskola',
    outcome: 'rejected',
    amountPerMonth: null,
    from: null,
    to: null,
    reason: 'Behovet kan mötas med ordinära insatser.',
    decidedBy: { name: 'Adele Vance', title: 'Chef för Elevhälsan' },
    decisionDate: '2027-05-12',
    addressee: { principalName: 'Alex Wilber', unitName: unit.name, unitKind: unit.kind, huvudman: unit.huvudman, orgNumber },
  });

describe('the decision letter is addressed', () => {
  test('to the huvudman, with its organisation number, and the principal of a fristående unit', () => {
    const text = letter({ name: 'Friskolan Näktergalen', kind: 'fristaende', huvudman: 'Näktergalen AB' }, '556123-4567');
    const [, address] = text.split('\n\n');
    assert.equal(address, 'Till: Näktergalen AB (organisationsnummer 556123-4567), huvudman för Friskolan Näktergalen\noch rektor Alex Wilber, Friskolan Näktergalen');
  });

  test('to the principal of a kommunal unit', () => {
    const text = letter({ name: 'Järnboåsskolan', kind: 'kommunal', huvudman: 'Nora kommun' }, '212000-1983');
    assert.equal(text.split('\n\n')[1], 'Till: Rektor Alex Wilber, Järnboåsskolan');
    assert.doesNotMatch(text, /organisationsnummer 212000/);
  });

  test('without a known organisation number the huvudman is still named', () => {
    assert.deepEqual(addresseeLines({ principalName: 'Alex Wilber', unitName: 'Friskolan Näktergalen', unitKind: 'fristaende', huvudman: 'Näktergalen AB' }), [
      'Till: Näktergalen AB, huvudman för Friskolan Näktergalen',
      'och rektor Alex Wilber, Friskolan Näktergalen',
    ]);
  });
});
