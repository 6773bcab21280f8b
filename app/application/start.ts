// "Ny ansökan": a new, empty draft for the principal, at its first step.
import type { AdaptiveCard } from '../../cards';
import { draftLabel } from '../../domain/draft';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { startDraft } from '../draft-runner';
import { APPLICATION_MACHINE, applicationMachineOf, renderState } from './turn';

export async function startApplication(deps: AppDeps, actor: Actor): Promise<AdaptiveCard> {
  const now = deps.clock.now();
  const { id, snapshot } = await startDraft(
    deps.repos,
    { name: APPLICATION_MACHINE, machine: applicationMachineOf(actor, now) },
    { personId: actor.person.id, label: (s) => draftLabel(s.context.draft) },
    {},
  );
  await deps.repos.audit.append({
    municipalityId: actor.municipality.id,
    actorId: actor.person.id,
    action: 'draft.created',
    subjectType: 'draft',
    subjectId: id,
  });
  return renderState(id, snapshot, actor, now);
}
