// The one adapter between the decision letter's text and the PDF's layout: nothing of the
// letter is lost or reordered, headings and lists are recognised.
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { decisionText, type DecisionTextInput } from '../../domain/decision-text';
import { noraProfile } from '../../domain/profile';
import { letterBlocks } from '../../tab/decision-pdf';

const base: DecisionTextInput = {
  outcome: 'partly_approved',
  amountPerMonth: 8267.5,
  from: '2027-08-01',
  to: '2027-12-31',
  reason: 'Assistans under lektionstid beviljas.',
  approvedMeasures: ['Elevassistent under lektionstid'],
  notApprovedMeasures: ['Stöd på fritidshemmet'],
  profile: noraProfile,
  caseNumber: 'TB-2027-0042',
  unit: { name: 'Friskolan Näktergalen', kind: 'fristaende', huvudman: 'Näktergalen AB' },
  term: 'HT2027',
  pupilRef: 'Elev K-9',
  schoolForm: 'grundskola',
  decidedBy: { name: 'Adele Vance', title: 'Chef för Elevhälsan' },
  decisionDate: '2027-05-10',
};

describe('letterBlocks', () => {
  for (const [name, input] of [
    ['partly approved, fristående', base],
    ['rejected, kommunal', { ...base, outcome: 'rejected', amountPerMonth: null, from: null, to: null, unit: { name: 'Järnboåsskolan', kind: 'kommunal', huvudman: 'Nora kommun' } }],
  ] as const) {
    test(`${name}: every line of the letter, in order`, () => {
      const text = decisionText(input as DecisionTextInput);
      const blocks = letterBlocks(text);
      const lines = blocks.flatMap((b) => (b.kind === 'list' ? b.items.map((i) => `- ${i}`) : b.text.split('\n')));
      assert.deepEqual(lines, text.split('\n').filter((l) => l.trim() !== ''));
      assert.equal(blocks[0]!.kind, 'title');
      assert.ok(blocks.some((b) => b.kind === 'heading' && b.text === 'Skäl för beslutet'));
      assert.ok(blocks.some((b) => b.kind === 'heading' && b.text === 'Lagstöd'));
    });
  }

  test('lists are lists', () => {
    const blocks = letterBlocks(decisionText(base));
    assert.ok(blocks.some((b) => b.kind === 'list' && b.items.includes('Stöd på fritidshemmet')));
  });
});
