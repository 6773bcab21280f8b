// Every assert.ok here carries a message: without one, Node reads and parses this source file to
// describe the failed expression, which under tsx can hang the run instead of failing the test.
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createActor, transition, type AnyStateNode } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import {
  CASE_AUDIT_ACTIONS,
  applyCaseEvent,
  createCaseMachine,
  deliveryOf,
  explainRefusal,
  outcomeOf,
  restoreCase,
  statusOf,
  type CaseEvent,
  type CaseEventResult,
  type CaseSnapshot,
  type StoredCase,
} from '../../machines/case.machine';
import type { CaseActor, CaseParties } from '../../domain/case-roles';
import type { CaseStatus, Role } from '../../domain/ports';
import { noraProfile } from '../../domain/profile';
import { DECISION_OUTCOMES } from '../../domain/schemas';

const machine = createCaseMachine({ profile: noraProfile });
const kase: CaseParties = { municipalityId: 'nora', principalId: 'p-applicant', unitId: 'unit-a' };
const input = { kase };

const person = (personId: string, roles: Role[], ledUnitIds: string[] = [], municipalityId = 'nora'): CaseActor => ({
  personId,
  municipalityId,
  roles,
  ledUnitIds,
});
const handler = person('h1', ['handler']);
const handler2 = person('h2', ['handler']);
const head = person('c1', ['head']);
const handlerHead = person('hc', ['handler', 'head']);
const admin = person('a1', ['admin']);
const applicant = person('p-applicant', ['principal'], ['unit-a']);
const newPrincipal = person('p-new', ['principal'], ['unit-a']);
const otherPrincipal = person('p-other', ['principal'], ['unit-b']);
const foreignHead = person('c9', ['head', 'handler'], [], 'lindesberg');

// 20 May 2027, 10:00 in Stockholm.
const NOTIFIED_AT = new Date('2027-05-20T08:00:00Z');

const UNIT_KINDS = ['kommunal', 'fristaende'] as const;
const decideEvents: CaseEvent[] = DECISION_OUTCOMES.flatMap((outcome) =>
  UNIT_KINDS.map((unitKind): CaseEvent => ({ type: 'case.decide', by: head, outcome, unitKind })),
);
// What moves a case, one actor each: the graph stays small and the traversal fast.
const progressEvents: CaseEvent[] = [
  { type: 'case.assign', by: handler },
  { type: 'case.review', by: handler },
  { type: 'case.completion.request', by: handler, message: 'Bifoga åtgärdsprogrammet.' },
  { type: 'case.resubmit', by: applicant },
  ...decideEvents,
  { type: 'case.notified', at: NOTIFIED_AT },
  { type: 'case.delivery.failed' },
  // The flow as municipalities run it: a proposal for the head, a named handler, and a decision
  // on what was submitted once the completion's reply date has passed (one outcome is enough).
  { type: 'case.propose', by: handler },
  { type: 'case.handover', by: head, to: 'h2' },
  { type: 'case.decide', by: head, outcome: 'approved', unitKind: 'kommunal', completionOverdue: true },
];
// Withdrawal ends a case; kept apart so the paths to a decision stay countable.
const withdrawEvent: CaseEvent = { type: 'case.withdraw', by: applicant, reason: 'Eleven har flyttat.' };
// Events from people who may not send them: they must never move a case, in any state.
const refusedEvents: CaseEvent[] = [
  { type: 'case.decide', by: handler, outcome: 'approved', unitKind: 'fristaende' },
  { type: 'case.decide', by: applicant, outcome: 'rejected', unitKind: 'kommunal' },
  { type: 'case.decide', by: foreignHead, outcome: 'approved', unitKind: 'kommunal' },
  { type: 'case.assign', by: applicant },
  { type: 'case.review', by: admin },
  { type: 'case.completion.request', by: applicant, message: 'Något' },
  { type: 'case.completion.request', by: handler, message: '   ' },
  { type: 'case.resubmit', by: handler },
  { type: 'case.resubmit', by: otherPrincipal },
  { type: 'case.propose', by: applicant },
  { type: 'case.propose', by: admin },
  { type: 'case.handover', by: admin, to: 'h2' },
  { type: 'case.handover', by: applicant, to: 'h1' },
  { type: 'case.withdraw', by: handler, reason: 'Fel enhet.' },
  { type: 'case.withdraw', by: otherPrincipal, reason: 'Fel enhet.' },
  { type: 'case.withdraw', by: applicant, reason: '  ' },
  { type: 'case.decide', by: handler, outcome: 'approved', unitKind: 'kommunal', completionOverdue: true },
];
const allEvents: CaseEvent[] = [...progressEvents, withdrawEvent, ...refusedEvents];

