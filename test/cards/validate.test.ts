// The validator must catch what Teams would reject or render badly; each case breaks one rule.
import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { validateCard } from './validate';
import { cardRefresh, execute } from '../../cards/actions';
import { adaptiveCard } from '../../cards/card';

const ok = () =>
  adaptiveCard(
    [
      { type: 'TextBlock', text: 'Hej', wrap: true },
      { type: 'Input.Text', id: 'placement.group', label: 'Grupp', errorMessage: 'Skriv gruppen.' },
    ],
    [execute('Nästa', 'step.next', { draftId: 'd1', step: 'placement' })],
  );

type Case = { name: string; mutate: (card: any) => void; expect: RegExp };

const cases: Case[] = [
  { name: 'unknown element type', mutate: (c) => c.body.push({ type: 'Carousel' }), expect: /Unknown element type|not allowed/ },
  { name: 'unknown property (typo)', mutate: (c) => (c.body[1].multiline = true), expect: /unknown property "multiline"/ },
  { name: 'TextBlock without wrap', mutate: (c) => delete c.body[0].wrap, expect: /must wrap/ },
  { name: 'three columns', mutate: (c) => c.body.push({ type: 'ColumnSet', columns: [1, 2, 3].map(() => ({ type: 'Column', items: [] })) }), expect: /more than 2 columns/ },
  { name: 'input without label', mutate: (c) => delete c.body[1].label, expect: /without a label/ },
  { name: 'input without errorMessage', mutate: (c) => delete c.body[1].errorMessage, expect: /without an errorMessage/ },
  { name: 'input id outside the dictionary', mutate: (c) => (c.body[1].id = 'groupName'), expect: /not a data-dictionary path/ },
  { name: 'duplicated input id', mutate: (c) => c.body.push({ ...c.body[1] }), expect: /Duplicate Id|duplicated input id/ },
  { name: 'ChoiceSet without choices', mutate: (c) => c.body.push({ type: 'Input.ChoiceSet', id: 'term', label: 'Termin', errorMessage: 'Välj.', choices: [] }), expect: /at least one choice/ },
  { name: 'Action.Submit instead of Execute', mutate: (c) => (c.actions[0] = { type: 'Action.Submit', title: 'Nästa', data: {} }), expect: /must be an Action.Execute/ },
  { name: 'verb outside CardVerb', mutate: (c) => (c.actions[0].verb = 'step.jump'), expect: /not one of/ },
  { name: 'missing id in data', mutate: (c) => delete c.actions[0].data.step, expect: /expected \[draftId,step\]/ },
  { name: 'missing fallback', mutate: (c) => delete c.actions[0].fallback, expect: /needs a fallback Action.Submit/ },
  { name: 'fallback without verb', mutate: (c) => delete c.actions[0].fallback.data.verb, expect: /fallback data/ },
  { name: 'invalid fallback', mutate: (c) => (c.actions[0].fallback.type = 'Action.Foo'), expect: /needs a fallback Action.Submit/ },
  { name: 'version 1.6', mutate: (c) => (c.version = '1.6'), expect: /version must be 1.5/ },
  { name: 'too large', mutate: (c) => (c.body[0].text = 'å'.repeat(15 * 1024)), expect: /must stay under/ },
  { name: 'Input.Date id outside the dictionary', mutate: (c) => c.body.push({ type: 'Input.Date', id: 'startDate', label: 'Från', errorMessage: 'Välj.' }), expect: /not a data-dictionary path/ },
  { name: 'refresh with Action.Submit', mutate: (c) => (c.refresh = { action: { type: 'Action.Submit', title: 'x', data: {} }, userIds: [] }), expect: /not allowed in this context|must be an Action.Execute/ },
  { name: 'refresh verb outside CardVerb', mutate: (c) => (c.refresh = cardRefresh('case.refresh', { caseId: 'c1' }, [])) && (c.refresh.action.verb = 'card.refresh'), expect: /not one of/ },
  { name: 'refresh without its ids', mutate: (c) => (c.refresh = cardRefresh('case.refresh', { caseId: 'c1' }, [])) && (c.refresh.action.data = {}), expect: /expected \[caseId\]/ },
  { name: 'refresh with a fallback', mutate: (c) => (c.refresh = cardRefresh('case.refresh', { caseId: 'c1' }, [])) && (c.refresh.action.fallback = { type: 'Action.Submit', title: 'x' }), expect: /takes no fallback/ },
  { name: 'refresh for more than 60 users', mutate: (c) => (c.refresh = cardRefresh('case.refresh', { caseId: 'c1' }, [])) && (c.refresh.userIds = Array.from({ length: 61 }, (_, i) => `29:u${i}`)), expect: /at most 60/ },
  { name: 'refresh without user ids', mutate: (c) => (c.refresh = cardRefresh('case.refresh', { caseId: 'c1' }, [])) && delete c.refresh.userIds, expect: /list of user ids/ },
  { name: 'refresh with an unknown property', mutate: (c) => (c.refresh = cardRefresh('case.refresh', { caseId: 'c1' }, [])) && (c.refresh.expires = 'x'), expect: /unknown property "expires"/ },
];

describe('validateCard', () => {
  test('a correct card has no problems', () => {
    assert.deepEqual(validateCard(ok()), []);
  });
  test('a card with a Universal Actions refresh has no problems, with or without Action.Execute', () => {
    const card = ok();
    card.refresh = cardRefresh('case.refresh', { caseId: 'c1' }, ['29:u1', '29:u2']);
    assert.deepEqual(validateCard(card), []);
  });
  for (const c of cases) {
    test(`catches: ${c.name}`, () => {
      const card = ok();
      c.mutate(card);
      const problems = validateCard(card);
      assert.ok(problems.some((p) => c.expect.test(p)), `expected ${c.expect} in:\n${problems.join('\n')}`);
    });
  }
});
