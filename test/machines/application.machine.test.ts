import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createActor, type Snapshot, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { createApplicationMachine, type ApplicationEvent, type ApplicationEnv } from '../../machines/application.machine';
import { APPLICATION_STEPS, stepOfField, type ApplicationStep } from '../../machines/application.steps';
import { stepProblems, submissionReview } from '../../machines/application.rules';
import { noraProfile } from '../../domain/profile';
import type { TApplicationDraft, TMeasure } from '../../domain/schemas';
import { FIXTURE_TODAY, validApplication, validPreschoolApplication } from '../domain/fixtures';

const env: ApplicationEnv = {
  profile: noraProfile,
  units: [
    { id: 'unit-norrskolan', kind: 'kommunal', schoolForms: ['forskoleklass', 'grundskola', 'fritidshem'] },
    { id: 'unit-solrosen', kind: 'fristaende', schoolForms: ['forskola'] },
  ],
  now: () => FIXTURE_TODAY,
};
const machine = createApplicationMachine(env);
type Snap = SnapshotFrom<typeof machine>;

// What each step's card sends when filled in from a complete application.
function stepValues(app: TApplicationDraft, step: ApplicationStep): TApplicationDraft {
  switch (step) {
    case 'unitTerm':
      return { term: app.term, unit: app.unit };
    case 'pupil':
      return { pupil: app.pupil };
    case 'placement':
      return { placement: app.placement };
    case 'need':
      return { need: app.need };
    case 'mapping':
      return { mapping: app.mapping };
    case 'assessment':
      return { assessment: app.assessment };
    case 'effect':
      return { effect: app.effect };
    case 'summary':
      return { signature: { confirmed: true } };
    default:
      return {};
  }
}

// A value each step rejects (a required answer left empty).
const invalidValues: Partial<Record<ApplicationStep, TApplicationDraft>> = {
  unitTerm: { unit: { id: 'unit-someone-else' } },
  pupil: { pupil: { personnummer: '20150312-2383' } },
  placement: { placement: { group: '' } },
  need: { need: { description: 'ADHD' } },
  mapping: { mapping: { prognosis: '' } },
  assessment: { assessment: { safety: { current: 0, desired: 0 }, emotional: { current: 0, desired: 0 }, social: { current: 0, desired: 0 } } },
  effect: { effect: { description: '' } },
};

function currentStep(s: Snap): ApplicationStep | undefined {
  const value = s.value;
  if (typeof value === 'object' && 'editing' in value) {
    const child = value.editing as string;
    return (APPLICATION_STEPS as readonly string[]).includes(child) ? (child as ApplicationStep) : undefined;
  }
  return undefined;
}

const ORDINARY_MEASURE: TMeasure = { id: 'o1', type: 'specialpedagog', description: 'Specialpedagog två timmar i veckan', hoursPerWeek: 2 };
const MEASURE_WITHOUT_RESOURCES: TMeasure = { id: 'bad', type: 'assistent', description: '' };

// One invalid attempt per way of failing a step, offered while the step is not done. Measures and
// attachments have no values of their own: moving on too early is the attempt.
function invalidAttempts(s: Snap): ApplicationEvent[] {
  const step = currentStep(s);
  if (!step || stepProblems(s.context.draft, step, env).length === 0) return [];
  if (step === 'summary') return [{ type: 'app.submit', values: { signature: { confirmed: false } } }];
  const attempts: ApplicationEvent[] = [{ type: 'step.next', step, values: invalidValues[step] ?? {} }];
  if (step === 'measures') attempts.push({ type: 'measure.add', measure: MEASURE_WITHOUT_RESOURCES });
  return attempts;
}

interface EventSet {
  // Leave the road to submission: step back, discard, remove a measure, the other-municipality stop.
  detours: boolean;
}