// The outcome and delivery are in the state value; the unit kind decides the appeal branch.
const serializeState = (s: CaseSnapshot): string => JSON.stringify([s.value, s.context.unitKind]);

// What the bot writes to the database after an accepted event, read back as the next turn's input.
function recordOf(s: CaseSnapshot): StoredCase {
  const outcome = outcomeOf(s);
  const delivery = deliveryOf(s);
  const { context } = s;
  return {
    ...kase,
    status: statusOf(s),
    assignedHandlerId: context.assignedHandlerId,
    profile: noraProfile,
    decision:
      outcome && delivery && context.unitKind
        ? {
            outcome,
            unitKind: context.unitKind,
            deliveryStatus: delivery,
            decidedById: context.decidedById,
            notifiedAt: context.notifiedAt,
            appealDeadline: context.appealDeadline,
          }
        : null,
  };
}

const initialRecord: StoredCase = { ...kase, status: 'submitted', assignedHandlerId: null, profile: noraProfile };

function allStateNodeIds(node: AnyStateNode): string[] {
  return [node.id, ...Object.values(node.states).flatMap((child) => allStateNodeIds(child))];
}

const eventsOf = (steps: ReadonlyArray<{ event: CaseEvent | { type: string } }>): CaseEvent[] =>
  steps.map((s) => s.event).filter((e): e is CaseEvent => e.type !== 'xstate.init');

const describeEvent = (e: CaseEvent): string =>
  'by' in e ? `${e.type}(${e.by.personId}${e.type === 'case.decide' ? `,${e.outcome},${e.unitKind}` : ''})` : e.type;

