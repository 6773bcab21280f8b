import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { ATTACHMENT_KINDS, COMPETENCES, CRITERIA, ELIGIBLE_MEASURE_TYPES, ORDINARY_MEASURE_TYPES, SCHOOL_FORMS } from '../../domain/schemas';
import {
  ATTACHMENT_KIND_LABELS,
  CASE_STATUS_FOR_ELEVHALSA,
  CASE_STATUS_FOR_PRINCIPAL,
  COMPETENCE_LABELS,
  CRITERION_LABELS,
  DECISION_OUTCOME_CHOICES,
  DECISION_OUTCOME_LABELS,
  MEASURE_TYPE_TITLES,
  MEASURE_TYPE_LABELS,
  ROLE_LABELS,
  SCHOOL_FORM_LABELS,
  UNIT_KIND_LABELS,
  formatHours,
  formatHoursPerWeek,
  formatKronor,
  formatNumber,
  termLabel,
  termTitle,
} from '../../domain/wording';
import { DECISION_OUTCOMES } from '../../domain/schemas';
import { CASE_STATUSES, ROLES, UNIT_KINDS } from '../../domain/vocabulary';

const maps: Array<[string, readonly string[], Record<string, string>]> = [
  ['school forms', SCHOOL_FORMS, SCHOOL_FORM_LABELS],
  ['criteria', CRITERIA, CRITERION_LABELS],
  ['competences', COMPETENCES, COMPETENCE_LABELS],
  ['measure types', [...ELIGIBLE_MEASURE_TYPES, ...ORDINARY_MEASURE_TYPES], MEASURE_TYPE_LABELS],
  ['attachment kinds', ATTACHMENT_KINDS, ATTACHMENT_KIND_LABELS],
  ['unit kinds', UNIT_KINDS, UNIT_KIND_LABELS],
  ['decision outcomes', DECISION_OUTCOMES, DECISION_OUTCOME_LABELS],
  ['decision choices', DECISION_OUTCOMES, DECISION_OUTCOME_CHOICES],
  ['case statuses (principal)', CASE_STATUSES, CASE_STATUS_FOR_PRINCIPAL],
  ['case statuses (Elevhälsan)', CASE_STATUSES, CASE_STATUS_FOR_ELEVHALSA],
  ['roles', ROLES, ROLE_LABELS],
];

for (const [name, values, labels] of maps) {
  test(`every ${name} value has one distinct Swedish label`, () => {
    assert.deepEqual(Object.keys(labels).sort(), [...values].sort());
    const texts = values.map((v) => labels[v]!);
    assert.ok(texts.every((t) => t.trim().length > 0));
    assert.equal(new Set(texts).size, texts.length);
  });
}

test('a measure standing alone says when it is ordinary support; its label in a sentence does not', () => {
  for (const t of ORDINARY_MEASURE_TYPES) assert.equal(MEASURE_TYPE_TITLES[t], `${MEASURE_TYPE_LABELS[t]} (ordinärt stöd)`);
  for (const t of ELIGIBLE_MEASURE_TYPES) assert.equal(MEASURE_TYPE_TITLES[t], MEASURE_TYPE_LABELS[t]);
  for (const t of [...ELIGIBLE_MEASURE_TYPES, ...ORDINARY_MEASURE_TYPES]) assert.doesNotMatch(MEASURE_TYPE_LABELS[t], /\(ordinär/);
});

test('a term in a sentence and standing alone', () => {
  assert.equal(termLabel('HT2027'), 'höstterminen 2027');
  assert.equal(termLabel('VT2028'), 'vårterminen 2028');
  assert.equal(termTitle('HT2027'), 'Höstterminen 2027');
  assert.equal(termTitle('VT2028'), 'Vårterminen 2028');
  for (const bad of ['ht2027', 'HT27', '']) assert.throws(() => termLabel(bad), RangeError);
});

test('hours, with one hour in the singular', () => {
  assert.equal(formatHours(1), '1 timme');
  assert.equal(formatHours(11), '11 timmar');
  assert.equal(formatHours(2.5), '2,5 timmar');
  assert.equal(formatHours(0), '0 timmar');
  assert.equal(formatHoursPerWeek(1), '1 timme i veckan');
  assert.equal(formatHoursPerWeek(11), '11 timmar i veckan');
  assert.equal(formatHoursPerWeek(32.5), '32,5 timmar i veckan');
});

test('numbers and kronor the Swedish way, with ordinary spaces', () => {
  assert.equal(formatNumber(12400), '12 400');
  assert.equal(formatNumber(-1200), '-1 200');
  assert.equal(formatNumber(2.5), '2,5');
  assert.equal(formatKronor(18083.4), '18 083 kr');
  assert.equal(formatKronor(1234567), '1 234 567 kr');
});
