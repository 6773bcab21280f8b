// The draft a card names is read once while the turn finds out who is acting; every other read
// goes to the repository as before.
import { describe, expect, test } from '@jest/globals';
import { withDraftPrefetched } from '../../bot/prefetch';
import type { Repositories, SnapshotRecord } from '../../domain/ports';

const DRAFT = '0b5a4a3e-1111-4a4a-8a8a-000000000001';
const OTHER = '0b5a4a3e-1111-4a4a-8a8a-000000000002';

function fakeRepos() {
  const reads: string[] = [];
  const record = (id: string) => ({ id, version: reads.length }) as unknown as SnapshotRecord;
  const repos = {
    snapshots: {
      load: async (id: string) => {
        reads.push(id);
        return record(id);
      },
    },
  } as unknown as Repositories;
  return { repos, reads };
}

describe('withDraftPrefetched', () => {
  test('reads the named draft at once; the first load of it uses that read, later ones read again', async () => {
    const { repos, reads } = fakeRepos();
    const turn = withDraftPrefetched(repos, { verb: 'step.next', draftId: DRAFT, step: 'pupil' });
    expect(reads).toEqual([DRAFT]);
    expect((await turn.snapshots.load(DRAFT))?.version).toBe(1);
    expect(reads).toEqual([DRAFT]);
    await turn.snapshots.load(DRAFT);
    await turn.snapshots.load(OTHER);
    expect(reads).toEqual([DRAFT, DRAFT, OTHER]);
  });

  test('data that names no draft, or not as a uuid, changes nothing', () => {
    for (const data of [undefined, null, 'x', {}, { draftId: 'not-a-uuid' }, { draftId: 42 }]) {
      const { repos, reads } = fakeRepos();
      expect(withDraftPrefetched(repos, data)).toBe(repos);
      expect(reads).toEqual([]);
    }
  });

  test('a failed read is reported to whoever uses it, and is not an unhandled rejection', async () => {
    const failing = { snapshots: { load: async () => Promise.reject(new Error('database down')) } } as unknown as Repositories;
    const turn = withDraftPrefetched(failing, { draftId: DRAFT });
    await new Promise((r) => setImmediate(r));
    await expect(turn.snapshots.load(DRAFT)).rejects.toThrow('database down');
  });
});