describe('case machine: the graph', () => {
  const shortest = getShortestPaths(machine, { input, events: allEvents, serializeState });
  const reachedStates = shortest.map((p) => p.state);

  test('every state node is reachable', () => {
    const reached = new Set(reachedStates.flatMap((s) => s._nodes.map((n) => n.id)));
    const unreached = allStateNodeIds(machine.root).filter((id) => !reached.has(id));
    assert.deepEqual(unreached, []);
  });

  test('the appeal branch follows the unit kind, with a deadline only for fristående', () => {
    const notified = reachedStates.filter((s) => deliveryOf(s) === 'delivered');
    assert.equal(notified.length, DECISION_OUTCOMES.length * UNIT_KINDS.length);
    for (const s of notified) {
      const outcome = outcomeOf(s)!;
      if (s.context.unitKind === 'fristaende') {
        assert.ok(s.matches({ decided: { [outcome]: { notified: 'appealable' } } }), 'fristående: appealable');
        assert.equal(s.context.appealDeadline, '2027-06-10');
      } else {
        assert.ok(s.matches({ decided: { [outcome]: { notified: 'notAppealable' } } }), 'kommunal: not appealable');
        assert.equal(s.context.appealDeadline, null);
      }
    }
  });

  test('no refused event moves a case in any state', () => {
    for (const s of reachedStates) {
      for (const e of refusedEvents) {
        assert.equal(s.can(e), false, `${describeEvent(e)} accepted in ${JSON.stringify(s.value)}`);
        const [next] = transition(machine, s, e);
        assert.deepEqual(next.value, s.value);
        assert.deepEqual(next.context, s.context);
      }
    }
  });

  test('applyCaseEvent from the stored record agrees with the live machine, in every state, for every event', () => {
    for (const s of reachedStates) {
      const record = recordOf(s);
      assert.deepEqual(restoreCase(machine, record)?.value, s.value, 'the record restores the same state');
      for (const e of allEvents) {
        const result = applyCaseEvent(record, e);
        const where = `${describeEvent(e)} in ${JSON.stringify(s.value)}`;
        assert.equal(result.ok, s.can(e), where);
        if (result.ok) {
          const [next] = transition(machine, s, e);
          assert.equal(result.status, statusOf(next), where);
          assert.deepEqual(result.snapshot.value, next.value, where);
          assert.equal(result.auditAction, CASE_AUDIT_ACTIONS[e.type]);
        } else {
          // Every refusal has a specific reason, never the catch-all.
          assert.notEqual(result.code, 'case.event.notAllowed', where);
          assert.match(result.message, /^[A-ZÅÄÖ].*\.$/s, where);
        }
      }
    }
  });

  // Each path ends at the first decided state; the expected routes, by status, with how many
  // event sequences lead along each: 3 ways into review from 'submitted' (assign, review, a
  // handover to a named handler); 7 decisions (3 outcomes x 2 unit kinds, and the decision on
  // what was submitted, which alone is taken while a completion is overdue); one proposal.
  const INTO_REVIEW = 3;
  const DECIDE = 7;
  const DECIDE_OVERDUE = 1;
  const expectedRoutes: Record<string, number> = {
    'submitted>decided': DECIDE,
    'submitted>in_review>decided': INTO_REVIEW * DECIDE,
    'submitted>in_review>completion_requested>resubmitted>decided': INTO_REVIEW * DECIDE,
    'submitted>completion_requested>resubmitted>decided': DECIDE,
    'submitted>completion_requested>resubmitted>in_review>decided': DECIDE,
    // A completion that was never answered: decided on what was submitted.
    'submitted>completion_requested>decided': DECIDE_OVERDUE,
    'submitted>in_review>completion_requested>decided': INTO_REVIEW * DECIDE_OVERDUE,
    'submitted>in_review>proposed>completion_requested>decided': INTO_REVIEW * DECIDE_OVERDUE,
    'submitted>proposed>completion_requested>decided': DECIDE_OVERDUE,
    // Through a proposal for decision.
    'submitted>proposed>decided': DECIDE,
    'submitted>in_review>proposed>decided': INTO_REVIEW * DECIDE,
    'submitted>in_review>completion_requested>resubmitted>proposed>decided': INTO_REVIEW * DECIDE,
    'submitted>in_review>proposed>completion_requested>resubmitted>decided': INTO_REVIEW * DECIDE,
    'submitted>completion_requested>resubmitted>proposed>decided': DECIDE,
    'submitted>completion_requested>resubmitted>in_review>proposed>decided': DECIDE,
    'submitted>proposed>completion_requested>resubmitted>decided': DECIDE,
    'submitted>proposed>completion_requested>resubmitted>in_review>decided': DECIDE,
  };
  const simple = getSimplePaths(machine, {
    input,
    events: allEvents,
    serializeState,
    stopWhen: (s) => s.matches('decided'),
    toState: (s) => s.matches('decided'),
  });

  test('every path to decided is enumerated', () => {
    const routes: Record<string, number> = {};
    for (const path of simple) {
      const route = path.steps.map((step) => statusOf(step.state)).join('>');
      routes[route] = (routes[route] ?? 0) + 1;
    }
    assert.deepEqual(routes, expectedRoutes);
  });

  test('every path reaches every outcome for both kinds of unit', () => {
    const ends = new Set(simple.map((p) => `${outcomeOf(p.state)}/${p.state.context.unitKind}`));
    assert.equal(ends.size, DECISION_OUTCOMES.length * UNIT_KINDS.length);
  });

  test('replayed turn by turn through the database, every path ends decided and is then delivered', () => {
    for (const path of simple) {
      let record = initialRecord;
      const audits: string[] = [];
      for (const event of [...eventsOf(path.steps), { type: 'case.notified', at: NOTIFIED_AT } as const]) {
        const result = applyCaseEvent(record, event);
        assert.ok(result.ok, `${describeEvent(event)} refused: ${result.ok ? '' : result.code}`);
        audits.push(result.auditAction);
        record = recordOf(result.snapshot);
      }
      assert.equal(record.status, 'decided');
      assert.equal(record.decision?.outcome, outcomeOf(path.state));
      assert.equal(record.decision?.deliveryStatus, 'delivered');
      assert.equal(audits.filter((a) => a === 'case.decided').length, 1);
      assert.equal(audits.at(-1), 'case.notified');
    }
  });
});

