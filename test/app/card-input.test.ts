import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { parseAttachmentKind, parseDraftInputs, parseNewMeasure } from '../../app/card-input';
import { noraProfile } from '../../domain/profile';

describe('parseDraftInputs', () => {
  const cases: Array<{ name: string; data: Record<string, unknown>; values?: unknown; errors?: string[] }> = [
    { name: 'text is trimmed into its nested path', data: { 'pupil.firstName': '  Alva ' }, values: { pupil: { firstName: 'Alva' } } },
    { name: 'number with comma decimal', data: { 'placement.attendanceHoursPerWeek': '32,5' }, values: { placement: { attendanceHoursPerWeek: 32.5 } } },
    { name: 'cleared number becomes null (removed)', data: { 'placement.attendanceHoursPerWeek': '' }, values: { placement: { attendanceHoursPerWeek: null } } },
    { name: 'non-numeric hours', data: { 'placement.attendanceHoursPerWeek': 'trettio' }, errors: ['placement.attendanceHoursPerWeek'] },
    { name: 'negative hours', data: { 'placement.attendanceHoursPerWeek': '-3' }, errors: ['placement.attendanceHoursPerWeek'] },
    { name: 'toggle strings', data: { 'pupil.protectedIdentity': 'true', 'signature.confirmed': 'false' }, values: { pupil: { protectedIdentity: true }, signature: { confirmed: false } } },
    { name: 'multi-select criteria', data: { 'need.criteria': 'autism,koncentration_struktur' }, values: { need: { criteria: ['autism', 'koncentration_struktur'] } } },
    { name: 'empty multi-select', data: { 'need.criteria': '' }, values: { need: { criteria: [] } } },
    { name: 'unknown criterion', data: { 'need.criteria': 'autism,hacker' }, errors: ['need.criteria'] },
    { name: 'school form enum', data: { 'pupil.schoolForm': 'grundskola' }, values: { pupil: { schoolForm: 'grundskola' } } },
    { name: 'unknown school form', data: { 'pupil.schoolForm': 'gymnasium' }, errors: ['pupil.schoolForm'] },
    { name: 'term normalised', data: { term: 'ht2027' }, values: { term: 'HT2027' } },
    { name: 'malformed term', data: { term: 'autumn' }, errors: ['term'] },
    { name: 'assessment level of a profile area', data: { 'assessment.safety.current': '3' }, values: { assessment: { safety: { current: 3 } } } },
    { name: 'assessment level outside the scale', data: { 'assessment.safety.current': '9' }, errors: ['assessment.safety.current'] },
    { name: 'assessment of an unknown area is ignored', data: { 'assessment.hacker.current': '3' }, values: {} },
    { name: 'unknown keys and action data are ignored', data: { verb: 'step.next', draftId: 'x', 'pupil.role': 'admin', __proto__x: 1 }, values: {} },
    { name: 'over-long text', data: { 'need.description': 'x'.repeat(5000) }, errors: ['need.description'] },
    { name: 'wrong type for text (object)', data: { 'pupil.firstName': { a: 1 } }, errors: ['pupil.firstName'] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const parsed = parseDraftInputs(c.data, noraProfile);
      assert.deepEqual(Object.keys(parsed.inputErrors).sort(), (c.errors ?? []).sort());
      for (const message of Object.values(parsed.inputErrors)) assert.match(message, /[a-zåäö]/i);
      if (c.values !== undefined) assert.deepEqual(parsed.values, c.values);
    });
  }
});

describe('parseNewMeasure', () => {
  test('a complete measure gets an id', () => {
    const { measure, inputErrors } = parseNewMeasure({
      'measure.type': 'assistent',
      'measure.description': 'Elevassistent hela skoldagen',
      'measure.hoursPerWeek': '20',
      'measure.cost': '',
    });
    assert.deepEqual(inputErrors, {});
    assert.ok(measure?.id);
    assert.equal(measure?.type, 'assistent');
    assert.equal(measure?.hoursPerWeek, 20);
    assert.equal(measure?.cost, undefined);
  });
  test('missing type is an error on measure.type', () => {
    assert.ok(parseNewMeasure({ 'measure.description': 'x' }).inputErrors['measure.type']);
    assert.ok(parseNewMeasure({ 'measure.type': '' }).inputErrors['measure.type']);
    assert.ok(parseNewMeasure({ 'measure.type': 'piano' }).inputErrors['measure.type']);
  });
  test('bad hours is an error on measure.hoursPerWeek', () => {
    const { inputErrors } = parseNewMeasure({ 'measure.type': 'assistent', 'measure.hoursPerWeek': 'många' });
    assert.deepEqual(Object.keys(inputErrors), ['measure.hoursPerWeek']);
  });
});

describe('parseAttachmentKind', () => {
  test('known kind', () => assert.equal(parseAttachmentKind({ 'attachment.kind': 'lakarintyg' }).kind, 'lakarintyg'));
  test('unknown or missing kind', () => {
    assert.ok(parseAttachmentKind({ 'attachment.kind': 'virus' }).inputErrors['attachment.kind']);
    assert.ok(parseAttachmentKind({}).inputErrors['attachment.kind']);
  });
});
