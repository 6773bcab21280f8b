// The follow-up dialog's paths, enumerated with xstate/graph as for the application: every state
// reachable, every path to a filed follow-up replayed turn by turn through JSON (as the bot
// stores it), and on each step an invalid answer stays on the step with messages and leaves no
// trace once the valid answer is given.
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createActor, type Snapshot } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { noraProfile } from '../../domain/profile';
import type { TMeasure } from '../../domain/schemas';
import type { TFollowUpDraft } from '../../domain/follow-up';
import { followUpMachineFor, followUpProblems, mergeFollowUp, type FollowUpEnv, type FollowUpEvent, type FollowUpSnapshot } from '../../machines/follow-up.machine';
import { FOLLOW_UP_STEPS, followUpStepOfField, type FollowUpStep } from '../../machines/follow-up.steps';

const measures: TMeasure[] = [{ id: 'm1', type: 'assistent', description: 'Elevassistent.', hoursPerWeek: 10 }];
const env: FollowUpEnv = { profile: noraProfile, measures, now: () => new Date('2027-11-01T10:00:00Z') };
const machine = followUpMachineFor(env);
const input = { caseId: 'c1', term: 'HT2027' };
const areas = noraProfile.assessment.areas.map((a) => a.id);

// The answers each step's card sends when filled in correctly.
const ANSWERS: Record<FollowUpStep, TFollowUpDraft> = {
  measures: { measures: { m1: { carriedOut: 'as_planned', hoursPerWeek: 10, effect: 'Lugnare raster.' } } },
  assessment: { assessment: Object.fromEntries(areas.map((id) => [id, { current: 2, desired: 1 }])) },
  continuedNeed: { continuedNeed: { answer: 'changed', description: 'Mindre behov på förmiddagar.' } },
  attachments: {},
  summary: { signature: { confirmed: true } },
};
// A wrong answer per step (none for the optional attachments step).
const WRONG: Partial<Record<FollowUpStep, TFollowUpDraft>> = {
  measures: { measures: { m1: { carriedOut: 'as_planned', effect: '' } } },
  assessment: { assessment: { social: { current: 2 } } },
  continuedNeed: { continuedNeed: { answer: 'no', description: '' } },
  summary: { signature: { confirmed: false } },
};

type Snap = FollowUpSnapshot;
const stepOf = (s: Snap): FollowUpStep | undefined => FOLLOW_UP_STEPS.find((step) => s.matches({ editing: step }));

const snapHasFile = (s: Snap) => (s.context.draft.attachments ?? []).length > 0;

function eventsFor(s: Snap, detours: boolean): FollowUpEvent[] {
  const step = stepOf(s);
  const events: FollowUpEvent[] = [];
  if (step) {
    if (step === 'summary') events.push({ type: 'followUp.submit', values: ANSWERS.summary });
    else events.push({ type: 'step.next', step, values: ANSWERS[step] });
    if (detours) {
      if (step !== 'measures') events.push({ type: 'step.back', step, values: {} });
      events.push({ type: 'draft.save', step, values: ANSWERS[step] });
      if (step === 'attachments' && !snapHasFile(s)) events.push({ type: 'attachment.added', attachment: { id: 'a1', name: 'atgardsprogram.pdf' } });
      if (step === 'summary') events.push({ type: 'followUp.submit', values: { signature: { confirmed: false } } });
      events.push({ type: 'draft.discard' });
    }
  }
  if (s.matches({ editing: 'problems' })) {
    const first = s.context.problems[0];
    if (first) events.push({ type: 'step.goto', step: followUpStepOfField(first.field) });
  }
  if (s.matches('confirmDiscard')) events.push({ type: 'draft.discard.cancel' }, { type: 'draft.discard.confirm' });
  if (detours && (s.context.draft.attachments ?? []).some((a) => !a.kind)) events.push({ type: 'attachment.kind', attachmentId: 'a1', kind: 'atgardsprogram' });
  return events;
}

const serializeState = (s: Snap) => JSON.stringify([s.value, s.context.draft, s.context.step, Object.keys(s.context.errors).length > 0]);
const viaJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function turn(from: Snapshot<unknown> | undefined, event?: FollowUpEvent) {
  const actor = createActor(machine, from === undefined ? { input } : { snapshot: from, input }).start();
  if (event) actor.send(event);
  const persisted = viaJson(actor.getPersistedSnapshot());
  const snapshot = createActor(machine, { snapshot: persisted, input }).start().getSnapshot();
  assert.deepEqual(snapshot.value, actor.getSnapshot().value);
  actor.stop();
  return { snapshot, persisted };
}

const eventsOf = (path: { steps: Array<{ event: { type: string } }> }) =>
  path.steps.map((s) => s.event).filter((e) => e.type !== 'xstate.init') as FollowUpEvent[];

function leafStateIds(): string[] {
  const ids: string[] = [];
  const walk = (node: { id: string; states: Record<string, unknown>; type: string }) => {
    const children = Object.values(node.states) as Array<typeof node>;
    if (children.length === 0 && node.type !== 'history') ids.push(node.id);
    children.forEach(walk);
  };
  walk(machine.root as never);
  return ids;
}