describe('case machine: roles, through the bot entry point', () => {
  const at = (status: CaseStatus, extra: Partial<StoredCase> = {}): StoredCase => ({ ...initialRecord, status, ...extra });
  const cases: Array<{ name: string; record: StoredCase; event: CaseEvent; expect: CaseStatus | string }> = [
    { name: 'a handler cannot decide', record: at('in_review'), event: { type: 'case.decide', by: handler, outcome: 'approved', unitKind: 'kommunal' }, expect: 'case.decide.headOnly' },
    { name: 'a principal cannot decide', record: at('in_review'), event: { type: 'case.decide', by: applicant, outcome: 'approved', unitKind: 'kommunal' }, expect: 'case.decide.headOnly' },
    { name: 'the head decides', record: at('in_review'), event: { type: 'case.decide', by: head, outcome: 'approved', unitKind: 'kommunal' }, expect: 'decided' },
    { name: 'a handler who is also head decides', record: at('submitted'), event: { type: 'case.decide', by: handlerHead, outcome: 'rejected', unitKind: 'fristaende' }, expect: 'decided' },
    { name: 'a principal cannot take a case', record: at('submitted'), event: { type: 'case.assign', by: applicant }, expect: 'case.assign.forbidden' },
    { name: 'an admin cannot adjust the assessment', record: at('submitted'), event: { type: 'case.review', by: admin }, expect: 'case.review.forbidden' },
    { name: 'a handler cannot resubmit', record: at('completion_requested'), event: { type: 'case.resubmit', by: handler }, expect: 'case.resubmit.forbidden' },
    { name: 'a new principal of the unit can resubmit', record: at('completion_requested'), event: { type: 'case.resubmit', by: newPrincipal }, expect: 'resubmitted' },
    { name: 'a principal of another unit cannot resubmit', record: at('completion_requested'), event: { type: 'case.resubmit', by: otherPrincipal }, expect: 'case.resubmit.forbidden' },
    { name: "another municipality's head cannot decide", record: at('in_review'), event: { type: 'case.decide', by: foreignHead, outcome: 'approved', unitKind: 'kommunal' }, expect: 'case.otherMunicipality' },
    { name: "another municipality's handler cannot take the case", record: at('submitted'), event: { type: 'case.assign', by: foreignHead }, expect: 'case.otherMunicipality' },
    { name: 'roles are checked before the state: a decided case tells a stranger nothing', record: at('decided'), event: { type: 'case.assign', by: foreignHead }, expect: 'case.otherMunicipality' },
  ];
  for (const { name, record, event, expect } of cases) {
    test(name, () => {
      const result = applyCaseEvent(record, event);
      assert.equal(result.ok ? result.status : result.code, expect);
    });
  }

  test('a refused event leaves the live actor untouched', () => {
    const actor = createActor(machine, { input }).start();
    actor.send({ type: 'case.assign', by: handler });
    const before = actor.getSnapshot();
    for (const e of refusedEvents) actor.send(e);
    assert.deepEqual(actor.getSnapshot().value, before.value);
    assert.deepEqual(actor.getSnapshot().context, before.context);
    actor.stop();
  });
});