// The events a principal can cause in each state, with answers from `app`: at every step the
// valid answer and the invalid attempts; on the measures step each measure of `app` and an
// ordinary one; on the attachments step the next file and then its kind.
function eventsFor(app: TApplicationDraft, { detours }: EventSet) {
  return (s: Snap): ApplicationEvent[] => {
    if (s.status === 'done') return [];
    if (s.matches('confirmDiscard')) return [{ type: 'draft.discard.confirm' }, { type: 'draft.discard.cancel' }];
    // A drafter's draft with the principal: signed (submitted) or sent back with a comment.
    if (s.matches('awaitingSignature')) return [{ type: 'signature.sign' }, ...(detours ? [{ type: 'signature.return' as const, comment: 'Rätta vistelsetiden.' }] : [])];
    const events: ApplicationEvent[] = [];
    if (detours) events.push({ type: 'draft.discard' });
    const [first] = s.context.problems;
    if (s.matches({ editing: 'problems' }) && first) events.push({ type: 'step.goto', step: stepOfField(first.field) });
    if (s.matches({ editing: 'wrongMunicipality' }) && detours) events.push({ type: 'step.back', step: 'pupil', values: {} });
    const step = currentStep(s);
    if (!step) return events;
    events.push(
      step === 'summary'
        ? { type: 'app.submit', values: stepValues(app, step) }
        : { type: 'step.next', step, values: stepValues(app, step) },
    );
    if (detours && step === 'summary') events.push({ type: 'app.sendForSignature', values: stepValues(app, step) });
    events.push(...invalidAttempts(s));
    if (detours && step !== 'unitTerm') events.push({ type: 'step.back', step, values: {} });
    if (detours && step === 'pupil') {
      events.push({ type: 'step.next', step, values: { pupil: { ...app.pupil, registeredMunicipality: 'Örebro kommun' } } });
    }
    if (step === 'measures') {
      const have = new Set((s.context.draft.measures ?? []).map((m) => m.id));
      for (const measure of [...(app.measures ?? []), ORDINARY_MEASURE]) {
        if (!have.has(measure.id)) events.push({ type: 'measure.add', measure });
      }
      if (detours) for (const id of have) events.push({ type: 'measure.remove', measureId: id });
    }
    if (step === 'attachments') {
      const have = new Set((s.context.draft.attachments ?? []).map((a) => a.id));
      const next = (app.attachments ?? []).find((a) => !have.has(a.id));
      if (next) events.push({ type: 'attachment.added', attachment: { id: next.id, name: next.name } });
      const pending = s.context.pendingAttachmentId;
      const kind = app.attachments?.find((a) => a.id === pending)?.kind;
      if (pending && kind) events.push({ type: 'attachment.kind', attachmentId: pending, kind });
    }
    return events;
  };
}

// Per step: '1' done, '0' not done. An unsigned submit stays on the summary like any invalid
// attempt, so the summary needs no state of its own for it. Drafts are immutable, so the review
// runs once per draft.
const progressByDraft = new WeakMap<TApplicationDraft, string>();
function progress(draft: TApplicationDraft): string {
  let found = progressByDraft.get(draft);
  if (found === undefined) {
    const open = new Set(submissionReview(draft, env).problems.map((p) => stepOfField(p.field)));
    found = APPLICATION_STEPS.map((step) =>
      !open.has(step) ? '1' : '0',
    ).join('');
    progressByDraft.set(draft, found);
  }
  return found;
}

// States are compared by where the principal is, what is done, and which measures and
// attachments the draft holds; not by every keystroke, and not by whether errors show: an invalid
// attempt is a loop that leaves the state as it was (checked on every path, see checkInvalidAttempts).
function serializeState(s: Snap): string {
  const { draft, pendingAttachmentId } = s.context;
  return JSON.stringify([
    s.value,
    progress(draft),
    (draft.measures ?? []).map((m) => m.id).sort(),
    (draft.attachments ?? []).map((a) => `${a.id}:${a.kind ?? ''}`).sort(),
    pendingAttachmentId ?? null,
  ]);
}

// A path's events without the synthetic 'xstate.init' step that xstate/graph puts first.
function eventsOf(path: { steps: Array<{ event: { type: string } }> }): ApplicationEvent[] {
  return path.steps.map((s) => s.event).filter((e) => e.type !== 'xstate.init') as ApplicationEvent[];
}

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

// What JSON (the database) keeps of a value: keys set to undefined vanish, nothing else changes.
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

