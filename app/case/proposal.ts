// The latest proposal for decision on a case, as the head's decision form uses it: its values to
// prefill the form, its summary to show above it, and where a decision departs from it.
import type { DecisionFormValues, ProposalSummary } from '../../cards';
import type { ProposalRecord, Repositories } from '../../domain/ports';
import { departures, type Departure } from '../../domain/proposal';
import { localDate } from '../../domain/terms';
import { DECISION_OUTCOME_LABELS, formatKronor, formatSwedishDate, MEASURE_TYPE_LABELS } from '../../domain/wording';
import type { CaseBundle } from './context';

const measureName = (bundle: CaseBundle) => (id: string) => {
  const m = bundle.application.measures.find((x) => x.id === id);
  return m ? MEASURE_TYPE_LABELS[m.type] : id;
};

// The latest proposal as the decision form's values and its summary for the head.
export async function proposalFor(repos: Repositories, bundle: CaseBundle): Promise<{ record: ProposalRecord; values: DecisionFormValues; summary: ProposalSummary } | null> {
  const record = await repos.proposals.latest(bundle.kase.id);
  if (!record) return null;
  const by = await repos.people.get(record.proposedById);
  const tz = bundle.municipality.profile.timeZone;
  const values: DecisionFormValues = {
    outcome: record.outcome,
    ...(record.amountPerMonth !== null ? { amountPerMonth: record.amountPerMonth } : {}),
    ...(record.from ? { from: record.from } : {}),
    ...(record.to ? { to: record.to } : {}),
    ...(record.reason ? { reason: record.reason } : {}),
    approvedMeasures: record.approvedMeasureIds,
  };
  const name = measureName(bundle);
  const facts = [
    { title: 'Beslut', value: DECISION_OUTCOME_LABELS[record.outcome] },
    ...(record.amountPerMonth !== null && record.outcome !== 'rejected' ? [{ title: 'Belopp', value: `${formatKronor(record.amountPerMonth)} per månad` }] : []),
    ...(record.from && record.to && record.outcome !== 'rejected' ? [{ title: 'Period', value: `${formatSwedishDate(record.from)} – ${formatSwedishDate(record.to)}` }] : []),
    ...(record.approvedMeasureIds.length > 0 ? [{ title: 'Insatser', value: record.approvedMeasureIds.map(name).join(', ') }] : []),
    ...(record.reason ? [{ title: 'Motivering', value: record.reason }] : []),
  ];
  return { record, values, summary: { byName: by?.displayName ?? 'handläggaren', dateText: formatSwedishDate(localDate(record.proposedAt, tz)), facts } };
}

// Where a decision departs from the latest proposal; empty when there was none.
export function departuresFromProposal(bundle: CaseBundle, proposal: ProposalRecord | null, decision: Parameters<typeof departures>[1]): Departure[] {
  return proposal ? departures(proposal, decision, measureName(bundle)) : [];
}

