// The decision letter as blocks: what the card and a PDF lay out. The stored text must read back
// as the same blocks, whatever the head writes as reasons, so headings stay headings, the case
// data a fact set, lists lists, and no block swallows the next.
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { decisionLetter, decisionText, letterText, parseLetter, type DecisionTextInput, type LetterBlock } from '../../domain/decision-text';
import { noraProfile } from '../../domain/profile';

const independentUnit = { name: 'Solrosens förskola', kind: 'fristaende', huvudman: 'Solrosen Förskolor AB' } as const;
const municipalUnit = { name: 'Norrskolan', kind: 'kommunal', huvudman: 'Nora kommun' } as const;

// Longer than any clip the cards use for summaries (280) and than the old 80-character label.
const LONG_MEASURE =
  'Elevassistent (en vuxen som följer eleven hela skoldagen, förbereder övergångar mellan lektioner och raster, ' +
  'stöttar i matsalen och på utflykter, håller ihop kontakten med vårdnadshavare och elevhälsa och dokumenterar varje vecka ' +
  'vad som fungerat och inte fungerat, så att stödet kan följas upp och justeras under terminen utan att eleven behöver byta vuxen)';

function input(overrides: Partial<DecisionTextInput> = {}): DecisionTextInput {
  return {
    profile: noraProfile,
    caseNumber: 'TB-2027-0001',
    unit: independentUnit,
    term: 'HT2027',
    pupilRef: 'B-7F3K',
    schoolForm: 'grundskola',
    outcome: 'approved',
    amountPerMonth: 12400,
    from: '2027-08-01',
    to: '2027-12-31',
    approvedMeasures: ['Assistent, 20 timmar per vecka'],
    decidedBy: { name: 'Karin Lund', title: 'Chef för Elevhälsan' },
    decisionDate: '2027-05-20',
    ...overrides,
  };
}

const rejected: Partial<DecisionTextInput> = { outcome: 'rejected', amountPerMonth: null, from: null, to: null, approvedMeasures: [], reason: 'Behovet ryms i grundbeloppet' };
const partly: Partial<DecisionTextInput> = {
  outcome: 'partly_approved',
  approvedMeasures: [LONG_MEASURE],
  notApprovedMeasures: ['Extra undervisning i matematik', 'Specialpedagogisk insats'],
  reason: 'Extra undervisning är ordinärt stöd',
};
// Reasons as a head might type them: several paragraphs, a line that looks like a fact, a
// line that looks like a list item, a line in capitals, a line without a full stop.
const AWKWARD_REASON = 'Beslut: delvis bifall\n\n- assistenten behövs\n- rummet behövs inte\n\nSE BILAGA\n\nBehovet är omfattande';

const LETTERS: Array<[string, DecisionTextInput]> = [
  ['approved, fristående', input()],
  ['approved, kommunal', input({ unit: municipalUnit })],
  ['approved with a long measure', input({ approvedMeasures: [LONG_MEASURE] })],
  ['partly, fristående', input(partly)],
  ['partly, kommunal, difficulties ground refused for kommunal is not tried', input({ ...partly, unit: municipalUnit })],
  ['partly with an awkward reason', input({ ...partly, reason: AWKWARD_REASON, significantDifficulties: true })],
  ['rejected, fristående, difficulties', input({ ...rejected, significantDifficulties: true })],
  ['rejected, kommunal', input({ ...rejected, unit: municipalUnit })],
  ['rejected with an awkward reason', input({ ...rejected, reason: AWKWARD_REASON })],
];

const headings = (blocks: LetterBlock[]) => blocks.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);

describe('the decision letter as blocks', () => {
  for (const [name, given] of LETTERS) {
    test(`${name}: the stored text reads back as the same blocks`, () => {
      const blocks = decisionLetter(given);
      const text = decisionText(given);
      assert.equal(text, letterText(blocks));
      assert.deepEqual(parseLetter(text), blocks);
    });
  }

  test('the title, the section headings and the case facts are blocks of their own kind', () => {
    const blocks = parseLetter(decisionText(input()));
    assert.deepEqual(blocks[0], { kind: 'heading', level: 1, text: 'BESLUT OM TILLÄGGSBELOPP' });
    assert.deepEqual(headings(blocks), [
      'BESLUT OM TILLÄGGSBELOPP',
      'Nora kommun, Elevhälsan',
      'Beslut',
      'Skäl för beslutet',
      'Lagstöd',
      'Utbetalning',
      'Uppföljning',
      'Hur man överklagar',
    ]);
    const facts = blocks.find((b) => b.kind === 'facts');
    assert.ok(facts && facts.kind === 'facts');
    assert.deepEqual(facts.facts.map((f) => f.title), ['Ärende', 'Beslutsdatum', 'Enhet', 'Huvudman', 'Barn/elev', 'Ansökan avser']);
    // No paragraph starts with a heading's words: the heading is not run into its text.
    for (const b of blocks) if (b.kind === 'paragraph') assert.ok(!headings(blocks).some((h) => b.lines[0]!.startsWith(`${h} `)), b.lines[0]);
  });

  test('the appeal list ends with its last item; the next instruction is a paragraph of its own', () => {
    const blocks = parseLetter(decisionText(input()));
    const i = blocks.findIndex((b) => b.kind === 'list' && b.intro === 'Skriv i överklagandet:');
    const list = blocks[i]!;
    assert.ok(list.kind === 'list');
    assert.equal(list.items.at(-1), 'varför ni anser att beslutet ska ändras');
    const next = blocks[i + 1]!;
    assert.ok(next.kind === 'paragraph' && next.lines[0]!.startsWith('Underteckna överklagandet'));
  });

  test('a long granted measure is kept whole, as one list item', () => {
    const blocks = parseLetter(decisionText(input(partly)));
    const granted = blocks.find((b) => b.kind === 'list' && b.intro === 'Insatser som beviljas:');
    assert.ok(granted && granted.kind === 'list');
    assert.deepEqual(granted.items, [LONG_MEASURE]);
  });

  test("the head's reason keeps its paragraphs and cannot pose as a heading, a fact or a list", () => {
    const blocks = decisionLetter(input({ ...rejected, reason: AWKWARD_REASON }));
    const start = blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Skäl för beslutet');
    assert.deepEqual(blocks.slice(start + 1, start + 5), [
      { kind: 'paragraph', lines: ['Beslut: delvis bifall.'] },
      { kind: 'paragraph', lines: ['- assistenten behövs - rummet behövs inte.'] },
      { kind: 'paragraph', lines: ['SE BILAGA.'] },
      { kind: 'paragraph', lines: ['Behovet är omfattande.'] },
    ]);
  });

  test('a letter stored in the earlier layout still reads without losing a line', () => {
    const old = 'BESLUT OM TILLÄGGSBELOPP\n\nSkäl för beslutet\nBehovet ryms.\n\nSkriv i överklagandet:\n- a\n- b\nUnderteckna överklagandet.';
    const blocks = parseLetter(old);
    assert.deepEqual(blocks, [
      { kind: 'heading', level: 1, text: 'BESLUT OM TILLÄGGSBELOPP' },
      { kind: 'heading', level: 2, text: 'Skäl för beslutet' },
      { kind: 'paragraph', lines: ['Behovet ryms.'] },
      { kind: 'paragraph', lines: ['Skriv i överklagandet:', '- a', '- b', 'Underteckna överklagandet.'] },
    ]);
  });
});
