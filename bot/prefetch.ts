// A dialog card names its draft. The turn reads that draft while it looks up who is acting, so
// a step costs two round trips of waiting instead of three. Nothing is decided here: whose draft
// it is, is checked where it is used (app/draft-runner.ts), and a person the bot does not know
// never gets to use it. The read is used once; a retry after a version conflict reads again.
import { z } from 'zod';
import type { Repositories, SnapshotRecord } from '../domain/ports';

// Only the id is read here (the whole action is parsed where it is routed).
const ZDraftId = z.uuid();

export function withDraftPrefetched(repos: Repositories, data: unknown): Repositories {
  const named = ZDraftId.safeParse(typeof data === 'object' && data !== null ? (data as { draftId?: unknown }).draftId : undefined);
  if (!named.success) return repos;
  const draftId = named.data;
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
