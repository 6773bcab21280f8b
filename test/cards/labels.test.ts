import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { ATTACHMENT_KINDS, COMPETENCES, CRITERIA, ELIGIBLE_MEASURE_TYPES, ORDINARY_MEASURE_TYPES, SCHOOL_FORMS } from '../../domain/schemas';
import {
  ATTACHMENT_KIND_LABELS,
  COMPETENCE_LABELS,
  CRITERION_LABELS,
  MEASURE_TYPE_LABELS,
  SCHOOL_FORM_LABELS,
  termLabel,
} from '../../cards/labels';

const maps: Array<[string, readonly string[], Record<string, string>]> = [
  ['school forms', SCHOOL_FORMS, SCHOOL_FORM_LABELS],
  ['criteria', CRITERIA, CRITERION_LABELS],
  ['competences', COMPETENCES, COMPETENCE_LABELS],
  ['measure types', [...ELIGIBLE_MEASURE_TYPES, ...ORDINARY_MEASURE_TYPES], MEASURE_TYPE_LABELS],
  ['attachment kinds', ATTACHMENT_KINDS, ATTACHMENT_KIND_LABELS],
];

for (const [name, values, labels] of maps) {
  test(`every ${name} value has one distinct Swedish label`, () => {
    assert.deepEqual(Object.keys(labels).sort(), [...values].sort());
    const texts = values.map((v) => labels[v]!);
    assert.ok(texts.every((t) => t.trim().length > 0));
    assert.equal(new Set(texts).size, texts.length);
  });
}

test('ordinary measures are marked as ordinary, eligible ones are not', () => {
  for (const t of ORDINARY_MEASURE_TYPES) assert.match(MEASURE_TYPE_LABELS[t], /\(ordinär\)$/);
  for (const t of ELIGIBLE_MEASURE_TYPES) assert.doesNotMatch(MEASURE_TYPE_LABELS[t], /\(ordinär\)/);
});

test('termLabel', () => {
  const cases: Array<[string, string]> = [
    ['HT2027', 'Höstterminen 2027'],
    ['VT2028', 'Vårterminen 2028'],
    ['ht2027', 'ht2027'],
    ['HT27', 'HT27'],
  ];
  for (const [term, label] of cases) assert.equal(termLabel(term), label);
});