describe('case machine: the process rules', () => {
  const at = (status: CaseStatus, extra: Partial<StoredCase> = {}): StoredCase => ({ ...initialRecord, status, ...extra });
  const decision = (deliveryStatus: 'pending' | 'delivered' | 'failed') => ({ outcome: 'approved' as const, unitKind: 'fristaende' as const, deliveryStatus });
  const cases: Array<{ name: string; record: StoredCase; event: CaseEvent; expect: CaseStatus | string; audit?: string }> = [
    { name: 'assigning starts the review', record: at('submitted'), event: { type: 'case.assign', by: handler }, expect: 'in_review', audit: 'case.assigned' },
    { name: 'reviewing starts the review', record: at('submitted'), event: { type: 'case.review', by: handler }, expect: 'in_review', audit: 'case.reviewed' },
    { name: 'the handler on record taking a submitted case starts the review', record: at('submitted', { assignedHandlerId: 'h1' }), event: { type: 'case.assign', by: handler }, expect: 'in_review' },
    { name: 'another handler may take over during review', record: at('in_review', { assignedHandlerId: 'h1' }), event: { type: 'case.assign', by: handler2 }, expect: 'in_review', audit: 'case.assigned' },
    { name: 'assigning while waiting for completion keeps waiting', record: at('completion_requested'), event: { type: 'case.assign', by: handler }, expect: 'completion_requested' },
    { name: 'assigning a resubmitted case keeps it resubmitted', record: at('resubmitted'), event: { type: 'case.assign', by: handler }, expect: 'resubmitted' },
    { name: 'the review of a completion continues in review', record: at('resubmitted'), event: { type: 'case.review', by: head }, expect: 'in_review' },
    { name: 'completion may be asked for at once', record: at('submitted'), event: { type: 'case.completion.request', by: handler, message: 'Bifoga kartläggningen.' }, expect: 'completion_requested', audit: 'case.completion_requested' },
    { name: 'a second round of completion', record: at('resubmitted'), event: { type: 'case.completion.request', by: handler, message: 'Fortfarande saknas prognosen.' }, expect: 'completion_requested' },
    { name: 'a completion request needs a message', record: at('in_review'), event: { type: 'case.completion.request', by: handler, message: ' ' }, expect: 'case.completion.message.missing' },
    { name: 'the principal resubmits', record: at('completion_requested'), event: { type: 'case.resubmit', by: applicant }, expect: 'resubmitted', audit: 'case.resubmitted' },
    { name: 'no resubmission without a request', record: at('in_review'), event: { type: 'case.resubmit', by: applicant }, expect: 'case.resubmit.notRequested' },
    { name: 'no decision while waiting for completion', record: at('completion_requested'), event: { type: 'case.decide', by: head, outcome: 'rejected', unitKind: 'kommunal' }, expect: 'case.decide.awaitingCompletion' },
    { name: 'no review while waiting for completion', record: at('completion_requested'), event: { type: 'case.review', by: handler }, expect: 'case.review.awaitingCompletion' },
    { name: 'deciding straight from submitted', record: at('submitted'), event: { type: 'case.decide', by: head, outcome: 'approved', unitKind: 'kommunal' }, expect: 'decided', audit: 'case.decided' },
    { name: 'deciding a resubmitted case', record: at('resubmitted'), event: { type: 'case.decide', by: head, outcome: 'partly_approved', unitKind: 'fristaende' }, expect: 'decided' },
    { name: 'an unknown outcome is refused', record: at('in_review'), event: { type: 'case.decide', by: head, outcome: 'maybe' as 'approved', unitKind: 'kommunal' }, expect: 'case.decide.outcomeInvalid' },
    { name: 'nothing to deliver before a decision', record: at('in_review'), event: { type: 'case.notified', at: NOTIFIED_AT }, expect: 'case.notDecided' },
    { name: 'a decided case is not reassigned', record: at('decided', { decision: decision('pending') }), event: { type: 'case.assign', by: handler }, expect: 'case.alreadyDecided' },
    { name: 'a decided case is not reopened for completion', record: at('decided', { decision: decision('delivered') }), event: { type: 'case.completion.request', by: handler, message: 'Mer underlag.' }, expect: 'case.alreadyDecided' },
    { name: 'a delivery records the notification', record: at('decided', { decision: decision('pending') }), event: { type: 'case.notified', at: NOTIFIED_AT }, expect: 'decided', audit: 'case.notified' },
    { name: 'a failed delivery is recorded', record: at('decided', { decision: decision('pending') }), event: { type: 'case.delivery.failed' }, expect: 'decided', audit: 'case.delivery_failed' },
    { name: 'a retried delivery after a failure notifies', record: at('decided', { decision: decision('failed') }), event: { type: 'case.notified', at: NOTIFIED_AT }, expect: 'decided', audit: 'case.notified' },
    { name: 'a decided case without its decision cannot be delivered', record: at('decided'), event: { type: 'case.notified', at: NOTIFIED_AT }, expect: 'case.decision.missing' },
    { name: 'a decided case without its decision still refuses a person clearly', record: at('decided'), event: { type: 'case.decide', by: head, outcome: 'approved', unitKind: 'kommunal' }, expect: 'case.alreadyDecided' },
  ];
  for (const { name, record, event, expect, audit } of cases) {
    test(name, () => {
      const result = applyCaseEvent(record, event);
      assert.equal(result.ok ? result.status : result.code, expect);
      if (audit) assert.equal(result.ok && result.auditAction, audit);
    });
  }

  test('the appeal deadline counts from the local day of notification', () => {
    const record = at('decided', { decision: decision('pending') });
    // 23:30 on 20 May in Stockholm is 21:30 UTC; 00:30 on 21 May is 22:30 UTC.
    const late = applyCaseEvent(record, { type: 'case.notified', at: new Date('2027-05-20T21:30:00Z') });
    const nextDay = applyCaseEvent(record, { type: 'case.notified', at: new Date('2027-05-20T22:30:00Z') });
    assert.equal(late.ok && late.snapshot.context.appealDeadline, '2027-06-10');
    assert.equal(nextDay.ok && nextDay.snapshot.context.appealDeadline, '2027-06-11');
  });

  test('a kommunal unit gets no appeal deadline', () => {
    const result = applyCaseEvent(at('decided', { decision: { ...decision('pending'), unitKind: 'kommunal' } }), { type: 'case.notified', at: NOTIFIED_AT });
    assert.ok(result.ok, 'notified');
    assert.equal(result.snapshot.context.appealDeadline, null);
    assert.ok(result.snapshot.matches({ decided: { approved: { notified: 'notAppealable' } } }), 'not appealable');
  });

  test('a stored appeal deadline is kept; a missing one is recomputed from notifiedAt', () => {
    const stored = restoreCase(machine, at('decided', { decision: { ...decision('delivered'), notifiedAt: NOTIFIED_AT, appealDeadline: '2027-06-30' } }));
    const recomputed = restoreCase(machine, at('decided', { decision: { ...decision('delivered'), notifiedAt: NOTIFIED_AT.toISOString() } }));
    assert.equal(stored?.context.appealDeadline, '2027-06-30');
    assert.equal(recomputed?.context.appealDeadline, '2027-06-10');
  });
});

