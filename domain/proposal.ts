// A handler's proposal for decision (förslag till beslut) against the head's decision: where the
// decision departs from it, in the words the head and the handler read. Pure.
import type { TDecisionOutcome } from './schemas';
import { DECISION_OUTCOME_LABELS, formatKronor, formatSwedishDate } from './wording';

export interface DecisionTerms {
  outcome: TDecisionOutcome;
  amountPerMonth: number | null;
  from: string | null;
  to: string | null;
  approvedMeasureIds: readonly string[];
  reason: string | null;
}

export type DepartureField = 'outcome' | 'amountPerMonth' | 'period' | 'approvedMeasures' | 'reason';

export interface Departure {
  field: DepartureField;
  label: string;
  proposed: string;
  decided: string;
}

const none = '–';
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const kronor = (n: number | null) => (n === null ? none : `${formatKronor(n)} per månad`);
const period = (t: DecisionTerms) => (t.from && t.to ? `${formatSwedishDate(t.from)} – ${formatSwedishDate(t.to)}` : none);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

// Only what a grant carries is compared for a grant: a rejection has no amount or period.
export function departures(proposal: DecisionTerms, decision: DecisionTerms, measureName: (id: string) => string): Departure[] {
  const out: Departure[] = [];
  if (proposal.outcome !== decision.outcome) {
    out.push({ field: 'outcome', label: 'Beslut', proposed: capital(DECISION_OUTCOME_LABELS[proposal.outcome]), decided: capital(DECISION_OUTCOME_LABELS[decision.outcome]) });
  }
  if (decision.outcome !== 'rejected' || proposal.outcome !== 'rejected') {
    if (proposal.amountPerMonth !== decision.amountPerMonth) {
      out.push({ field: 'amountPerMonth', label: 'Belopp', proposed: kronor(proposal.amountPerMonth), decided: kronor(decision.amountPerMonth) });
    }
    if (proposal.from !== decision.from || proposal.to !== decision.to) {
      out.push({ field: 'period', label: 'Period', proposed: period(proposal), decided: period(decision) });
    }
    if (!sameSet(proposal.approvedMeasureIds, decision.approvedMeasureIds)) {
      const names = (ids: readonly string[]) => (ids.length > 0 ? ids.map(measureName).join(', ') : none);
      out.push({ field: 'approvedMeasures', label: 'Beviljade insatser', proposed: names(proposal.approvedMeasureIds), decided: names(decision.approvedMeasureIds) });
    }
  }
  if ((proposal.reason ?? '').trim() !== (decision.reason ?? '').trim()) {
    out.push({ field: 'reason', label: 'Motivering', proposed: proposal.reason?.trim() || none, decided: decision.reason?.trim() || none });
  }
  return out;
}
