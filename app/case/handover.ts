// A named handler: the head gives a case to a handler of their choice, and a handler passes their
// case on to a colleague. The case machine takes it like "Tilldela mig" (from 'submitted' the
// review starts), and domain/case-roles says who may.
import { handoverFormCard, messageCard } from '../../cards';
import { termTitle } from '../../domain/terms';
import { caseActor, type Actor } from '../actor';
import type { AppDeps, Reply, TurnPlace } from '../deps';
import { privately, refreshChannelCard, withCase } from './access';
import type { CaseBundle } from './context';
import { transition } from './status';

async function handlersOf(deps: AppDeps, bundle: CaseBundle) {
  const people = await deps.repos.people.listByRole(bundle.kase.municipalityId, 'handler');
  return people.map((p) => ({ id: p.id, name: p.displayName }));
}

async function form(deps: AppDeps, bundle: CaseBundle, errors: Record<string, string> = {}) {
  const handlers = (await handlersOf(deps, bundle)).filter((h) => h.id !== bundle.kase.assignedHandlerId);
  return handoverFormCard({
    caseId: bundle.kase.id,
    caseNumber: bundle.kase.caseNumber,
    unitName: bundle.unit.name,
    termLabel: termTitle(bundle.kase.term),
    ...(bundle.handler ? { currentHandler: bundle.handler.displayName } : {}),
    handlers,
    errors,
  });
}

export function openHandoverForm(deps: AppDeps, actor: Actor, caseId: string, place: TurnPlace): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.handover', async (bundle) =>
    bundle.kase.status === 'decided' || bundle.kase.status === 'withdrawn'
      ? { toast: 'Ärendet är redan avslutat.' }
      : privately(deps, actor, place, await form(deps, bundle)),
  );
}

export function handOver(deps: AppDeps, actor: Actor, caseId: string, inputs: Record<string, unknown>): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.handover', async (bundle) => {
    const to = typeof inputs['handover.to'] === 'string' ? inputs['handover.to'].trim() : '';
    // Only a handler of this municipality can be named: the id from the card is checked here.
    const target = (await handlersOf(deps, bundle)).find((h) => h.id === to);
    if (!target) return form(deps, bundle, { 'handover.to': 'Välj vem som ska handlägga ärendet.' });
    const moved = await transition(deps.repos, bundle, { type: 'case.handover', by: caseActor(actor), to: target.id });
    if ('toast' in moved) return moved;
    await deps.repos.cases.assignHandler(caseId, target.id, actor.person.id);
    await deps.repos.audit.append({
      municipalityId: bundle.kase.municipalityId,
      actorId: actor.person.id,
      action: 'case.handed_over',
      subjectType: 'case',
      subjectId: caseId,
      details: { from: bundle.kase.assignedHandlerId, to: target.id },
    });
    if (target.id !== actor.person.id) {
      await deps.ownChat?.sendCard(
        target.id,
        messageCard({
          title: 'Du har fått ett ärende',
          text: `${actor.person.displayName} har lämnat över ${bundle.kase.caseNumber} (${bundle.unit.name}) till dig.`,
          actions: [{ title: 'Visa ansökan', verb: 'case.view', data: { caseId } }],
        }),
      );
    }
    await refreshChannelCard(deps, caseId);
    return messageCard({ title: 'Ärendet är överlämnat', text: `${target.name} handlägger nu ${bundle.kase.caseNumber}.` });
  });
}