type Persisted = Snapshot<unknown>;
interface Turn {
  snapshot: Snap;
  persisted: Persisted;
}

// One turn as the bot runs it: restore the stored snapshot (none: a new dialog), send one event,
// store getPersistedSnapshot() as JSON. The stored JSON must restore to the same state.
function turn(from: Persisted | undefined, event?: ApplicationEvent): Turn {
  const actor = createActor(machine, from === undefined ? { input: {} } : { snapshot: from, input: {} }).start();
  if (event) actor.send(event);
  const persisted = viaJson(actor.getPersistedSnapshot());
  const restored = createActor(machine, { snapshot: persisted, input: {} }).start();
  const snapshot = restored.getSnapshot();
  assert.deepEqual(snapshot.value, actor.getSnapshot().value);
  assert.deepEqual(snapshot.context, viaJson(actor.getSnapshot().context));
  actor.stop();
  restored.stop();
  return { snapshot, persisted };
}

function replay(events: ApplicationEvent[]): Snap {
  return events.reduce((at, event) => turn(at.persisted, event), turn(undefined)).snapshot;
}

// Replays many paths turn by turn, each shared beginning once: the paths are laid out as a tree
// of events and walked depth first. `edge` sees every turn, `end` the last state of every path.
function replayAll<P>(
  paths: readonly P[],
  eventsOfPath: (path: P) => ApplicationEvent[],
  { edge, end }: { edge?: (from: Turn, event: ApplicationEvent, to: Turn) => void; end: (at: Turn, path: P) => void },
): number {
  interface Node {
    children: Map<string, { event: ApplicationEvent; node: Node }>;
    ends: P[];
  }
  const root: Node = { children: new Map(), ends: [] };
  for (const path of paths) {
    let node = root;
    for (const event of eventsOfPath(path)) {
      const key = JSON.stringify(event);
      let child = node.children.get(key);
      if (!child) node.children.set(key, (child = { event, node: { children: new Map(), ends: [] } }));
      node = child.node;
    }
    node.ends.push(path);
  }
  let turns = 0;
  const walk = (node: Node, at: Turn) => {
    for (const path of node.ends) end(at, path);
    for (const { event, node: child } of node.children.values()) {
      const next = turn(at.persisted, event);
      turns++;
      edge?.(at, event, next);
      walk(child, next);
    }
  };
  walk(root, turn(undefined));
  return turns;
}

describe('application machine: reachability', () => {
  const paths = getShortestPaths(machine, {
    events: eventsFor(validApplication(), { detours: true }),
    serializeState: (s) => serializeState(s as Snap),
  });

  test('every state node is reachable', () => {
    const reached = new Set<string>();
    for (const path of paths) for (const id of path.state._nodes.map((n) => n.id)) reached.add(id);
    // Every step is checked before the next, so the list of problems is reached only when the
    // draft drifted while it waited (see 'a draft that drifted' below); the paths cannot make that happen.
    const missing = leafStateIds().filter((id) => !reached.has(id) && id !== 'application.editing.problems');
    assert.deepEqual(missing, []);
  });

  test('every shortest path replays and its snapshot round-trips through JSON at every state', () => {
    assert.ok(paths.length > 30, `expected many paths, got ${paths.length}`);
    const turns = replayAll(paths, eventsOf, {
      end: (at, path) => {
        assert.deepEqual(at.snapshot.value, path.state.value);
        assert.equal(serializeState(at.snapshot), serializeState(path.state as Snap));
      },
    });
    console.log(`reachability: ${paths.length} states, ${turns} turns replayed`);
  });
});

