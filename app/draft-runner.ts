// One turn of any dialog whose state is a persisted XState snapshot (the application today, the
// follow-up tomorrow): load the owner's draft, restore the machine from its snapshot, send one
// event, let the flow persist and render the new state, and on a version conflict (double click,
// retried invoke, second tab) load again and send the event again. The machines make a repeat
// harmless: a stale card is ignored (and said so), a submitted draft answers with its receipt.
import { createActor, type AnyStateMachine, type EmittedFrom, type EventFrom, type SnapshotFrom } from 'xstate';
import { ConflictError, type Repositories, type SnapshotRecord, type SnapshotStatus } from '../domain/ports';

const MAX_ATTEMPTS = 3;

export interface DraftTurn<M extends AnyStateMachine> {
  record: SnapshotRecord;
  // The state after the event, or as restored when there was no event.
  snapshot: SnapshotFrom<M>;
  event: EventFrom<M> | null;
  // What the machine emitted while it took the event.
  emitted: EmittedFrom<M>[];
  persisted(): unknown;
  // Saves the new state over the version that was loaded; a conflict runs the turn again.
  save(change?: { status?: SnapshotStatus; label?: string | null }): Promise<void>;
}

export interface DraftFlow<M extends AnyStateMachine, R> {
  // The snapshot table's machine name.
  name: string;
  // The machine, and how to run it with this turn's environment: its synchronous work (restore,
  // start, send) happens inside run (machines/turn-env.ts). Absent: the machine has it provided.
  machine: M;
  run?: <T>(work: () => T) => T;
  // No such draft, or not this person's: the same answer, so ids cannot be probed.
  missing(): R | Promise<R>;
  // The draft is no longer open (submitted, discarded).
  closed(record: SnapshotRecord): R | Promise<R>;
  // Persists what the new state needs (turn.save, or a use case's own transaction) and renders it.
  act(turn: DraftTurn<M>): Promise<R>;
}

export async function runDraft<M extends AnyStateMachine, R>(
  repos: Repositories,
  flow: DraftFlow<M, R>,
  personId: string,
  draftId: string,
  // Built from the freshly loaded state each attempt; null only shows the draft.
  eventFor: (snapshot: SnapshotFrom<M>) => EventFrom<M> | null,
  // The draft as the caller read it this turn, for the first attempt (a conflict reads it again).
  loaded?: SnapshotRecord | null,
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const record = attempt === 1 && loaded !== undefined ? loaded : await repos.snapshots.load(draftId);
    if (!record || record.machine !== flow.name || record.personId !== personId) return flow.missing();
    if (record.status !== 'open') return flow.closed(record);

    // Generic over the machine, so XState's per-machine option typing is out of reach here.
    const actor = createActor(flow.machine as AnyStateMachine, { snapshot: record.snapshot as SnapshotFrom<AnyStateMachine>, input: {} });
    const emitted: EmittedFrom<M>[] = [];
    actor.on('*', (e) => emitted.push(e as EmittedFrom<M>));
    const event = inTurn(flow, () => {
      actor.start();
      const chosen = eventFor(actor.getSnapshot() as SnapshotFrom<M>);
      if (chosen) actor.send(chosen);
      return chosen;
    });
    const turn: DraftTurn<M> = {
      record,
      snapshot: actor.getSnapshot() as SnapshotFrom<M>,
      event,
      emitted,
      persisted: () => actor.getPersistedSnapshot(),
      save: async (change = {}) => {
        await repos.snapshots.save(draftId, record.version, { snapshot: actor.getPersistedSnapshot(), ...change });
      },
    };
    try {
      return await flow.act(turn);
    } catch (error) {
      if (error instanceof ConflictError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    } finally {
      actor.stop();
    }
  }
}

// A new draft: the machine's initial state, stored for its owner.
export async function startDraft<M extends AnyStateMachine>(
  repos: Repositories,
  flow: Pick<DraftFlow<M, unknown>, 'name' | 'machine' | 'run'>,
  // `created`: the draft.created audit entry, by its owner in this municipality.
  owner: { personId: string; caseId?: string; label: (snapshot: SnapshotFrom<M>) => string; created?: { municipalityId: string; details?: Record<string, unknown> } },
  input: unknown,
  firstEvent?: EventFrom<M>,
): Promise<{ id: string; snapshot: SnapshotFrom<M> }> {
  const actor = createActor(flow.machine as AnyStateMachine, { input });
  inTurn(flow, () => {
    actor.start();
    if (firstEvent) actor.send(firstEvent);
  });
  const snapshot = actor.getSnapshot() as SnapshotFrom<M>;
  const { id } = await repos.snapshots.create({
    machine: flow.name,
    personId: owner.personId,
    ...(owner.caseId ? { caseId: owner.caseId } : {}),
    label: owner.label(snapshot),
    snapshot: actor.getPersistedSnapshot(),
  });
  actor.stop();
  if (owner.created) {
    const { municipalityId, details } = owner.created;
    await repos.audit.append({ municipalityId, actorId: owner.personId, action: 'draft.created', subjectType: 'draft', subjectId: id, ...(details ? { details } : {}) });
  }
  return { id, snapshot };
}

function inTurn<T>(flow: { run?: <U>(work: () => U) => U }, work: () => T): T {
  return flow.run ? flow.run(work) : work();
}
