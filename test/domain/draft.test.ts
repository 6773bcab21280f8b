import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { draftLabel, mergeDraft } from '../../domain/draft';

describe('mergeDraft', () => {
  const base = {
    term: 'HT2027',
    pupil: { firstName: 'Alva', lastName: 'Berg', schoolForm: 'grundskola' as const },
    placement: { group: '3B', attendanceHoursPerWeek: 30 },
    need: { criteria: ['autism' as const, 'koncentration_struktur' as const] },
    assessment: { safety: { current: 3, desired: 2 } },
  };

  test('merges nested objects field by field', () => {
    const out = mergeDraft(base, { pupil: { grade: '3' } });
    assert.deepEqual(out.pupil, { firstName: 'Alva', lastName: 'Berg', schoolForm: 'grundskola', grade: '3' });
    assert.equal(out.term, 'HT2027');
  });

  test('replaces lists as a whole', () => {
    const out = mergeDraft(base, { need: { criteria: ['autism'] } });
    assert.deepEqual(out.need?.criteria, ['autism']);
  });

  test('null removes a field; undefined keeps it', () => {
    const out = mergeDraft(base, { placement: { attendanceHoursPerWeek: null, group: undefined } });
    assert.deepEqual(out.placement, { group: '3B' });
  });

  test('merges assessment areas one by one', () => {
    const out = mergeDraft(base, { assessment: { physical: { current: 2 } } });
    assert.deepEqual(out.assessment, { safety: { current: 3, desired: 2 }, physical: { current: 2 } });
  });

  test('does not mutate the base draft', () => {
    const copy = structuredClone(base);
    mergeDraft(base, { pupil: { firstName: 'Ella' }, placement: { attendanceHoursPerWeek: null } });
    assert.deepEqual(base, copy);
  });
});

describe('draftLabel', () => {
  test('names the child and term', () => {
    assert.equal(draftLabel({ term: 'HT2027', pupil: { firstName: 'Alva', lastName: 'Berg' } }), 'Alva Berg, höstterminen 2027');
  });
  test('never shows a name for protected identity', () => {
    const label = draftLabel({ term: 'VT2028', pupil: { protectedIdentity: true, firstName: 'Alva' } });
    assert.equal(label, 'Barn med skyddade personuppgifter, vårterminen 2028');
  });
  test('says what is not filled in yet', () => {
    assert.equal(draftLabel({}), 'Namn inte ifyllt, termin inte vald');
  });
});