// Invalid attempts in state `at` (each alone, and each followed by another) and then the event
// the path takes next end where that event alone does: an attempt stays on the step with errors
// (the summary's goes to the problems list, whose first problem leads back) and leaves no trace
// once the valid answer is given. So every path with attempts inserted anywhere ends as its path.
function checkInvalidAttempts(at: Turn, event: ApplicationEvent, next: Turn): number {
  const attempts = invalidAttempts(at.snapshot);
  const staying = attempts.filter((a) => a.type !== 'app.submit');
  const sequences = attempts.flatMap((a) => [[a], ...(a.type === 'app.submit' ? [] : staying.map((b) => [a, b]))]);
  for (const sequence of sequences) {
    const label = JSON.stringify(sequence);
    let tried = at;
    for (const attempt of sequence) {
      tried = turn(tried.persisted, attempt);
      assert.ok(Object.keys(tried.snapshot.context.errors).length > 0, `${label} showed no errors`);
      if (!tried.snapshot.matches({ editing: 'problems' })) {
        assert.deepEqual(tried.snapshot.value, at.snapshot.value, `${label} moved on`);
        assert.equal(serializeState(tried.snapshot), serializeState(at.snapshot), `${label} changed the state`);
      }
    }
    if (tried.snapshot.matches({ editing: 'problems' })) {
      const [first] = tried.snapshot.context.problems;
      assert.ok(first, 'the problems list names a problem');
      tried = turn(tried.persisted, { type: 'step.goto', step: stepOfField(first.field) });
    }
    const after = turn(tried.persisted, event).snapshot;
    assert.deepEqual(after.value, next.snapshot.value, `${label} then ${event.type}`);
    assert.deepEqual(viaJson(after.context), viaJson(next.snapshot.context), `${label} left a trace`);
  }
  return sequences.length;
}

describe('application machine: every path to a submitted application', () => {
  const variants: Array<{ name: string; app: TApplicationDraft }> = [
    { name: 'grundskola', app: validApplication() },
    { name: 'förskola (no åtgärdsprogram)', app: validPreschoolApplication() },
    {
      name: 'protected identity',
      app: (() => {
        const app = validApplication();
        app.pupil = { protectedIdentity: true, registeredMunicipality: 'Nora', schoolForm: 'grundskola', grade: '6' };
        return app;
      })(),
    },
  ];
  for (const variant of variants) {
    test(variant.name, () => {
      const paths = getSimplePaths(machine, {
        events: eventsFor(variant.app, { detours: false }),
        serializeState: (s) => serializeState(s as Snap),
        toState: (s) => s.matches('submitted'),
      });
      assert.ok(paths.length >= 1, 'no path reaches submitted');
      const seen = new Set<string>();
      let attempts = 0;
      const turns = replayAll(paths, eventsOf, {
        edge: (at, event, next) => {
          seen.add(event.type === 'measure.add' ? `measure.add ${event.measure.type}` : event.type);
          for (const id of next.snapshot._nodes.map((n) => n.id)) seen.add(id);
          attempts += checkInvalidAttempts(at, event, next);
        },
        end: (at) => {
          const end = at.snapshot;
          assert.equal(end.value, 'submitted');
          assert.ok(end.context.submittedAt);
          const review = submissionReview(end.context.draft, env);
          assert.deepEqual(review.problems, [], 'a submitted application passes every rule');
          if (variant.app.pupil?.protectedIdentity) {
            assert.equal(end.context.draft.pupil?.personnummer, undefined);
            assert.equal(end.context.draft.pupil?.firstName, undefined);
            assert.equal(end.context.draft.pupil?.lastName, undefined);
          }
        },
      });
      // The paths take every kind of answer (the problems list is reached only by drift, above).
      for (const expected of ['measure.add specialpedagog', 'attachment.kind']) {
        assert.ok(seen.has(expected), `no path has ${expected}`);
      }
      console.log(`${variant.name}: ${paths.length} paths to submitted, ${turns} turns replayed, ${attempts} sequences of invalid attempts checked`);
    });
  }
});

