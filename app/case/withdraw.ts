// The principal withdraws the application before the decision: the reason is kept (audit log),
// the case is closed (the machine's 'withdrawn'), and Elevhälsan's channel card is updated.
import { messageCard, withdrawFormCard } from '../../cards';
import { termTitle } from '../../domain/terms';
import { caseActor, type Actor } from '../actor';
import type { AppDeps, Reply } from '../deps';
import { refreshChannelCard, withCase } from './access';
import type { CaseBundle } from './context';
import { transition } from './status';

const form = (bundle: CaseBundle, errors: Record<string, string> = {}) =>
  withdrawFormCard({ caseId: bundle.kase.id, caseNumber: bundle.kase.caseNumber, unitName: bundle.unit.name, termLabel: termTitle(bundle.kase.term), errors });

const closed = (bundle: CaseBundle): Reply | null =>
  bundle.kase.status === 'decided'
    ? { toast: 'Ärendet är redan beslutat. Ett beslut kan inte återkallas, men det kan upphöra om barnet lämnar enheten.' }
    : bundle.kase.status === 'withdrawn'
      ? { toast: 'Ansökan är redan återkallad.' }
      : null;

export function openWithdrawForm(deps: AppDeps, actor: Actor, caseId: string): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.withdraw', async (bundle) => closed(bundle) ?? form(bundle));
}

export function withdraw(deps: AppDeps, actor: Actor, caseId: string, inputs: Record<string, unknown>): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.withdraw', async (bundle) => {
    const shut = closed(bundle);
    if (shut) return shut;
    const reason = typeof inputs['withdrawal.reason'] === 'string' ? inputs['withdrawal.reason'].trim().slice(0, 4000) : '';
    if (!reason) return form(bundle, { 'withdrawal.reason': 'Skriv varför ansökan återkallas.' });
    const moved = await transition(deps.repos, bundle, { type: 'case.withdraw', by: caseActor(actor), reason });
    if ('toast' in moved) return moved;
    await deps.repos.audit.append({
      municipalityId: bundle.kase.municipalityId,
      actorId: actor.person.id,
      action: 'case.withdrawn',
      subjectType: 'case',
      subjectId: caseId,
      details: { reason },
    });
    await refreshChannelCard(deps, caseId);
    return messageCard({
      title: 'Ansökan är återkallad',
      text: `Ansökan i ${bundle.kase.caseNumber} är återkallad och prövas inte. Elevhälsan ser det i sitt ärende. Behövs stödet senare gör du en ny ansökan.`,
      actions: [{ title: 'Mina ärenden', verb: 'cases.mine', data: {} }],
    });
  });
}
