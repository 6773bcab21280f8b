// Worst cases for Teams' 28 KB card limit: every free text at the 4 000 characters the bot
// accepts, many measures, long lists.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { stepCard } from '../../cards/step-card';
import { caseListCard } from '../../cards/case-list';
import { draftListCard } from '../../cards/draft-list';
import { clip, CLIP_LENGTH, MAX_LIST_ROWS } from '../../cards/clip';
import { MAX_TEXT_LENGTH } from '../../cards/inputs';
import { APPLICATION_STEPS } from '../../machines/application.steps';
import type { TApplicationDraft } from '../../domain/schemas';
import { cardBytes, MAX_CARD_BYTES, validateCard } from './validate';
import { fullDraft, fullStepVm, measure, summarySections } from './fixtures';
import { allText, input, nodes } from './helpers';

const max = 'Långt svar med åäö. '.repeat(MAX_TEXT_LENGTH / 20).slice(0, MAX_TEXT_LENGTH);

const maxDraft: TApplicationDraft = {
  ...fullDraft,
  need: { ...fullDraft.need, description: max },
  mapping: { cognitive: max, social: max, needs: max, prognosis: max },
  measures: Array.from({ length: 12 }, (_, i) => ({ ...measure(i + 1), description: max })),
  effect: { description: max },
};

test('every step stays under 28 KB with every text at its maximum', () => {
  for (const step of APPLICATION_STEPS) {
    const vm = fullStepVm(step, maxDraft);
    vm.summarySections = summarySections(maxDraft).map((s) => ({ ...s, facts: s.facts.map((f) => ({ ...f, value: max })) }));
    vm.newMeasure = { type: 'assistent', description: max };
    const card = stepCard(vm);
    assert.deepEqual(validateCard(card), [], step);
    console.log(`${step} at maximum: ${cardBytes(card)} bytes`);
  }
});

test('long lists are cut to the first rows and say so', () => {
  const cases = Array.from({ length: 80 }, (_, i) => ({
    caseNumber: `TB-2027-${String(i).padStart(4, '0')}`,
    termLabel: 'HT 2027',
    unitName: 'Karlaskolan F–6',
    statusText: 'Väntar på beslut',
    submittedText: '2 maj 2027',
    pupilLabel: 'Elsa Lindqvist',
  }));
  const caseCard = caseListCard({ cases });
  assert.ok(cardBytes(caseCard) < MAX_CARD_BYTES);
  assert.match(allText(caseCard), new RegExp(`Du har 80 ärenden\\. Här visas de ${MAX_LIST_ROWS} första\\.`));
  assert.equal(nodes(caseCard).filter((n) => n.type === 'FactSet').length, MAX_LIST_ROWS);

  const drafts = Array.from({ length: 40 }, (_, i) => ({ draftId: `d${i}`, label: `Utkast ${i}`, stepTitle: 'Behovet', updatedText: 'i dag' }));
  const draftCard = draftListCard({ drafts });
  assert.deepEqual(validateCard(draftCard), []);
  assert.match(allText(draftCard), /Du har 40 sparade utkast, här visas de 20 första\./);
});

test('multi-line answers stop at the length the bot accepts', () => {
  const card = stepCard(fullStepVm('mapping'));
  assert.equal(input(card, 'mapping.cognitive')?.maxLength, MAX_TEXT_LENGTH);
});

test('clip', () => {
  const cases: Array<[string, string]> = [
    ['kort text', 'kort text'],
    ['  luft runt  ', 'luft runt'],
    ['a'.repeat(CLIP_LENGTH), 'a'.repeat(CLIP_LENGTH)],
    ['a'.repeat(CLIP_LENGTH + 1), `${'a'.repeat(CLIP_LENGTH)} …`],
  ];
  for (const [value, expected] of cases) assert.equal(clip(value), expected);
  const words = clip('ord '.repeat(200));
  assert.ok(words.length <= CLIP_LENGTH + 2 && words.endsWith('ord …'), 'cut between words');
});