describe('application machine: behaviour', () => {
  const app = validApplication();
  const forward = (upTo: ApplicationStep): ApplicationEvent[] => {
    const events: ApplicationEvent[] = [];
    for (const step of APPLICATION_STEPS) {
      if (step === upTo) break;
      if (step === 'measures') for (const measure of app.measures!) events.push({ type: 'measure.add', measure });
      if (step === 'attachments') {
        for (const a of app.attachments!) {
          events.push({ type: 'attachment.added', attachment: { id: a.id, name: a.name } });
          events.push({ type: 'attachment.kind', attachmentId: a.id, kind: a.kind! });
        }
      }
      events.push({ type: 'step.next', step, values: stepValues(app, step) });
    }
    return events;
  };

  test('an invalid step stays put and shows Swedish errors next to the fields', () => {
    const s = replay([{ type: 'step.next', step: 'unitTerm', values: { term: 'HT2027' } }]);
    assert.ok(s.matches({ editing: 'unitTerm' }));
    assert.ok(s.context.errors['unit.id']);
    assert.equal(s.context.draft.term, 'HT2027', 'valid answers are kept even when the step is not done');
  });

  test('two missing requirements are two messages (no åtgärdsprogram and no supporting document)', () => {
    const withoutFiles = forward('attachments').filter((e) => e.type !== 'attachment.added' && e.type !== 'attachment.kind');
    const s = replay([...withoutFiles, { type: 'step.next', step: 'attachments', values: {} }]);
    assert.ok(s.matches({ editing: 'attachments' }), 'stays on the attachments step');
    assert.match(s.context.errors['attachments.atgardsprogram'] ?? '', /åtgärdsprogrammet/);
    assert.match(s.context.errors['attachments.supporting'] ?? '', /underlag/);
  });

  test('input errors from the server parser are shown and nothing else is lost', () => {
    const s = replay([
      ...forward('placement'),
      { type: 'step.next', step: 'placement', values: { placement: { group: '6B' } }, inputErrors: { 'placement.attendanceHoursPerWeek': 'Skriv ett tal.' } },
    ]);
    assert.ok(s.matches({ editing: 'placement' }));
    assert.deepEqual(s.context.errors, { 'placement.attendanceHoursPerWeek': 'Skriv ett tal.' });
    assert.equal(s.context.draft.placement?.group, '6B');
  });

  test('a stale card (another step) changes nothing, and the machine says it ignored it', () => {
    const s = replay(forward('pupil'));
    const stale: ApplicationEvent[] = [
      { type: 'step.next', step: 'unitTerm', values: { placement: { group: 'Från ett gammalt kort' } } },
      { type: 'step.back', step: 'need', values: {} },
      { type: 'draft.save', step: 'measures', values: { placement: { group: 'Från ett gammalt kort' } } },
    ];
    for (const event of stale) {
      const actor = createActor(machine, { snapshot: s, input: {} });
      const emitted: string[] = [];
      actor.on('draft.staleCard', (e) => emitted.push(e.type));
      actor.start();
      actor.send(event);
      const after = actor.getSnapshot();
      assert.deepEqual(after.value, s.value, `${event.type} from ${'step' in event ? event.step : ''} keeps the state`);
      assert.deepEqual(after.context, s.context, `${event.type} keeps every answer`);
      assert.deepEqual(emitted, ['draft.staleCard'], `${event.type} is said to be stale`);
      actor.stop();
    }
    assert.equal(s.can({ type: 'app.submit', values: {} }), false);
  });

  test('a card of the current step is not stale', () => {
    const actor = createActor(machine, { snapshot: replay(forward('pupil')), input: {} });
    const emitted: string[] = [];
    actor.on('draft.staleCard', (e) => emitted.push(e.type));
    actor.start();
    actor.send({ type: 'draft.save', step: 'pupil', values: {} });
    assert.deepEqual(emitted, [], 'no stale notice for the step on screen');
    actor.stop();
  });

  test('registered in another municipality stops with the home-municipality state', () => {
    const s = replay([...forward('pupil'), { type: 'step.next', step: 'pupil', values: { pupil: { ...app.pupil, registeredMunicipality: 'Lindesberg' } } }]);
    assert.ok(s.matches({ editing: 'wrongMunicipality' }));
    const back = replay([...forward('pupil'), { type: 'step.next', step: 'pupil', values: { pupil: { ...app.pupil, registeredMunicipality: 'Lindesberg' } } }, { type: 'step.back', step: 'pupil', values: {} }]);
    assert.ok(back.matches({ editing: 'pupil' }));
  });

  test('protected identity removes name and personnummer from the draft', () => {
    const s = replay([...forward('pupil'), { type: 'step.next', step: 'pupil', values: { pupil: { ...app.pupil, protectedIdentity: true } } }]);
    assert.ok(s.matches({ editing: 'placement' }));
    assert.equal(s.context.draft.pupil?.personnummer, undefined);
    assert.equal(s.context.draft.pupil?.firstName, undefined);
    assert.equal(s.context.draft.pupil?.lastName, undefined);
  });

  test('an ordinary measure is added without a second warning on top of the card (the one beside it is enough)', () => {
    const s = replay([
      ...forward('measures'),
      { type: 'measure.add', measure: { id: 'o1', type: 'specialpedagog', description: 'Specialpedagog två timmar i veckan', hoursPerWeek: 2 } },
    ]);
    assert.equal(s.context.notice, undefined);
    assert.equal(s.context.draft.measures?.length, 1);
  });

  test('a measure without resources is refused with errors on the new-measure form', () => {
    const s = replay([...forward('measures'), { type: 'measure.add', measure: { id: 'x', type: 'assistent', description: 'Assistent' } }]);
    assert.equal(s.context.draft.measures, undefined);
    assert.ok(Object.keys(s.context.errors).every((k) => k.startsWith('measure.')), JSON.stringify(s.context.errors));
    assert.ok(Object.keys(s.context.errors).length > 0);
  });

  test('submitting an unsigned application keeps the summary, with the message under the signature', () => {
    const s = replay([...forward('summary'), { type: 'app.submit', values: { signature: { confirmed: false } } }]);
    assert.ok(s.matches({ editing: 'summary' }));
    assert.deepEqual(Object.keys(s.context.errors), ['signature.confirmed']);
    const fixed = replay([
      ...forward('summary'),
      { type: 'app.submit', values: { signature: { confirmed: false } } },
      { type: 'app.submit', values: { signature: { confirmed: true } } },
    ]);
    assert.equal(fixed.value, 'submitted');
  });

  test('a draft that drifted while it waited (the unit is no longer led) is submitted to the list of problems, which leads back', () => {
    const atSummary = forward('summary').reduce((at, event) => turn(at.persisted, event), turn(undefined));
    const drifted = createApplicationMachine({ ...env, units: env.units.filter((u) => u.id !== validApplication().unit?.id) });
    const restored = createActor(drifted, { snapshot: atSummary.persisted, input: {} }).start();
    restored.send({ type: 'app.submit', values: { signature: { confirmed: true } } });
    const s = restored.getSnapshot();
    assert.ok(s.matches({ editing: 'problems' }), JSON.stringify(s.value));
    const [first] = s.context.problems;
    assert.equal(first?.field, 'unit.id');
    restored.send({ type: 'step.goto', step: stepOfField(first!.field) });
    assert.ok(restored.getSnapshot().matches({ editing: 'unitTerm' }));
  });

  test('discard asks first; cancel returns to the same step', () => {
    const s = replay([...forward('need'), { type: 'draft.discard' }, { type: 'draft.discard.cancel' }]);
    assert.ok(s.matches({ editing: 'need' }));
    const gone = replay([...forward('need'), { type: 'draft.discard' }, { type: 'draft.discard.confirm' }]);
    assert.equal(gone.value, 'discarded');
  });

  test('save keeps unvalidated answers and stays on the step', () => {
    const s = replay([...forward('mapping'), { type: 'draft.save', step: 'mapping', values: { mapping: { cognitive: 'Halvfärdig text' } } }]);
    assert.ok(s.matches({ editing: 'mapping' }));
    assert.equal(s.context.draft.mapping?.cognitive, 'Halvfärdig text');
  });

  test('a dropped file jumps to the attachments step and asks for its kind', () => {
    const s = replay([...forward('need'), { type: 'attachment.added', attachment: { id: 'f1', name: 'intyg.pdf' } }]);
    assert.ok(s.matches({ editing: 'attachments' }));
    assert.equal(s.context.pendingAttachmentId, 'f1');
    const kinded = replay([
      ...forward('need'),
      { type: 'attachment.added', attachment: { id: 'f1', name: 'intyg.pdf' } },
      { type: 'attachment.kind', attachmentId: 'f1', kind: 'lakarintyg' },
    ]);
    assert.equal(kinded.context.pendingAttachmentId, undefined);
    assert.equal(kinded.context.draft.attachments?.[0]?.kind, 'lakarintyg');
  });

  test('a submitted application accepts no further events', () => {
    const s = replay([...forward('summary'), { type: 'app.submit', values: { signature: { confirmed: true } } }]);
    assert.equal(s.status, 'done');
    assert.equal(s.can({ type: 'draft.discard' }), false);
  });
});

