// A dialog card names its draft. The turn reads that draft while it looks up who is acting, so
// a step costs two round trips of waiting instead of three. Nothing is decided here: whose draft
// it is, is checked where it is used (app/draft-runner.ts), and a person the bot does not know
// never gets to use it. The read is used once; a retry after a version conflict reads again.
import { z } from 'zod';
import type { Repositories, SnapshotRecord } from '../domain/ports';

const ZNamesDraft = z.looseObject({ draftId: z.uuid() });

export function withDraftPrefetched(repos: Repositories, data: unknown): Repositories {
  const named = ZNamesDraft.safeParse(data);
  if (!named.success) return repos;
  const draftId = named.data.draftId;
  let pending: Promise<SnapshotRecord | null> | undefined = repos.snapshots.load(draftId);
  // Read before anyone waits for it: a failure is reported when (and if) it is used.
  pending.catch(() => {});
  const snapshots = repos.snapshots;
  return {
    ...repos,
    snapshots: {
      ...snapshots,
      load(id) {
        if (id !== draftId || !pending) return snapshots.load(id);
        const first = pending;
        pending = undefined;
        return first;
      },
    },
  };
}
