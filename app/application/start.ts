// "Ny ansökan": a new, empty draft for the principal, at its first step.
import type { AdaptiveCard } from '../../cards';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { startDraft } from '../draft-runner';
import { draftList } from './resume';
import { APPLICATION_MACHINE, applicationMachineOf, draftTitle, renderState } from './turn';

// With a draft already open, "ny ansökan" first offers to continue it: a second, empty draft is
// started only when the principal asks for it on purpose (app.new.confirm).
export async function startApplication(deps: AppDeps, actor: Actor, options: { deliberately?: boolean } = {}): Promise<AdaptiveCard> {
  if (!options.deliberately) {
    const open = await deps.repos.snapshots.listOpen(actor.person.id, APPLICATION_MACHINE);
    if (open.length > 0) return draftList(deps, actor, open, { offerNew: true });
  }
  const now = deps.clock.now();
  const { id, snapshot } = await startDraft(
    deps.repos,
    { name: APPLICATION_MACHINE, ...applicationMachineOf(actor, now) },
    { personId: actor.person.id, label: (s) => draftTitle(actor, s.context.draft), created: { municipalityId: actor.municipality.id } },
    {},
  );
  return renderState(id, snapshot, actor, now);
}
