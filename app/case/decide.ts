// "Fatta beslut": the head of Elevhälsan decides. The form's inputs are parsed and checked as a
// letter (domain/decision-text), the case machine must accept the decision, and then the
// decision and the case's new status are written in one transaction; the letter goes to the
// principal's chat through the job queue.
import { z } from 'zod';
import { decisionFormCard, messageCard, type DecisionFormValues, type ProposalSummary } from '../../cards';
import { decisionText, validateDecision } from '../../domain/decision-text';
import { DECISION_FIELD_ERRORS, MEASURE_TYPE_LABELS, ROLE_LABELS } from '../../domain/wording';
import { ConflictError } from '../../domain/ports';
import type { TMeasure } from '../../domain/schemas';
import { addDays, isIsoDate, localDate, termPeriod, termTitle } from '../../domain/terms';
import { FOLLOW_UP_SCHEDULE_KINDS, followUpScheduleParagraph, type TFollowUpSchedule, type TFollowUpScheduleKind } from '../../domain/follow-up-schedule';
import { caseActor, type Actor } from '../actor';
import type { AppDeps, Reply, TurnPlace } from '../deps';
import { QUEUES } from '../jobs/queue';
import { fieldErrors, privately, refreshChannelCard, withCase } from './access';
import type { CaseBundle } from './context';
import { overdueCompletion } from './completion-overdue';
import { NO_OUTCOME, ZGrantInputs, grantValues, optionalDate } from './grant-inputs';
import { departuresFromProposal, proposalFor } from './proposal';
import { moveCase, writeCaseStatus } from './status';

// What the decision form and the proposal form both show of the case: the same facts, period
// and measures, so a proposal and the decision made from it are read the same way.
export function decisionFormFacts(bundle: CaseBundle) {
  const period = termPeriod(bundle.kase.term, bundle.municipality.profile);
  return {
    caseId: bundle.kase.id,
    caseNumber: bundle.kase.caseNumber,
    unitName: bundle.unit.name,
    unitKind: bundle.unit.kind,
    termLabel: termTitle(bundle.kase.term),
    late: bundle.kase.late,
    proposedHoursPerWeek: bundle.assessment?.hoursCurrent ?? 0,
    proposedAmountPerMonth: Math.round(bundle.assessment?.amountPerMonth ?? 0),
    termStart: period.from,
    termEnd: period.to,
    measures: bundle.application.measures,
  };
}

function decisionForm(bundle: CaseBundle, errors: Record<string, string> = {}, values?: DecisionFormValues, proposal?: ProposalSummary) {
  return decisionFormCard({
    ...decisionFormFacts(bundle),
    errors,
    ...(values ? { values } : {}),
    ...(proposal ? { proposal } : {}),
  });
}

const ZDecisionInputs = ZGrantInputs.extend({
  'decision.significantDifficulties': z.union([z.boolean(), z.string()]).optional().transform((v) => v === true || v === 'true'),
  'decision.followUpSchedule': z
    .enum(FOLLOW_UP_SCHEDULE_KINDS, { message: DECISION_FIELD_ERRORS['decision.followUpSchedule'] })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  'decision.followUpDate': optionalDate(DECISION_FIELD_ERRORS['decision.followUpDate']),
});

// What the decision says about follow-up, and a message for the form when it does not hold.
function followUpScheduleOf(kind: TFollowUpScheduleKind | undefined, date: string | undefined, from: string | null, to: string | null):
  | { ok: true; schedule: TFollowUpSchedule }
  | { ok: false; errors: Record<string, string> } {
  if (!kind || kind === 'every_term') return { ok: true, schedule: { kind: 'every_term' } };
  if (kind === 'end_of_period') return { ok: true, schedule: { kind } };
  if (!date || !isIsoDate(date)) return { ok: false, errors: { 'decision.followUpDate': DECISION_FIELD_ERRORS['decision.followUpDate'] } };
  if (from && date < from) return { ok: false, errors: { 'decision.followUpDate': 'Datumet för uppföljningen kan inte ligga före periodens början.' } };
  if (to && date > addDays(to, 366)) return { ok: false, errors: { 'decision.followUpDate': 'Välj ett datum högst ett år efter periodens slut.' } };
  return { ok: true, schedule: { kind, date } };
}

