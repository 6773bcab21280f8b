// The decision card lays the letter out as an official decision: headings as headings, the case
// data as a fact set, each list item on its own line, and nothing of a granted measure cut.
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { decisionCard } from '../../cards/decision';
import { cardBytes } from '../../cards/clip';
import { decisionText, type DecisionTextInput } from '../../domain/decision-text';
import { noraProfile } from '../../domain/profile';
import { caseChannelCard } from '../../cards/case-channel';
import { channelVm, decisionVm } from './case-fixtures';
import { nodes, texts } from './helpers';
import { MAX_CARD_BYTES, validateCard } from './validate';

const LONG_MEASURE =
  'Elevassistent (en vuxen som följer eleven hela skoldagen, förbereder övergångar mellan lektioner och raster, ' +
  'stöttar i matsalen och på utflykter, håller ihop kontakten med vårdnadshavare och elevhälsa och dokumenterar varje vecka ' +
  'vad som fungerat och inte fungerat, så att stödet kan följas upp och justeras under terminen utan att eleven behöver byta vuxen)';

const letter: DecisionTextInput = {
  profile: noraProfile,
  caseNumber: 'TB-2027-0042',
  unit: { name: 'Friskolan Näktergalen', kind: 'fristaende', huvudman: 'Näktergalen AB' },
  term: 'HT2027',
  pupilRef: 'AB, född 2015',
  schoolForm: 'grundskola',
  outcome: 'partly_approved',
  amountPerMonth: 18083,
  from: '2027-08-16',
  to: '2027-12-22',
  approvedMeasures: [LONG_MEASURE],
  notApprovedMeasures: ['Extra undervisning (läxhjälp två eftermiddagar i veckan)'],
  reason: 'Läxhjälpen är ordinärt stöd som ersätts genom grundbeloppet.',
  decidedBy: { name: 'Adele Vance', title: 'Chef för Elevhälsan' },
  decisionDate: '2027-05-12',
};

describe('the decision card lays out the letter', () => {
  const card = decisionCard(decisionVm({ text: decisionText(letter), appealDeadlineText: '2 juni 2027' }));
  const blocks = nodes(card).filter((n) => n.type === 'TextBlock');
  const block = (value: string) => blocks.find((b) => b.text === value);

  test('valid schema 1.5, under the size budget', () => {
    assert.deepEqual(validateCard(card), []);
    assert.ok(cardBytes(card) < MAX_CARD_BYTES);
  });

  test('each section heading is a TextBlock of its own, bold and marked as a heading', () => {
    for (const h of ['BESLUT OM TILLÄGGSBELOPP', 'Beslut', 'Skäl för beslutet', 'Lagstöd', 'Utbetalning', 'Uppföljning', 'Hur man överklagar']) {
      const found = block(h);
      assert.ok(found, `no heading ${h}: ${texts(card).join(' | ').slice(0, 400)}`);
      assert.equal(found.weight, 'bolder', h);
      assert.equal(found.style, 'heading', h);
    }
  });

  test('the case data of the letter is a fact set', () => {
    const factSets = nodes(card).filter((n) => n.type === 'FactSet') as Array<{ facts: Array<{ title: string; value: string }> }>;
    const header = factSets.find((f) => f.facts.some((x) => x.title === 'Beslutsdatum'));
    assert.ok(header, 'no fact set with the decision date');
    assert.deepEqual(
      header.facts.map((f) => [f.title, f.value]),
      [
        ['Ärende', 'TB-2027-0042'],
        ['Beslutsdatum', '12 maj 2027'],
        ['Enhet', 'Friskolan Näktergalen (fristående enhet)'],
        ['Huvudman', 'Näktergalen AB'],
        ['Barn/elev', 'referens AB, född 2015'],
        ['Ansökan avser', 'höstterminen 2027'],
      ],
    );
  });

  test('list items are lines of their own; the next instruction is not swallowed', () => {
    assert.ok(block('• varför ni anser att beslutet ska ändras'), 'the last appeal item stands alone');
    assert.ok(blocks.some((b) => String(b.text).startsWith('Underteckna överklagandet')), 'the signing instruction is its own text');
    assert.ok(block('• Extra undervisning (läxhjälp två eftermiddagar i veckan)'));
  });

  test('a long granted measure is shown whole', () => {
    assert.ok(block(`• ${LONG_MEASURE}`), 'the granted measure is cut');
    assert.ok(!texts(card).some((t) => t.includes('…')), 'nothing is shortened');
  });
});

describe('the channel card says where the decision is', () => {
  const decision = { outcome: 'approved' as const, decidedText: '12 maj 2027', amountPerMonthText: '18 083 kr', periodText: '16 augusti – 22 december 2027' };
  const textsOf = (extra: Parameters<typeof channelVm>[0]) => texts(caseChannelCard(channelVm({ statusText: 'Beslutad', ...extra }))).join('\n');

  test('delivered: the date and time it reached the principal', () => {
    const card = caseChannelCard(channelVm({ decision: { ...decision, delivery: 'delivered', deliveredText: '12 maj 2027 kl. 14:05' }, deliveryFailed: false }));
    assert.deepEqual(validateCard(card), []);
    assert.match(texts(card).join('\n'), /Beslutet levererat till rektorns chatt 12 maj 2027 kl\. 14:05\./);
  });

  test('on its way, or failed: said so, never "levererat"', () => {
    assert.match(textsOf({ decision: { ...decision, delivery: 'pending' }, deliveryFailed: false }), /på väg till rektorns chatt/);
    const failed = textsOf({ decision: { ...decision, delivery: 'failed' }, deliveryFailed: true });
    assert.match(failed, /kunde inte levereras/);
    assert.doesNotMatch(failed, /levererat/);
  });
});
