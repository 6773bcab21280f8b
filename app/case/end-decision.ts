// A granted decision ends early when the child leaves the unit: the head picks the first day
// without tilläggsbelopp (within the decision's period) and the reason; the decision keeps both,
// the audit log records it, the principal is told, and the channel card shows it.
import { endDecisionFormCard, messageCard } from '../../cards';
import { ConflictError } from '../../domain/ports';
import { termTitle } from '../../domain/terms';
import { formatSwedishDate } from '../../domain/wording';
import type { Actor } from '../actor';
import type { AppDeps, Reply, TurnPlace } from '../deps';
import { privately, refreshChannelCard, withCase } from './access';
import type { CaseBundle } from './context';

function endable(bundle: CaseBundle): { from: string; to: string; id: string } | null {
  const d = bundle.decision;
  if (!d || d.outcome === 'rejected' || !d.from || !d.to || d.endedFrom) return null;
  return { from: d.from, to: d.to, id: d.id };
}

const form = (bundle: CaseBundle, period: { from: string; to: string }, errors: Record<string, string> = {}) =>
  endDecisionFormCard({ caseId: bundle.kase.id, caseNumber: bundle.kase.caseNumber, unitName: bundle.unit.name, termLabel: termTitle(bundle.kase.term), ...period, errors });

const NOTHING_TO_END = { toast: 'Det finns inget gällande beviljat beslut att avsluta i ärendet.' };

export function openEndDecisionForm(deps: AppDeps, actor: Actor, caseId: string, place: TurnPlace): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.decision.end', async (bundle) => {
    const period = endable(bundle);
    return period ? privately(deps, actor, place, form(bundle, period)) : NOTHING_TO_END;
  });
}

export function endDecision(deps: AppDeps, actor: Actor, caseId: string, inputs: Record<string, unknown>): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.decision.end', async (bundle) => {
    const period = endable(bundle);
    if (!period) return NOTHING_TO_END;
    const from = typeof inputs['decision.endFrom'] === 'string' ? inputs['decision.endFrom'].trim() : '';
    const reason = typeof inputs['decision.endReason'] === 'string' ? inputs['decision.endReason'].trim().slice(0, 4000) : '';
    const errors: Record<string, string> = {};
    // The first day without the grant: after the first day of the period, at most its last.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || from <= period.from || from > period.to) {
      errors['decision.endFrom'] = `Välj en dag efter ${formatSwedishDate(period.from)} och senast ${formatSwedishDate(period.to)}.`;
    }
    if (!reason) errors['decision.endReason'] = 'Skriv varför beslutet upphör.';
    if (Object.keys(errors).length > 0) return form(bundle, period, errors);
    try {
      await deps.repos.decisions.end(period.id, { from, reason, by: actor.person.id });
    } catch (error) {
      if (error instanceof ConflictError) return { toast: 'Beslutet är redan avslutat.' };
      throw error;
    }
    await deps.ownChat?.sendCard(
      bundle.kase.principalId,
      messageCard({
        title: 'Tilläggsbeloppet upphör',
        text: `Beslutet i ${bundle.kase.caseNumber} upphör från och med ${formatSwedishDate(from)}. Skäl: ${reason}`,
        actions: [{ title: 'Mina ärenden', verb: 'cases.mine', data: {} }],
      }),
    );
    await refreshChannelCard(deps, caseId);
    return messageCard({ title: 'Beslutet är avslutat', text: `Tilläggsbeloppet i ${bundle.kase.caseNumber} upphör från och med ${formatSwedishDate(from)}. Rektorn har fått besked.` });
  });
}
