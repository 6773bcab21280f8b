import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { noraProfile } from '../../domain/profile';
import { computeAssessment, monthlyAmount } from '../../domain/assessment';
import { formatHours, formatKronor } from '../../domain/wording';
import type { TAssessment } from '../../domain/schemas';
import { validApplication } from './fixtures';

const all = (current: number, desired = current): TAssessment =>
  Object.fromEntries(noraProfile.assessment.areas.map((a) => [a.id, { current, desired }]));

describe('computeAssessment', () => {
  test('only levels from the extraordinary threshold count', () => {
    const result = computeAssessment(all(1), noraProfile);
    assert.equal(result.hoursCurrent, 0);
    assert.equal(result.amountPerMonth, 0);
    assert.ok(result.areas.every((a) => a.hoursCurrent === 0 && !a.extraordinaryCurrent));
    assert.match(result.explanation, /Inget område är bedömt på extraordinär nivå/);
  });

  test('hours per area come from the profile table', () => {
    const result = computeAssessment({ safety: { current: 3, desired: 2 }, physical: { current: 4, desired: 1 } }, noraProfile);
    const safety = result.areas.find((a) => a.id === 'safety');
    assert.deepEqual(safety, {
      id: 'safety',
      label: 'Säkerhet och tillsyn',
      current: 3,
      desired: 2,
      hoursCurrent: 10,
      hoursDesired: 4,
      extraordinaryCurrent: true,
    });
    assert.equal(result.hoursCurrent, 25);
    assert.equal(result.hoursDesired, 4);
    assert.equal(result.areas.length, noraProfile.assessment.areas.length);
  });

  test('the amount follows the current state: round(h × rate × weeks ÷ 12)', () => {
    const result = computeAssessment(validApplication().assessment, noraProfile, 30);
    assert.equal(result.hoursCurrent, 20);
    assert.equal(result.amountPerMonth, Math.round((20 * 310 * 40) / 12)); // 20 667
    assert.equal(result.hoursDesired, 3 + 4); // emotional 2 + safety 2; social 1 counts nothing
    assert.equal(result.amountPerMonthDesired, Math.round((7 * 310 * 40) / 12));
    assert.equal(result.cappedByAttendance, false);
  });

  test('12 hours gives the worked example in the explanation', () => {
    // learning 3 (6 h) + health 3 (6 h) = 12 h
    const result = computeAssessment({ learning: { current: 3, desired: 2 }, health: { current: 3, desired: 2 } }, noraProfile);
    assert.equal(result.hoursCurrent, 12);
    assert.equal(result.amountPerMonth, 12400);
    assert.equal(
      result.explanation,
      '12 timmar i veckan × 310 kr × 40 veckor ÷ 12 månader = 12 400 kr i månaden. ' +
        'Bara nivåer från ”Extraordinärt stöd vissa stunder av dagen” räknas; lägre behov ryms i grundbeloppet.',
    );
  });

  test('attendance caps the hours and the explanation says so', () => {
    const result = computeAssessment(all(4, 3), noraProfile, 25);
    assert.equal(result.uncappedHoursCurrent, 15 + 12 + 10 + 10 + 15 + 12 + 20 + 8);
    assert.equal(result.hoursCurrent, 25);
    assert.equal(result.hoursDesired, 25);
    assert.equal(result.cappedByAttendance, true);
    assert.equal(result.amountPerMonth, monthlyAmount(25, noraProfile));
    assert.match(result.explanation, /vistelsetiden är 25 timmar i veckan, så 25 timmar räknas/);
  });

  test('no attendance, or a non-positive one, means no cap', () => {
    assert.equal(computeAssessment(all(4), noraProfile).cappedByAttendance, false);
    assert.equal(computeAssessment(all(4), noraProfile, 0).hoursCurrent, 102);
  });

  test('missing assessment and levels off the scale count nothing', () => {
    assert.equal(computeAssessment(undefined, noraProfile).hoursCurrent, 0);
    const off = computeAssessment({ safety: { current: 9, desired: 7 } }, noraProfile);
    assert.equal(off.hoursCurrent, 0);
    assert.equal(off.areas.find((a) => a.id === 'safety')?.extraordinaryCurrent, false);
  });

  test('the profile rate and weeks drive the amount', () => {
    const profile = { ...noraProfile, amount: { hourlyRate: 400, weeksPerYear: 36 } };
    assert.equal(computeAssessment({ safety: { current: 2, desired: 2 } }, profile).amountPerMonth, Math.round((4 * 400 * 36) / 12));
  });
});

describe('formatting', () => {
  const kronor: Array<[number, string]> = [
    [0, '0 kr'],
    [950, '950 kr'],
    [12400, '12 400 kr'],
    [1234567, '1 234 567 kr'],
    [20666.67, '20 667 kr'],
    [-1200, '-1 200 kr'],
  ];
  for (const [n, expected] of kronor) test(`formatKronor(${n})`, () => assert.equal(formatKronor(n), expected));
  const hours: Array<[number, string]> = [
    [1, '1 timme'],
    [0, '0 timmar'],
    [12, '12 timmar'],
    [2.5, '2,5 timmar'],
    [0.96, '1 timme'],
  ];
  for (const [n, expected] of hours) test(`formatHours(${n})`, () => assert.equal(formatHours(n), expected));
});
