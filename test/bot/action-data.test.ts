// What a button sends is parsed with the verb table itself (cards/verbs.ts): every verb of the
// table, with the ids its schema names, is accepted; a missing or malformed id, or a verb not in
// the table, is refused. The cases are derived from the table, so a new verb is covered the day
// it is added.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { CARD_VERBS, VERB_DATA_KEYS, VERB_SCHEMAS, isCardVerb, type CardVerb } from '../../cards/verbs';
import { parseAction } from '../../bot/action-data';
import { APPLICATION_STEPS } from '../../machines/application.steps';
import { FOLLOW_UP_STEPS } from '../../machines/follow-up.steps';

const UUID = '3f0c2a8e-6b1d-4c3e-9f7a-2d5e8b1c4a60';
// A valid value for each id a verb can carry.
const SAMPLE: Record<string, string> = { draftId: UUID, caseId: UUID, step: APPLICATION_STEPS[1]!, measureId: 'm-1', newMeasureId: UUID, attachmentId: UUID, sendId: UUID, kind: 'application_deadline', term: 'HT2027' };
// The follow-up dialog's verbs carry the follow-up's own steps.
const sample = (verb: CardVerb, key: string) => (key === 'step' && verb.startsWith('followup.') ? FOLLOW_UP_STEPS[1] : SAMPLE[key]!);

const validIds = (verb: CardVerb): Record<string, string> => Object.fromEntries(VERB_DATA_KEYS[verb].map((k) => [k, sample(verb, k)]));

test('the verb list, the data keys and the schemas are one table', () => {
  assert.deepEqual([...CARD_VERBS].sort(), Object.keys(VERB_SCHEMAS).sort());
  assert.deepEqual(Object.keys(VERB_DATA_KEYS).sort(), [...CARD_VERBS].sort());
  for (const verb of CARD_VERBS) {
    assert.ok(isCardVerb(verb));
    for (const key of VERB_DATA_KEYS[verb]) assert.ok(key in SAMPLE, `${verb}: no sample for ${key}`);
  }
  assert.equal(isCardVerb('case.delete'), false);
  assert.equal(isCardVerb(undefined), false);
});

for (const verb of CARD_VERBS) {
  test(`${verb}: its ids are accepted, inputs travel alongside, a missing or bad id is refused`, () => {
    const ids = validIds(verb);
    const parsed = parseAction(verb, { ...ids, 'need.description': 'text' });
    assert.ok(parsed.ok, verb);
    assert.equal(parsed.action.verb, verb);
    assert.deepEqual(parsed.action.ids, ids, 'only the ids, never the inputs');
    assert.equal(parsed.action.inputs['need.description'], 'text');
    // The Action.Submit fallback carries the verb in its data.
    assert.ok(parseAction(undefined, { verb, ...ids }).ok);
    for (const key of VERB_DATA_KEYS[verb]) {
      const { [key]: _, ...missing } = ids;
      assert.deepEqual(parseAction(verb, missing), { ok: false, reason: 'bad_ids' }, `${verb} without ${key}`);
      assert.deepEqual(parseAction(verb, { ...ids, [key]: '' }), { ok: false, reason: 'bad_ids' }, `${verb} with empty ${key}`);
    }
  });
}

test('a verb not in the table is refused, whatever it carries', () => {
  for (const verb of ['case.delete', '', 42, null, 'CASE.ASSIGN']) {
    assert.deepEqual(parseAction(verb, { caseId: UUID }), { ok: false, reason: 'unknown_verb' }, String(verb));
  }
});

test('ids that are uuids must be uuids', () => {
  for (const verb of CARD_VERBS) {
    for (const key of VERB_DATA_KEYS[verb].filter((k) => ['draftId', 'caseId', 'attachmentId', 'newMeasureId'].includes(k))) {
      assert.deepEqual(parseAction(verb, { ...validIds(verb), [key]: 'not-a-uuid' }), { ok: false, reason: 'bad_ids' }, `${verb}.${key}`);
    }
  }
});