describe('follow-up machine: reachability', () => {
  const paths = getShortestPaths(machine, { input, events: (s) => eventsFor(s as Snap, true), serializeState: (s) => serializeState(s as Snap) });

  test('every state node is reachable', () => {
    const reached = new Set<string>();
    for (const path of paths) for (const id of path.state._nodes.map((n) => n.id)) reached.add(id);
    assert.deepEqual(leafStateIds().filter((id) => !reached.has(id)), []);
  });

  test('every shortest path replays through JSON to the same state', () => {
    assert.ok(paths.length > 15, `expected many paths, got ${paths.length}`);
    for (const path of paths) {
      let at = turn(undefined);
      for (const event of eventsOf(path)) at = turn(at.persisted, event);
      assert.equal(serializeState(at.snapshot), serializeState(path.state as Snap));
    }
  });
});

describe('follow-up machine: every path to a filed follow-up', () => {
  const paths = getSimplePaths(machine, {
    input,
    // Forward answers, a refused filing and the way back from its problem list, and a file added
    // and given its kind: back and save loop, so they are covered by the reachability paths.
    events: (s) => {
      const snap = s as Snap;
      const events = eventsFor(snap, false);
      const step = stepOf(snap);
      if (step === 'summary' && !snap.context.draft.signature) events.push({ type: 'followUp.submit', values: { signature: { confirmed: false } } });
      if (step === 'attachments' && !snap.context.draft.attachments) events.push({ type: 'attachment.added', attachment: { id: 'a1', name: 'atgardsprogram.pdf' } });
      if ((snap.context.draft.attachments ?? []).some((a) => !a.kind)) events.push({ type: 'attachment.kind', attachmentId: 'a1', kind: 'atgardsprogram' });
      return events;
    },
    serializeState: (s) => serializeState(s as Snap),
    toState: (s) => s.matches('submitted'),
  });

  test('each ends filed, stamped by the injected clock, with nothing left for the rules to refuse', () => {
    assert.ok(paths.length >= 5, `paths: ${paths.length}`);
    for (const path of paths) {
      let at = turn(undefined);
      for (const event of eventsOf(path)) at = turn(at.persisted, event);
      assert.equal(at.snapshot.value, 'submitted');
      assert.equal(at.snapshot.context.submittedAt, '2027-11-01T10:00:00.000Z');
      assert.deepEqual(followUpProblems(at.snapshot.context.draft, env).problems, []);
    }
  });

  test('a wrong answer on each step stays there with messages next to the fields and leaves no trace', () => {
    let at = turn(undefined);
    for (const step of FOLLOW_UP_STEPS) {
      const wrong = WRONG[step];
      const right: FollowUpEvent = step === 'summary' ? { type: 'followUp.submit', values: ANSWERS.summary } : { type: 'step.next', step, values: ANSWERS[step] };
      const expected = turn(at.persisted, right);
      if (wrong) {
        const tried = turn(at.persisted, step === 'summary' ? { type: 'followUp.submit', values: wrong } : { type: 'step.next', step, values: wrong });
        assert.ok(Object.keys(tried.snapshot.context.errors).length > 0, `${step}: no messages`);
        for (const field of Object.keys(tried.snapshot.context.errors)) assert.equal(followUpStepOfField(field), step, `${step}: message on ${field}`);
        let back = tried;
        if (tried.snapshot.matches({ editing: 'problems' })) back = turn(tried.persisted, { type: 'step.goto', step });
        else assert.equal(stepOf(tried.snapshot), step);
        const after = turn(back.persisted, right);
        assert.deepEqual(after.snapshot.value, expected.snapshot.value, step);
        assert.deepEqual(viaJson(after.snapshot.context.draft), viaJson(expected.snapshot.context.draft), `${step} left a trace`);
      }
      at = expected;
    }
    assert.equal(at.snapshot.value, 'submitted');
  });

  test('a stale card is ignored and said so; saving keeps what was typed, valid or not', () => {
    const actor = createActor(machine, { input }).start();
    const said: string[] = [];
    actor.on('*', (e) => said.push(e.type));
    actor.send({ type: 'step.next', step: 'summary', values: ANSWERS.summary });
    assert.deepEqual(said, ['draft.staleCard']);
    assert.equal(stepOf(actor.getSnapshot()), 'measures');
    actor.send({ type: 'draft.save', step: 'measures', values: WRONG.measures! });
    assert.deepEqual(actor.getSnapshot().context.draft, mergeFollowUp({}, WRONG.measures!));
    actor.stop();
  });

  test('discard asks first; "Nej, behåll" returns to the same step', () => {
    let at = turn(undefined, { type: 'step.next', step: 'measures', values: ANSWERS.measures });
    at = turn(at.persisted, { type: 'draft.discard' });
    assert.ok(at.snapshot.matches('confirmDiscard'));
    at = turn(at.persisted, { type: 'draft.discard.cancel' });
    assert.equal(stepOf(at.snapshot), 'assessment');
  });

});
