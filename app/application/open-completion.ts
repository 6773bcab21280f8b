// "Komplettera ansökan", the principal's side of a request for completion: a draft of the
// submitted application, opened at the step Elevhälsan named. Submitting it is resubmit.ts.
import { messageCard } from '../../cards';
import { mayPerform } from '../../domain/case-roles';
import { draftLabel } from '../../domain/draft';
import type { TApplicationDraft } from '../../domain/schemas';
import { APPLICATION_STEPS } from '../../machines/application.steps';
import { caseActor, type Actor } from '../actor';
import { loadCase } from '../case/context';
import type { AppDeps, Reply } from '../deps';
import { startDraft } from '../draft-runner';
import { openDraft } from './resume';
import { APPLICATION_MACHINE, applicationMachineOf, renderState } from './turn';

export async function openCompletionDraft(deps: AppDeps, actor: Actor, caseId: string): Promise<Reply> {
  const bundle = await loadCase(deps.repos, caseId);
  if (!bundle || bundle.kase.municipalityId !== actor.municipality.id) return { toast: 'Ärendet hittades inte.' };
  const permission = mayPerform('case.resubmit', caseActor(actor), bundle.kase);
  if (!permission.ok) return { toast: permission.message };
  const existing = (await deps.repos.snapshots.listOpenForCase(caseId, APPLICATION_MACHINE)).find((s) => s.personId === actor.person.id);
  if (existing) return openDraft(deps, actor, existing.id);
  if (bundle.kase.status !== 'completion_requested') {
    return messageCard({
      title: 'Ingen komplettering väntar',
      text: `Elevhälsan har inte bett om någon komplettering av ${bundle.kase.caseNumber} just nu. Du ser ärendets status under Mina ärenden.`,
      actions: [{ title: 'Mina ärenden', verb: 'cases.mine', data: {} }],
    });
  }
  const request = await deps.repos.completions.open(caseId);
  const step = APPLICATION_STEPS.find((s) => s === request?.step) ?? 'summary';
  // The principal signs again: a completed application is a new statement.
  const { signature: _signature, ...rest } = bundle.application;
  const draft: TApplicationDraft = rest;
  const now = deps.clock.now();
  const { id, snapshot } = await startDraft(
    deps.repos,
    { name: APPLICATION_MACHINE, ...applicationMachineOf(actor, now) },
    { personId: actor.person.id, caseId, label: () => `${draftLabel(draft)} (komplettering ${bundle.kase.caseNumber})` },
    { draft },
    { type: 'step.goto', step },
  );
  return renderState(id, snapshot, actor, now);
}