describe('case machine: the same action twice is harmless', () => {
  // Each scenario: events to get there, then the same event twice. The second turn must not
  // move the case again: either refused with a reason, or accepted without a status change.
  const scenarios: Array<{
    name: string;
    before: CaseEvent[];
    event: CaseEvent;
    // A different second event (a second head, a second card); by default the same one again.
    again?: CaseEvent;
    second: { code: string } | { status: CaseStatus };
  }> = [
    { name: 'taking the case twice', before: [], event: { type: 'case.assign', by: handler }, second: { code: 'case.assign.already' } },
    { name: 'adjusting the assessment twice (a second adjustment, same status)', before: [], event: { type: 'case.review', by: handler }, second: { status: 'in_review' } },
    { name: 'asking for completion twice', before: [], event: { type: 'case.completion.request', by: handler, message: 'Bifoga kartläggningen.' }, second: { code: 'case.completion.alreadyRequested' } },
    {
      name: 'resubmitting twice',
      before: [{ type: 'case.completion.request', by: handler, message: 'Bifoga kartläggningen.' }],
      event: { type: 'case.resubmit', by: applicant },
      second: { code: 'case.resubmit.already' },
    },
    { name: 'deciding twice', before: [], event: { type: 'case.decide', by: head, outcome: 'approved', unitKind: 'fristaende' }, second: { code: 'case.alreadyDecided' } },
    {
      name: 'deciding twice, the second time with another outcome',
      before: [],
      event: { type: 'case.decide', by: head, outcome: 'approved', unitKind: 'fristaende' },
      again: { type: 'case.decide', by: handlerHead, outcome: 'rejected', unitKind: 'fristaende' },
      second: { code: 'case.alreadyDecided' },
    },
    {
      name: 'a delivery reported twice',
      before: [{ type: 'case.decide', by: head, outcome: 'rejected', unitKind: 'fristaende' }],
      event: { type: 'case.notified', at: NOTIFIED_AT },
      second: { code: 'case.notified.already' },
    },
    {
      name: 'a failure reported twice',
      before: [{ type: 'case.decide', by: head, outcome: 'rejected', unitKind: 'kommunal' }],
      event: { type: 'case.delivery.failed' },
      second: { code: 'case.delivery.alreadyFailed' },
    },
  ];

  const run = (record: StoredCase, event: CaseEvent): { record: StoredCase; result: CaseEventResult } => {
    const result = applyCaseEvent(record, event);
    return { result, record: result.ok ? recordOf(result.snapshot) : record };
  };

  for (const { name, before, event, again: repeat, second } of scenarios) {
    test(name, () => {
      let record = initialRecord;
      for (const e of before) record = run(record, e).record;
      const first = run(record, event);
      assert.ok(first.result.ok, `first ${event.type} refused`);
      const again = run(first.record, repeat ?? event);
      if ('code' in second) {
        assert.equal(again.result.ok ? null : again.result.code, second.code);
        assert.deepEqual(again.record, first.record);
      } else {
        assert.ok(again.result.ok, 'the repeat is accepted');
        assert.equal(again.result.status, second.status);
        assert.equal(again.record.status, first.record.status);
      }
    });
  }

  test('a stale card clicked on the live actor is ignored', () => {
    const actor = createActor(machine, { input }).start();
    const decide: CaseEvent = { type: 'case.decide', by: head, outcome: 'partly_approved', unitKind: 'kommunal' };
    actor.send(decide);
    const once = actor.getSnapshot();
    actor.send(decide);
    actor.send({ type: 'case.assign', by: handler });
    assert.deepEqual(actor.getSnapshot().value, once.value);
    assert.deepEqual(actor.getSnapshot().context, once.context);
    actor.stop();
  });
});

