// The case machine decides every status change; this is the one place that writes it. The
// write is conditional on the status the turn read, so two people acting at once cannot both
// move the case (the second gets a ConflictError). Creation ('submitted') is the only status
// set elsewhere: by the submission itself, before there is a case to move.
import { ConflictError, type Repositories } from '../../domain/ports';
import { applyCaseEvent, type CaseEvent, type CaseEventResult } from '../../machines/case.machine';
import { storedCase, type CaseBundle } from './context';

export type CaseMove = Extract<CaseEventResult, { ok: true }>;

// The machine at the stored status takes one event: the status to write, or why not.
export function moveCase(bundle: CaseBundle, event: CaseEvent): CaseEventResult {
  return applyCaseEvent(storedCase(bundle), event);
}

// `repos` may be a transaction's: the status then changes with the rest of the turn's writes.
export async function writeCaseStatus(repos: Repositories, bundle: CaseBundle, move: CaseMove, by: string | null): Promise<void> {
  if (move.status === bundle.kase.status) return;
  await repos.cases.setStatus(bundle.kase.id, move.status, {
    by,
    expected: [bundle.kase.status],
    details: { action: move.auditAction },
  });
}

// A person's event on a case: the machine's answer, and when it accepts, the status written.
// A refusal or a lost race comes back as the toast to show.
export async function transition(repos: Repositories, bundle: CaseBundle, event: CaseEvent & { by: { personId: string } }): Promise<{ toast: string } | CaseMove> {
  const move = moveCase(bundle, event);
  if (!move.ok) return { toast: move.message };
  try {
    await writeCaseStatus(repos, bundle, move, event.by.personId);
  } catch (error) {
    if (error instanceof ConflictError) return { toast: 'Någon annan ändrade ärendet samtidigt. Uppdatera kortet och försök igen.' };
    throw error;
  }
  return move;
}
