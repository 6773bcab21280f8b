// The job list: one definition per queue, each with the payload schema the runner checks.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { JOBS } from '../../app/jobs';
import { caseCardJob } from '../../app/jobs/case-card';
import { QUEUES } from '../../app/jobs/queue';

test('every queue has exactly one job definition', () => {
  assert.deepEqual(JOBS.map((j) => j.queue).sort(), Object.values(QUEUES).sort());
});

test('payloads are parsed, not trusted', () => {
  const byQueue = new Map(JOBS.map((j) => [j.queue, j.payload] as const));
  assert.ok(byQueue.get('case-card')!.safeParse({ caseId: 'c1' }).success, 'a case id');
  assert.ok(!byQueue.get('case-card')!.safeParse({ decisionId: 'd1' }).success, 'not another queue’s payload');
  assert.ok(!byQueue.get('decision-delivery')!.safeParse({ decisionId: 42 }).success, 'an id is a string');
  assert.ok(!byQueue.get('completion-delivery')!.safeParse(null).success, 'no payload is refused');
  assert.ok(byQueue.get('case-card-sweep')!.safeParse({}).success, 'the sweep takes nothing');
});

test('the sweep, the reminder plan and gallring run on a schedule and alone; card refreshes collapse per case', () => {
  assert.deepEqual(JOBS.filter((j) => j.schedule).map((j) => j.queue), ['case-card-sweep', 'reminder-plan', 'retention']);
  assert.deepEqual(JOBS.filter((j) => j.alone).map((j) => j.queue), ['case-card-sweep', 'reminder-plan', 'retention']);
  assert.equal(caseCardJob.oneWaitingPer?.({ caseId: 'c1' }), 'c1');
});