describe('case machine: snapshots', () => {
  const shortest = getShortestPaths(machine, { input, events: progressEvents, serializeState });

  test('every state survives a JSON round trip and behaves the same after it', () => {
    for (const { state } of shortest) {
      const json = JSON.stringify(machine.getPersistedSnapshot(state));
      const actor = createActor(machine, { snapshot: JSON.parse(json), input }).start();
      const restored = actor.getSnapshot();
      assert.deepEqual(restored.value, state.value);
      assert.deepEqual(restored.context, state.context);
      for (const e of allEvents) assert.equal(restored.can(e), state.can(e), `${describeEvent(e)} in ${JSON.stringify(state.value)}`);
      actor.stop();
    }
  });

  test("the snapshot applyCaseEvent returns serialises and restores", () => {
    const result = applyCaseEvent({ ...initialRecord, status: 'in_review' }, { type: 'case.decide', by: head, outcome: 'rejected', unitKind: 'fristaende' });
    assert.ok(result.ok, 'decided');
    const parsed: unknown = JSON.parse(JSON.stringify(result.snapshot));
    const actor = createActor(machine, { snapshot: parsed as ReturnType<typeof machine.getPersistedSnapshot>, input }).start();
    actor.send({ type: 'case.notified', at: NOTIFIED_AT });
    assert.ok(actor.getSnapshot().matches({ decided: { rejected: { notified: 'appealable' } } }), 'notified after the round trip');
    assert.equal(actor.getSnapshot().context.appealDeadline, '2027-06-10');
    actor.stop();
  });

  test('statusOf maps every state to one of the database statuses, also from persisted JSON', () => {
    const statuses = new Set(shortest.map((p) => statusOf(JSON.parse(JSON.stringify(machine.getPersistedSnapshot(p.state))))));
    assert.deepEqual([...statuses].sort(), ['completion_requested', 'decided', 'in_review', 'proposed', 'resubmitted', 'submitted']);
    assert.equal(statusOf({ value: 'withdrawn' }), 'withdrawn');
    assert.throws(() => statusOf({ value: 'archived' }), RangeError);
  });

  test('explainRefusal on its own: roles first, then the state', () => {
    const record = { ...initialRecord, status: 'completion_requested' as const };
    assert.equal(explainRefusal(record, null, { type: 'case.decide', by: handler, outcome: 'approved', unitKind: 'kommunal' }).code, 'case.decide.headOnly');
    assert.equal(explainRefusal(record, null, { type: 'case.decide', by: head, outcome: 'approved', unitKind: 'kommunal' }).code, 'case.decide.awaitingCompletion');
  });
});

