// "Förslag till beslut": a handler writes a proposal (outcome, amount, period, approved measures,
// reasons) and sends it to the head of Elevhälsan, whose decision form then opens prefilled with
// it (app/case/decide.ts) and shows where the decision departs from it.
import { messageCard, proposalFormCard, type DecisionFormValues } from '../../cards';
import { validateDecision } from '../../domain/decision-text';
import { ConflictError, type ProposalRecord } from '../../domain/ports';
import { DECISION_OUTCOME_LABELS } from '../../domain/wording';
import { caseActor, type Actor } from '../actor';
import type { AppDeps, Reply, TurnPlace } from '../deps';
import { fieldErrors, privately, refreshChannelCard, withCase } from './access';
import type { CaseBundle } from './context';
import { decisionFormFacts } from './decide';
import { NO_OUTCOME, ZGrantInputs, grantValues } from './grant-inputs';
import { proposalFor } from './proposal';
import { moveCase, writeCaseStatus } from './status';

function proposalForm(bundle: CaseBundle, errors: Record<string, string> = {}, values?: DecisionFormValues) {
  return proposalFormCard({
    ...decisionFormFacts(bundle),
    errors,
    ...(values ? { values } : {}),
  });
}

export function openProposalForm(deps: AppDeps, actor: Actor, caseId: string, place: TurnPlace): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.propose', async (bundle) => {
    if (bundle.kase.status === 'decided' || bundle.kase.status === 'withdrawn') return { toast: 'Ärendet är redan avslutat.' };
    if (bundle.kase.status === 'completion_requested') return { toast: 'Ärendet väntar på komplettering från rektorn.' };
    const latest = await proposalFor(deps.repos, bundle);
    return privately(deps, actor, place, proposalForm(bundle, {}, latest?.values));
  });
}

export function sendProposal(deps: AppDeps, actor: Actor, caseId: string, inputs: Record<string, unknown>): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.propose', async (bundle) => {
    const parsed = ZGrantInputs.safeParse(inputs);
    if (!parsed.success) return proposalForm(bundle, fieldErrors(parsed.error));
    const values = grantValues(parsed.data, bundle.application.measures);
    if (!values.outcome) return proposalForm(bundle, NO_OUTCOME, values);
    const outcome = values.outcome;
    const measures = bundle.application.measures;
    const approvedIds = outcome === 'approved' ? measures.map((m) => m.id) : outcome === 'rejected' ? [] : (values.approvedMeasures ?? []);
    const granted = outcome !== 'rejected';
    // The same checks as the decision itself: a proposal the head could not sign as it is helps nobody.
    const problems = validateDecision({
      outcome,
      amountPerMonth: granted ? (values.amountPerMonth ?? null) : null,
      from: granted ? (values.from ?? null) : null,
      to: granted ? (values.to ?? null) : null,
      reason: values.reason ?? null,
      approvedMeasures: measures.filter((m) => approvedIds.includes(m.id)).map((m) => m.description),
      notApprovedMeasures: measures.filter((m) => !approvedIds.includes(m.id)).map((m) => m.description),
      significantDifficulties: false,
      unitKind: bundle.unit.kind,
    });
    if (problems.length > 0) return proposalForm(bundle, Object.fromEntries(problems.map((p) => [p.field, p.message])), values);

    const moved = moveCase(bundle, { type: 'case.propose', by: caseActor(actor) });
    if (!moved.ok) return { toast: moved.message };
    const now = deps.clock.now();
    let proposal: ProposalRecord;
    try {
      proposal = await deps.repos.transaction(async (tx) => {
        await writeCaseStatus(tx, bundle, moved, actor.person.id);
        const record = await tx.proposals.record({
          caseId,
          outcome,
          amountPerMonth: granted ? (values.amountPerMonth ?? null) : null,
          from: granted ? (values.from ?? null) : null,
          to: granted ? (values.to ?? null) : null,
          reason: values.reason ?? null,
          approvedMeasureIds: approvedIds,
          proposedById: actor.person.id,
          proposedAt: now,
        });
        await tx.audit.append({
          municipalityId: bundle.kase.municipalityId,
          actorId: actor.person.id,
          action: 'case.proposed',
          subjectType: 'case',
          subjectId: caseId,
          details: { proposalId: record.id, outcome },
        });
        return record;
      });
    } catch (error) {
      if (error instanceof ConflictError) return { toast: 'Någon annan ändrade ärendet samtidigt. Uppdatera kortet och försök igen.' };
      throw error;
    }
    // The head hears of it in their own chat, with the button to the prefilled decision form.
    const heads = await deps.repos.people.listByRole(bundle.kase.municipalityId, 'head');
    const note = messageCard({
      title: 'Förslag till beslut',
      text: `${actor.person.displayName} har skrivit ett förslag till beslut i ${bundle.kase.caseNumber} (${bundle.unit.name}): ${DECISION_OUTCOME_LABELS[proposal.outcome]}. Beslutsformuläret är ifyllt med förslaget.`,
      actions: [{ title: 'Fatta beslut', verb: 'case.decision.form', data: { caseId } }],
    });
    for (const head of heads) if (head.id !== actor.person.id) await deps.ownChat?.sendCard(head.id, note);
    await refreshChannelCard(deps, caseId);
    return messageCard({
      title: 'Förslaget är skickat',
      text: `Chefen för Elevhälsan har fått ditt förslag till beslut i ${bundle.kase.caseNumber} och beslutar i ärendet.`,
      actions: [{ title: 'Visa kön', verb: 'cases.queue', data: {} }],
    });
  });
}
