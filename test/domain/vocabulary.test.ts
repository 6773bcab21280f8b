// The closed vocabularies must list exactly what the database's enums allow: a value only one
// side knows would be refused by Postgres or slip past zod.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import * as prismaEnums from '../../prisma/generated/enums';
import { DECISION_OUTCOMES } from '../../domain/schemas';
import {
  ZAssessmentKind,
  ZAuditAction,
  ZCaseStatus,
  ZConversationKind,
  ZDeliveryStatus,
  ZRole,
  ZSnapshotStatus,
  ZUnitKind,
} from '../../domain/vocabulary';
import { CASE_AUDIT_ACTIONS } from '../../machines/case.machine';

const sorted = (values: readonly string[]) => [...values].sort();

const PAIRS: Array<[keyof typeof prismaEnums, readonly string[]]> = [
  ['Role', ZRole.options],
  ['UnitKind', ZUnitKind.options],
  ['CaseStatus', ZCaseStatus.options],
  ['SnapshotStatus', ZSnapshotStatus.options],
  ['AssessmentKind', ZAssessmentKind.options],
  ['DeliveryStatus', ZDeliveryStatus.options],
  ['ConversationKind', ZConversationKind.options],
  ['DecisionOutcome', DECISION_OUTCOMES],
];

for (const [name, values] of PAIRS) {
  test(`the zod enum for ${name} equals the Prisma enum`, () => {
    assert.deepEqual(sorted(values), sorted(Object.values(prismaEnums[name] as Record<string, string>)));
  });
}

test('every Prisma enum has its zod enum', () => {
  const covered = new Set(PAIRS.map(([name]) => name));
  const enums = Object.keys(prismaEnums).filter((k) => typeof (prismaEnums as Record<string, unknown>)[k] === 'object');
  assert.deepEqual(enums.filter((k) => !covered.has(k as keyof typeof prismaEnums)), []);
});

test('the case machine writes only audit actions of the closed list', () => {
  for (const action of Object.values(CASE_AUDIT_ACTIONS)) assert.ok(ZAuditAction.safeParse(action).success, action);
});