describe('application machine: a drafter sends, the principal signs', () => {
  // The drafter drafts for both units but leads none; the principal's turn has the full env.
  const drafterMachine = createApplicationMachine({ ...env, ledUnitIds: [] });
  const atSummary = (m: typeof machine) => {
    const app = validApplication();
    const actor = createActor(m, { input: {} }).start();
    for (const step of APPLICATION_STEPS) {
      if (step === 'summary') break;
      if (step === 'measures') for (const measure of app.measures ?? []) actor.send({ type: 'measure.add', measure });
      if (step === 'attachments') {
        for (const a of app.attachments ?? []) {
          actor.send({ type: 'attachment.added', attachment: { id: a.id, name: a.name } });
          if (a.kind) actor.send({ type: 'attachment.kind', attachmentId: a.id, kind: a.kind });
        }
      }
      actor.send({ type: 'step.next', step, values: stepValues(app, step) });
    }
    assert.ok(actor.getSnapshot().matches({ editing: 'summary' }), JSON.stringify(actor.getSnapshot().value));
    return actor;
  };

  test('a drafter cannot sign: the summary stays, with a notice', () => {
    const actor = atSummary(drafterMachine);
    actor.send({ type: 'app.submit', values: { signature: { confirmed: true } } });
    const s = actor.getSnapshot();
    assert.ok(s.matches({ editing: 'summary' }), 'still on the summary');
    assert.match(s.context.notice ?? '', /Bara rektorn/);
  });

  test('sent for signature without a signature; the principal signs and it is submitted', () => {
    const actor = atSummary(drafterMachine);
    actor.send({ type: 'app.sendForSignature', values: {} });
    const sent = actor.getSnapshot();
    assert.ok(sent.matches('awaitingSignature'), JSON.stringify(sent.value));
    assert.equal(sent.context.draft.signature, undefined);
    // The drafter's own cards change nothing meanwhile.
    actor.send({ type: 'step.goto', step: 'need' });
    assert.ok(actor.getSnapshot().matches('awaitingSignature'), 'the drafter cannot edit while the principal has it');
    // The principal's turn: the same snapshot in the principal's environment.
    const principal = createActor(machine, { snapshot: actor.getPersistedSnapshot() as Snapshot<unknown> as Snap, input: {} }).start();
    principal.send({ type: 'signature.sign' });
    const signed = principal.getSnapshot();
    assert.ok(signed.matches('submitted'), JSON.stringify(signed.value));
    assert.equal(signed.context.draft.signature?.confirmed, true);
  });

  test('the drafter cannot sign it either once sent', () => {
    const actor = atSummary(drafterMachine);
    actor.send({ type: 'app.sendForSignature', values: {} });
    actor.send({ type: 'signature.sign' });
    assert.ok(actor.getSnapshot().matches('awaitingSignature'), 'refused in the drafter environment');
  });

  test('sent back with a comment: the summary again, with the comment; without one: nothing', () => {
    const actor = atSummary(drafterMachine);
    actor.send({ type: 'app.sendForSignature', values: {} });
    actor.send({ type: 'signature.return', comment: '  ' });
    assert.ok(actor.getSnapshot().matches('awaitingSignature'), 'a comment is required');
    actor.send({ type: 'signature.return', comment: 'Lägg till vistelsetiden.' });
    const back = actor.getSnapshot();
    assert.ok(back.matches({ editing: 'summary' }), JSON.stringify(back.value));
    assert.equal(back.context.returnComment, 'Lägg till vistelsetiden.');
    assert.match(back.context.notice ?? '', /Lägg till vistelsetiden/);
  });
});
