// What the tab computes from the case overview: the payment list of a month and the statistics
// of a term. Pure functions over rows, so the totals can be checked against the decisions.
import type { TMunicipalityProfile } from '../domain/profile';
import { addDays, termOf, termPeriod, daysBetween, localDate } from '../domain/terms';
import type { CaseOverviewRow } from '../prisma/repositories/case-overview';
import type { CaseStatus, UnitKind } from '../domain/ports';
import { CASE_STATUSES } from '../domain/vocabulary';

export interface PaymentRow {
  caseId: string;
  caseNumber: string;
  unitName: string;
  unitKind: UnitKind;
  huvudman: string;
  outcome: 'approved' | 'partly_approved';
  amount: number;
  from: string;
  to: string;
}

export interface PaymentList {
  month: string;
  // Paid to the independent huvudman with the grundbelopp.
  fristaende: PaymentRow[];
  // Distributed through the municipality's own resource-allocation system.
  kommunal: PaymentRow[];
  totals: { fristaende: number; kommunal: number; all: number };
}

export const isMonth = (value: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

// Kronor to öre and back, so sums of many amounts stay exact.
const sum = (amounts: number[]) => amounts.reduce((total, a) => total + Math.round(a * 100), 0) / 100;

// The last day a grant pays for: the decision's end, or the day before it was ended early.
function lastPaidDay(d: { to: string; endedFrom?: string | null }): string {
  return d.endedFrom && d.endedFrom <= d.to ? addDays(d.endedFrom, -1) : d.to;
}

/**
 * Every grant paying in `month` (YYYY-MM): a granted decision whose period touches the month pays
 * its monthly amount for that month ("utbetalas månadsvis i samband med grundbeloppet"). A
 * decision ended early pays up to the day before it ended, nothing after.
 */
export function paymentList(rows: CaseOverviewRow[], month: string): PaymentList {
  const start = `${month}-01`;
  const end = monthEnd(month);
  const paying: PaymentRow[] = [];
  for (const r of rows) {
    const d = r.decision;
    if (!d || d.outcome === 'rejected' || d.amountPerMonth === null || !d.from || !d.to) continue;
    const to = lastPaidDay({ to: d.to, endedFrom: d.endedFrom });
    if (to < d.from || d.from > end || to < start) continue;
    paying.push({
      caseId: r.id,
      caseNumber: r.caseNumber,
      unitName: r.unitName,
      unitKind: r.unitKind,
      huvudman: r.huvudman,
      outcome: d.outcome,
      amount: d.amountPerMonth,
      from: d.from,
      to,
    });
  }
  const byCase = (a: PaymentRow, b: PaymentRow) => a.huvudman.localeCompare(b.huvudman, 'sv') || a.unitName.localeCompare(b.unitName, 'sv') || a.caseNumber.localeCompare(b.caseNumber);
  const fristaende = paying.filter((p) => p.unitKind === 'fristaende').sort(byCase);
  const kommunal = paying.filter((p) => p.unitKind === 'kommunal').sort(byCase);
  const f = sum(fristaende.map((p) => p.amount));
  const k = sum(kommunal.map((p) => p.amount));
  return { month, fristaende, kommunal, totals: { fristaende: f, kommunal: k, all: sum([f, k]) } };
}

export interface TermStatistics {
  term: string;
  cases: number;
  byStatus: Record<CaseStatus, number>;
  // Granted amount paid in each month of the term (YYYY-MM -> kronor).
  grantedPerMonth: Array<{ month: string; amount: number }>;
  perUnit: Array<{ unitName: string; huvudman: string; cases: number; grantedPerMonth: number }>;
  perHuvudman: Array<{ huvudman: string; cases: number; grantedPerMonth: number }>;
  medianDaysToDecision: number | null;
  lateShare: number | null;
  incompleteShare: number | null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (let i = 0; i < 24; i++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

export function termStatistics(rows: CaseOverviewRow[], term: string, profile: Pick<TMunicipalityProfile, 'termPeriods' | 'timeZone'>): TermStatistics {
  const inTerm = rows.filter((r) => r.term === term);
  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const r of inTerm) byStatus[r.status] += 1;
  const span = termPeriod(term, profile);
  const months = monthsOf(span.from, span.to);
  const lists = months.map((month) => paymentList(inTerm, month));
  const grantedPerMonth = lists.map((l) => ({ month: l.month, amount: l.totals.all }));

  const granted = (r: CaseOverviewRow) => (r.decision && r.decision.outcome !== 'rejected' ? (r.decision.amountPerMonth ?? 0) : 0);
  const units = new Map<string, { unitName: string; huvudman: string; cases: number; grantedPerMonth: number }>();
  const owners = new Map<string, { huvudman: string; cases: number; grantedPerMonth: number }>();
  for (const r of inTerm) {
    const u = units.get(r.unitId) ?? { unitName: r.unitName, huvudman: r.huvudman, cases: 0, grantedPerMonth: 0 };
    u.cases += 1;
    u.grantedPerMonth = sum([u.grantedPerMonth, granted(r)]);
    units.set(r.unitId, u);
    const o = owners.get(r.huvudman) ?? { huvudman: r.huvudman, cases: 0, grantedPerMonth: 0 };
    o.cases += 1;
    o.grantedPerMonth = sum([o.grantedPerMonth, granted(r)]);
    owners.set(r.huvudman, o);
  }
  const tz = profile.timeZone;
  const days = inTerm.flatMap((r) => (r.decision ? [daysBetween(localDate(r.createdAt, tz), localDate(r.decision.decidedAt, tz))] : []));
  const share = (n: number) => (inTerm.length ? n / inTerm.length : null);
  return {
    term,
    cases: inTerm.length,
    byStatus,
    grantedPerMonth,
    perUnit: [...units.values()].sort((a, b) => a.unitName.localeCompare(b.unitName, 'sv')),
    perHuvudman: [...owners.values()].sort((a, b) => a.huvudman.localeCompare(b.huvudman, 'sv')),
    medianDaysToDecision: median(days),
    lateShare: share(inTerm.filter((r) => r.late).length),
    incompleteShare: share(inTerm.filter((r) => r.completionCount > 0).length),
  };
}

/** The terms that have cases, newest first, plus the current one. */
export function termsWithCases(rows: CaseOverviewRow[], today: Date, profile: Pick<TMunicipalityProfile, 'termPeriods' | 'timeZone'>): string[] {
  const current = termOf(localDate(today, profile.timeZone), profile);
  const order = (t: string) => `${t.slice(2)}${t.startsWith('HT') ? '2' : '1'}`;
  return [...new Set([current, ...rows.map((r) => r.term)])].sort((a, b) => order(b).localeCompare(order(a)));
}