const measureLabel = (m: TMeasure) => `${MEASURE_TYPE_LABELS[m.type]} (${m.description.trim()})`;

export async function decide(deps: AppDeps, actor: Actor, caseId: string, inputs: Record<string, unknown>): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.decide', async (bundle) => {
    const parsed = ZDecisionInputs.safeParse(inputs);
    if (!parsed.success) return decisionForm(bundle, fieldErrors(parsed.error));
    const d = parsed.data;
    const measures = bundle.application.measures;
    const values: DecisionFormValues = {
      ...grantValues(d, measures),
      significantDifficulties: d['decision.significantDifficulties'],
      ...(d['decision.followUpSchedule'] ? { followUpSchedule: d['decision.followUpSchedule'] } : {}),
      ...(d['decision.followUpDate'] ? { followUpDate: d['decision.followUpDate'] } : {}),
    };
    if (!values.outcome) return decisionForm(bundle, NO_OUTCOME, values);
    const outcome = values.outcome;
    const approvedIds = outcome === 'approved' ? measures.map((m) => m.id) : outcome === 'rejected' ? [] : (values.approvedMeasures ?? []);
    const approved = measures.filter((m) => approvedIds.includes(m.id));
    const notApproved = measures.filter((m) => !approvedIds.includes(m.id));
    const granted = outcome !== 'rejected';
    const fields = {
      outcome,
      amountPerMonth: granted ? (values.amountPerMonth ?? null) : null,
      from: granted ? (values.from ?? null) : null,
      to: granted ? (values.to ?? null) : null,
      reason: values.reason ?? null,
      approvedMeasures: approved.map(measureLabel),
      notApprovedMeasures: notApproved.map(measureLabel),
      significantDifficulties: values.significantDifficulties ?? false,
      unitKind: bundle.unit.kind,
    };
    const problems = validateDecision(fields);
    if (problems.length > 0) return decisionForm(bundle, Object.fromEntries(problems.map((p) => [p.field, p.message])), values);
    const scheduled = followUpScheduleOf(values.followUpSchedule, values.followUpDate, fields.from, fields.to);
    if (!scheduled.ok) return decisionForm(bundle, scheduled.errors, values);
    const followUpSchedule = scheduled.schedule;

    // A completion past its reply date: decided on what was submitted.
    const completionOverdue = overdueCompletion(bundle, deps.clock.now()) !== null;
    const moved = moveCase(bundle, { type: 'case.decide', by: caseActor(actor), outcome, unitKind: bundle.unit.kind, ...(completionOverdue ? { completionOverdue } : {}) });
    if (!moved.ok) return { toast: moved.message };
    const now = deps.clock.now();
    const profile = bundle.municipality.profile;
    const { unitKind: _unitKind, ...letterFields } = fields;
    const letter = decisionText({
      ...letterFields,
      profile,
      caseNumber: bundle.kase.caseNumber,
      unit: { name: bundle.unit.name, kind: bundle.unit.kind, huvudman: bundle.unit.huvudman },
      term: bundle.kase.term,
      pupilRef: bundle.kase.pupilRef,
      schoolForm: bundle.application.pupil.schoolForm,
      decidedBy: { name: actor.person.displayName, title: ROLE_LABELS.head },
      decisionDate: localDate(now, profile.timeZone),
      addressee: {
        principalName: (await deps.repos.people.get(bundle.kase.principalId))?.displayName ?? 'okänd',
        unitName: bundle.unit.name,
        unitKind: bundle.unit.kind,
        huvudman: bundle.unit.huvudman,
        orgNumber: bundle.unit.huvudmanOrgNumber ?? null,
      },
    });
    // The follow-up paragraph: one place, added to a granted decision's letter as it stands.
    const text = granted
      ? `${letter}\n\n${followUpScheduleParagraph({ term: bundle.kase.term, from: fields.from, to: fields.to, schedule: followUpSchedule }, profile)}`
      : letter;
    let decision;
    try {
      decision = await deps.repos.transaction(async (tx) => {
        // The status the machine named, written with the decision: both or neither.
        await writeCaseStatus(tx, bundle, moved, actor.person.id);
        return tx.decisions.record({
          caseId,
          outcome,
          amountPerMonth: fields.amountPerMonth,
          from: fields.from,
          to: fields.to,
          reason: fields.reason,
          approvedMeasureIds: approved.map((m) => m.id),
          significantDifficulties: fields.significantDifficulties,
          text,
          decidedById: actor.person.id,
          decidedAt: now,
          ...(granted ? { followUpSchedule } : {}),
        });
      });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Someone acted on the case since it was read: say what it is now.
      const current = await deps.repos.cases.get(caseId);
      return current?.status === 'decided'
        ? { toast: 'Ärendet är redan beslutat.' }
        : { toast: 'Någon annan ändrade ärendet samtidigt. Uppdatera kortet och försök igen.' };
    }
    await deps.jobs?.enqueue(QUEUES.decision, { decisionId: decision.id });
    await refreshChannelCard(deps, caseId);
    // Where the decision departs from the handler's proposal: recorded, and told to both.
    const proposal = await proposalFor(deps.repos, bundle);
    const departed = departuresFromProposal(bundle, proposal?.record ?? null, {
      outcome,
      amountPerMonth: fields.amountPerMonth,
      from: fields.from,
      to: fields.to,
      approvedMeasureIds: approved.map((m) => m.id),
      reason: fields.reason,
    });
    let departureText = '';
    if (proposal && departed.length > 0) {
      await deps.repos.audit.append({
        municipalityId: bundle.kase.municipalityId,
        actorId: actor.person.id,
        action: 'case.decision_departed_from_proposal',
        subjectType: 'case',
        subjectId: caseId,
        details: { proposalId: proposal.record.id, decisionId: decision.id, departures: departed },
      });
      departureText = ` Beslutet avviker från förslaget: ${departed.map((d) => `${d.label.toLowerCase()} (förslag: ${d.proposed}; beslut: ${d.decided})`).join('; ')}.`;
      if (proposal.record.proposedById !== actor.person.id) {
        await deps.ownChat?.sendCard(
          proposal.record.proposedById,
          messageCard({ title: 'Beslut fattat på ditt förslag', text: `${actor.person.displayName} har fattat beslut i ${bundle.kase.caseNumber}.${departureText}` }),
        );
      }
    } else if (proposal) {
      departureText = ' Beslutet följer förslaget.';
    }
    return messageCard({
      title: 'Beslutet är fattat',
      text: `Beslutet i ${bundle.kase.caseNumber} skickas nu till rektorns chatt. Kortet i Elevhälsans kanal visar när det är levererat.${departureText}`,
      actions: [{ title: 'Visa kön', verb: 'cases.queue', data: {} }],
    });
  });
}

export function openDecisionForm(deps: AppDeps, actor: Actor, caseId: string, place: TurnPlace): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.decide', async (bundle) =>
    bundle.kase.status === 'decided' || (bundle.kase.status === 'completion_requested' && !overdueCompletion(bundle, deps.clock.now()))
      ? { toast: bundle.kase.status === 'decided' ? 'Ärendet är redan beslutat.' : 'Ärendet väntar på komplettering från rektorn.' }
      : privately(deps, actor, place, await prefilledDecisionForm(deps, bundle)),
  );
}

// With a handler's proposal, the form opens filled in with it and shows it above the fields.
async function prefilledDecisionForm(deps: AppDeps, bundle: CaseBundle) {
  const proposal = await proposalFor(deps.repos, bundle);
  return proposal ? decisionForm(bundle, {}, proposal.values, proposal.summary) : decisionForm(bundle);
}