describe('case machine: withdrawal', () => {
  const undecided = getShortestPaths(machine, { input, events: progressEvents, serializeState }).filter((p) => !p.state.matches('decided'));

  test('the principal withdraws from every undecided state, and the reason is kept', () => {
    assert.deepEqual(
      [...new Set(undecided.map((p) => statusOf(p.state)))].sort(),
      ['completion_requested', 'in_review', 'proposed', 'resubmitted', 'submitted'],
    );
    for (const { state } of undecided) {
      const result = applyCaseEvent(recordOf(state), withdrawEvent);
      assert.ok(result.ok, `withdraw refused in ${JSON.stringify(state.value)}`);
      assert.equal(result.status, 'withdrawn');
      assert.equal(result.auditAction, 'case.withdrawn');
      assert.equal(result.snapshot.context.withdrawReason, 'Eleven har flyttat.');
    }
  });

  test('a withdrawn case takes nothing more, with a reason', () => {
    const record: StoredCase = { ...initialRecord, status: 'withdrawn' };
    for (const e of allEvents) {
      const result = applyCaseEvent(record, e);
      assert.equal(result.ok, false, describeEvent(e));
      if (!result.ok) assert.notEqual(result.code, 'case.event.notAllowed', describeEvent(e));
    }
    const byPrincipal = applyCaseEvent(record, { type: 'case.decide', by: head, outcome: 'approved', unitKind: 'kommunal' });
    assert.equal(byPrincipal.ok ? null : byPrincipal.code, 'case.withdrawn');
  });

  test('after a decision, the application cannot be withdrawn', () => {
    const decidedPath = getShortestPaths(machine, { input, events: progressEvents, serializeState }).find((p) => p.state.matches('decided'));
    assert.ok(decidedPath, 'a decided state');
    const result = applyCaseEvent(recordOf(decidedPath.state), withdrawEvent);
    assert.equal(result.ok ? null : result.code, 'case.alreadyDecided');
  });
});

describe('case machine: completion overdue and handover', () => {
  const completion: StoredCase = { ...initialRecord, status: 'completion_requested', assignedHandlerId: 'h1' };

  test('while a completion is awaited the head decides only once its reply date has passed', () => {
    const early = applyCaseEvent(completion, { type: 'case.decide', by: head, outcome: 'rejected', unitKind: 'kommunal' });
    assert.equal(early.ok ? null : early.code, 'case.decide.awaitingCompletion');
    const late = applyCaseEvent(completion, { type: 'case.decide', by: head, outcome: 'rejected', unitKind: 'kommunal', completionOverdue: true });
    assert.ok(late.ok, 'decided on what was submitted');
    const byHandler = applyCaseEvent(completion, { type: 'case.decide', by: handler, outcome: 'rejected', unitKind: 'kommunal', completionOverdue: true });
    assert.equal(byHandler.ok ? null : byHandler.code, 'case.decide.headOnly');
  });

  test('a handover names the new handler; only the head or the case\'s own handler hands over', () => {
    const inReview: StoredCase = { ...initialRecord, status: 'in_review', assignedHandlerId: 'h1' };
    const byOwn = applyCaseEvent(inReview, { type: 'case.handover', by: handler, to: 'h2' });
    assert.ok(byOwn.ok, 'the handler passes it on');
    assert.equal(byOwn.snapshot.context.assignedHandlerId, 'h2');
    assert.equal(byOwn.status, 'in_review');
    const byOther = applyCaseEvent(inReview, { type: 'case.handover', by: handler2, to: 'h2' });
    assert.equal(byOther.ok ? null : byOther.code, 'case.handover.forbidden');
    const byHead = applyCaseEvent({ ...initialRecord }, { type: 'case.handover', by: head, to: 'h2' });
    assert.ok(byHead.ok, 'the head assigns a named handler');
    assert.equal(byHead.status, 'in_review');
    assert.equal(byHead.snapshot.context.assignedHandlerId, 'h2');
    const same = applyCaseEvent(inReview, { type: 'case.handover', by: head, to: 'h1' });
    assert.equal(same.ok ? null : same.code, 'case.handover.already');
  });
});
