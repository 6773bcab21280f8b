import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { departures, type DecisionTerms } from '../../domain/proposal';

const proposal: DecisionTerms = {
  outcome: 'approved',
  amountPerMonth: 18000,
  from: '2027-08-16',
  to: '2028-01-15',
  approvedMeasureIds: ['m1', 'm2'],
  reason: 'Behovet är väl dokumenterat.',
};
const name = (id: string) => ({ m1: 'Assistent', m2: 'Lokalanpassning' })[id] ?? id;

describe('departures from the proposal', () => {
  test('the same decision departs from nothing', () => {
    assert.deepEqual(departures(proposal, { ...proposal, approvedMeasureIds: ['m2', 'm1'] }, name), []);
  });

  test('each departure is named with the proposed and the decided value', () => {
    const found = departures(proposal, { ...proposal, outcome: 'partly_approved', amountPerMonth: 12000, approvedMeasureIds: ['m1'], reason: 'Lokalanpassningen ingår i grundbeloppet.' }, name);
    assert.deepEqual(
      found.map((d) => d.field),
      ['outcome', 'amountPerMonth', 'approvedMeasures', 'reason'],
    );
    assert.equal(found[0]!.proposed, 'Beviljat');
    assert.equal(found[0]!.decided, 'Delvis beviljat');
    assert.match(found[1]!.proposed, /18\s000 kr per månad/);
    assert.match(found[1]!.decided, /12\s000 kr per månad/);
    assert.equal(found[2]!.proposed, 'Assistent, Lokalanpassning');
    assert.equal(found[2]!.decided, 'Assistent');
  });

  test('a changed period is one departure', () => {
    const found = departures(proposal, { ...proposal, to: '2027-12-31' }, name);
    assert.deepEqual(found.map((d) => d.field), ['period']);
    assert.match(found[0]!.decided, /31 december 2027/);
  });

  test('two rejections differ at most in their reasons', () => {
    const rejected: DecisionTerms = { outcome: 'rejected', amountPerMonth: null, from: null, to: null, approvedMeasureIds: [], reason: 'Ordinära insatser.' };
    assert.deepEqual(departures(rejected, { ...rejected, amountPerMonth: 5 }, name), []);
  });
});
