// The generic draft runner on a toy machine (not the application's): it must work for any
// dialog whose state is a snapshot — restore, send, save with the version, retry on conflict.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { assign, emit, setup } from 'xstate';
import { runDraft, startDraft, type DraftFlow } from '../../app/draft-runner';
import { ConflictError, type Repositories, type SnapshotRecord } from '../../domain/ports';

const counter = setup({
  types: { context: {} as { count: number }, events: {} as { type: 'add'; by: number } | { type: 'noop' }, emitted: {} as { type: 'ignored' } },
  actions: { ignored: emit({ type: 'ignored' }) },
}).createMachine({
  id: 'counter',
  context: { count: 0 },
  on: {
    add: { actions: assign({ count: ({ context, event }) => context.count + (event.type === 'add' ? event.by : 0) }) },
    noop: { actions: 'ignored' },
  },
});

const add = (by: number) => ({ type: 'add' as const, by });
const NOOP = { type: 'noop' as const };

// Snapshots in memory, with the repository's version check; `conflicts` makes the next saves
// fail as if another turn had saved first.
function memoryRepos() {
  const rows = new Map<string, SnapshotRecord>();
  let conflicts = 0;
  let saves = 0;
  const snapshots = {
    async create(input: { machine: string; personId?: string | null; caseId?: string | null; label?: string | null; snapshot: unknown }) {
      const id = `d${rows.size + 1}`;
      rows.set(id, { id, machine: input.machine, personId: input.personId ?? null, caseId: input.caseId ?? null, label: input.label ?? null, status: 'open', version: 1, updatedAt: new Date(0), snapshot: input.snapshot } as SnapshotRecord);
      return { id, version: 1 };
    },
    async load(id: string) {
      const row = rows.get(id);
      return row ? structuredClone(row) : null;
    },
    async save(id: string, expected: number, change: { snapshot: unknown; status?: SnapshotRecord['status'] }) {
      const row = rows.get(id)!;
      if (conflicts > 0) {
        conflicts--;
        row.version++; // someone else saved
        throw new ConflictError('stale', { entity: 'snapshot', id, reason: 'version' });
      }
      if (row.version !== expected) throw new ConflictError('stale', { entity: 'snapshot', id, reason: 'version' });
      saves++;
      rows.set(id, { ...row, snapshot: change.snapshot, status: change.status ?? row.status, version: row.version + 1 });
      return row.version + 1;
    },
  };
  return {
    repos: { snapshots } as unknown as Repositories,
    conflictNext: (n: number) => (conflicts = n),
    saves: () => saves,
    rows,
  };
}

const flow = (repos: Repositories): DraftFlow<typeof counter, string> => ({
  name: 'counter',
  machine: counter,
  missing: () => 'missing',
  closed: (record) => `closed:${record.status}`,
  async act(turn) {
    if (turn.emitted.some((e) => e.type === 'ignored')) return 'ignored';
    if (turn.event) await turn.save();
    return `count:${turn.snapshot.context.count}`;
  },
});

test('a turn restores the snapshot, sends the event and saves over the loaded version', async () => {
  const db = memoryRepos();
  const { id } = await startDraft(db.repos, { name: 'counter', machine: counter }, { personId: 'p1', label: () => 'Räknare' }, {});
  assert.equal(await runDraft(db.repos, flow(db.repos), 'p1', id, () => add(2)), 'count:2');
  assert.equal(await runDraft(db.repos, flow(db.repos), 'p1', id, () => add(3)), 'count:5');
  assert.equal(await runDraft(db.repos, flow(db.repos), 'p1', id, () => null), 'count:5', 'no event: shown, not saved');
  assert.equal(db.saves(), 2);
});

test('a version conflict loads again and sends the event to the fresh state', async () => {
  const db = memoryRepos();
  const { id } = await startDraft(db.repos, { name: 'counter', machine: counter }, { personId: 'p1', label: () => 'Räknare' }, {});
  db.conflictNext(2);
  let built = 0;
  const result = await runDraft(db.repos, flow(db.repos), 'p1', id, () => {
    built++;
    return add(1);
  });
  assert.equal(result, 'count:1', 'the event counts once');
  assert.equal(built, 3, 'built again from each fresh load');
});

test('conflicts beyond the retries reach the caller', async () => {
  const db = memoryRepos();
  const { id } = await startDraft(db.repos, { name: 'counter', machine: counter }, { personId: 'p1', label: () => 'Räknare' }, {});
  db.conflictNext(5);
  await assert.rejects(runDraft(db.repos, flow(db.repos), 'p1', id, () => add(1)), ConflictError);
});

test("someone else's draft, another machine's and a closed one never reach the machine", async () => {
  const db = memoryRepos();
  const { id } = await startDraft(db.repos, { name: 'counter', machine: counter }, { personId: 'p1', label: () => 'Räknare' }, {});
  const never = () => assert.fail('no event for a draft that is not run') as never;
  assert.equal(await runDraft(db.repos, flow(db.repos), 'p2', id, never), 'missing');
  assert.equal(await runDraft(db.repos, { ...flow(db.repos), name: 'followUp' }, 'p1', id, never), 'missing');
  assert.equal(await runDraft(db.repos, flow(db.repos), 'p1', 'nope', never), 'missing');
  db.rows.get(id)!.status = 'discarded';
  assert.equal(await runDraft(db.repos, flow(db.repos), 'p1', id, never), 'closed:discarded');
});

test("what the machine emits reaches the flow (the application's stale-card notice)", async () => {
  const db = memoryRepos();
  const { id } = await startDraft(db.repos, { name: 'counter', machine: counter }, { personId: 'p1', label: () => 'Räknare' }, {});
  assert.equal(await runDraft(db.repos, flow(db.repos), 'p1', id, () => NOOP), 'ignored');
  assert.equal(db.saves(), 0, 'an ignored event is not saved by this flow');
});
