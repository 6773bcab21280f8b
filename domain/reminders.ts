// The reminder planner: given the profile, the day and the facts (what is granted, drafted,
// asked, waiting, undecided, undelivered, due), which reminders are due, to whom, and why.
// Pure: the facts are gathered by the repositories, the sending and the exactly-once claim
// are the app's. Every reminder has a natural key (kind, subject, occurrence); the app claims
// it in the database before sending, so planning the same day twice never sends twice.
//
// Timing rules (the Swedish calendar, domain/calendar.ts): a reminder before a date that lands
// on a non-working day goes out on the working day before; one after a date, on the working
// day after. Only the latest occurrence due by today is offered (a bot that was down for a
// fortnight sends one reminder, not three), and none once its reason is gone.
import { addWorkingDays, isWorkingDay, onOrAfterWorkingDay, onOrBeforeWorkingDay } from './calendar';
import type { TMunicipalityProfile } from './profile';
import { REMINDER_KINDS, type TReminderKind as ReminderKind } from './vocabulary';
import { addDays, applicationDeadline, nextTerm, termOf, termPeriod } from './terms';

export { REMINDER_KINDS, type ReminderKind };

// Who a kind goes to: the principal's 1:1 chat or Elevhälsa's channel.
export const REMINDER_AUDIENCE: Record<ReminderKind, 'principal' | 'elevhalsan'> = {
  application_deadline: 'principal',
  draft_deadline: 'principal',
  completion_unanswered: 'principal',
  follow_up_due: 'principal',
  follow_up_overdue: 'principal',
  new_case_waiting: 'elevhalsan',
  undecided_near_term: 'elevhalsan',
  delivery_failed: 'elevhalsan',
  follow_up_overdue_summary: 'elevhalsan',
};

// A granted case whose last granted period ends with the current term.
export interface GrantEndingFact {
  caseId: string;
  principalId: string;
  // The term of the grant; the child needs an application for the next one.
  term: string;
  // True once any application (a case) exists for the same child and unit for the next term.
  nextTermApplied: boolean;
}
export interface DraftFact {
  draftId: string;
  principalId: string;
  // The term the draft applies for, when chosen yet.
  term: string | null;
}
export interface CompletionFact {
  completionId: string;
  caseId: string;
  principalId: string;
  requestedOn: string;
  answered: boolean;
}
export interface NewCaseFact {
  caseId: string;
  submittedOn: string;
  // Someone took the case (a handler is assigned) or it moved on from 'submitted'.
  taken: boolean;
}
export interface UndecidedFact {
  caseId: string;
  term: string;
  decided: boolean;
}
export interface FailedDeliveryFact {
  decisionId: string;
  caseId: string;
  failedOn: string;
  // A later delivery succeeded, or Elevhälsan sent it again.
  resolved: boolean;
}
// The follow-up dialog (issue 11) provides these; the planner needs no more than this.
export interface FollowUpDueFact {
  caseId: string;
  principalId: string;
  term: string;
  dueDate: string;
  filed: boolean;
}
export interface SnoozeFact {
  kind: ReminderKind;
  subject: string;
  // Remind again on (or, on a non-working day, after) this date.
  until: string;
}
export interface PauseFact {
  // null: Elevhälsan's channel.
  personId: string | null;
  kind: ReminderKind;
}

export interface ReminderFacts {
  grantsEnding: GrantEndingFact[];
  drafts: DraftFact[];
  completions: CompletionFact[];
  newCases: NewCaseFact[];
  undecided: UndecidedFact[];
  failedDeliveries: FailedDeliveryFact[];
  followUps: FollowUpDueFact[];
  snoozes: SnoozeFact[];
  paused: PauseFact[];
}

export const noFacts = (): ReminderFacts => ({
  grantsEnding: [],
  drafts: [],
  completions: [],
  newCases: [],
  undecided: [],
  failedDeliveries: [],
  followUps: [],
  snoozes: [],
  paused: [],
});

export type ReminderProfile = Pick<TMunicipalityProfile, 'reminders' | 'applicationDeadlines' | 'termPeriods' | 'timeZone'>;

export interface PlannedReminder {
  kind: ReminderKind;
  // What the reminder is about: a case, draft, completion, decision or (summary) the municipality.
  subject: string;
  // Which of the subject's reminders this is, e.g. 'HT2027:7d-before'.
  occurrence: string;
  // 'kind|subject|occurrence': the natural key claimed before sending.
  key: string;
  // The principal's person id; null for Elevhälsan's channel.
  recipientId: string | null;
  sendOn: string;
  // The date the reminder is about (the deadline, the due date, the request), for the wording.
  about: string;
  // The case the reminder's button opens, when there is one.
  caseId: string | null;
  // For the weekly summary: the cases listed.
  caseIds?: string[];
}

interface Occurrence extends Omit<PlannedReminder, 'key'> {
  // The last day the occurrence may still go out (a reminder before a deadline is pointless after it).
  validUntil: string | null;
}

const make = (o: Occurrence): Occurrence => o;

// Calendar answers repeat across thousands of cases (one deadline, a few request days), so
// they are remembered; the cache is dropped when it grows, never wrong.
const dayCache = new Map<string, string>();
function cached(key: string, compute: () => string): string {
  let value = dayCache.get(key);
  if (value === undefined) {
    if (dayCache.size > 50_000) dayCache.clear();
    value = compute();
    dayCache.set(key, value);
  }
  return value;
}
function before(deadline: string, days: number): string {
  return cached(`b${deadline}${days}`, () => onOrBeforeWorkingDay(addDays(deadline, -days)));
}
function after(date: string, days: number): string {
  return cached(`a${date}${days}`, () => onOrAfterWorkingDay(addDays(date, days)));
}
function workingDaysAfter(date: string, days: number): string {
  return cached(`w${date}${days}`, () => addWorkingDays(date, days));
}

// Every occurrence the facts call for, past and future, before snoozes and pauses.
function occurrences(profile: ReminderProfile, facts: ReminderFacts, today: string): Occurrence[] {
  const r = profile.reminders;
  const out: Occurrence[] = [];
  const current = termOf(today, profile);
  const applyFor = nextTerm(current);
  const deadline = applicationDeadline(applyFor, profile);

  for (const g of facts.grantsEnding) {
    if (g.term !== current || g.nextTermApplied) continue;
    for (const n of r.applicationDeadlineDaysBefore) {
      out.push(make({ kind: 'application_deadline', subject: g.caseId, occurrence: `${applyFor}:${n}d-before`, recipientId: g.principalId, sendOn: before(deadline, n), about: deadline, caseId: g.caseId, validUntil: deadline }));
    }
  }
  for (const d of facts.drafts) {
    if (d.term !== applyFor) continue;
    for (const n of r.applicationDeadlineDaysBefore) {
      out.push(make({ kind: 'draft_deadline', subject: d.draftId, occurrence: `${applyFor}:${n}d-before`, recipientId: d.principalId, sendOn: before(deadline, n), about: deadline, caseId: null, validUntil: deadline }));
    }
  }
  for (const c of facts.completions) {
    if (c.answered) continue;
    for (const n of r.completionUnansweredDaysAfter) {
      out.push(make({ kind: 'completion_unanswered', subject: c.completionId, occurrence: `${n}d-after`, recipientId: c.principalId, sendOn: after(c.requestedOn, n), about: c.requestedOn, caseId: c.caseId, validUntil: null }));
    }
  }
  for (const f of facts.followUps) {
    if (f.filed) continue;
    const subject = `${f.caseId}:${f.term}`;
    for (const n of r.followUpDaysBefore) {
      out.push(make({ kind: 'follow_up_due', subject, occurrence: `${n}d-before`, recipientId: f.principalId, sendOn: before(f.dueDate, n), about: f.dueDate, caseId: f.caseId, validUntil: f.dueDate }));
    }
    for (const n of r.followUpOverdueDaysAfter) {
      out.push(make({ kind: 'follow_up_overdue', subject, occurrence: `${n}d-after`, recipientId: f.principalId, sendOn: after(f.dueDate, n), about: f.dueDate, caseId: f.caseId, validUntil: null }));
    }
  }
  for (const c of facts.newCases) {
    if (c.taken) continue;
    for (const n of r.newCaseWaitingDaysAfter) {
      out.push(make({ kind: 'new_case_waiting', subject: c.caseId, occurrence: `${n}wd-after`, recipientId: null, sendOn: workingDaysAfter(c.submittedOn, n), about: c.submittedOn, caseId: c.caseId, validUntil: null }));
    }
  }
  for (const c of facts.undecided) {
    if (c.decided) continue;
    const start = cached(`t${c.term}`, () => termPeriod(c.term, profile).from);
    for (const n of r.undecidedDaysBeforeTermStart) {
      out.push(make({ kind: 'undecided_near_term', subject: c.caseId, occurrence: `${c.term}:${n}d-before`, recipientId: null, sendOn: before(start, n), about: start, caseId: c.caseId, validUntil: start }));
    }
  }
  for (const d of facts.failedDeliveries) {
    if (d.resolved) continue;
    out.push(make({ kind: 'delivery_failed', subject: d.decisionId, occurrence: 'failed', recipientId: null, sendOn: onOrAfterWorkingDay(d.failedOn), about: d.failedOn, caseId: d.caseId, validUntil: null }));
  }
  const overdue = facts.followUps.filter((f) => !f.filed && f.dueDate < today);
  if (overdue.length > 0) {
    // One summary a week: on the profile's weekday of this week, or the working day after it.
    const monday = addDays(today, -((isoWeekday(today) + 6) % 7));
    const sendOn = onOrAfterWorkingDay(addDays(monday, r.followUpSummaryWeekday - 1));
    out.push(make({ kind: 'follow_up_overdue_summary', subject: 'follow-ups', occurrence: `week:${monday}`, recipientId: null, sendOn, about: monday, caseId: null, caseIds: [...new Set(overdue.map((f) => f.caseId))].sort(), validUntil: addDays(monday, 6) }));
  }
  return out;
}

function isoWeekday(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

const keyOf = (o: Pick<PlannedReminder, 'kind' | 'subject' | 'occurrence'>) => `${o.kind}|${o.subject}|${o.occurrence}`;

function withSnoozes(all: Occurrence[], facts: ReminderFacts): Occurrence[] {
  if (facts.snoozes.length === 0) return all;
  const last = new Map<string, Occurrence>();
  for (const o of all) last.set(`${o.kind}|${o.subject}`, o);
  const out = [...all];
  for (const s of facts.snoozes) {
    // A snoozed reminder comes back only while its reason still stands: one of its kind and
    // subject is still planned (and, before a deadline, only until the deadline).
    const base = last.get(`${s.kind}|${s.subject}`);
    if (!base) continue;
    out.push({ ...base, occurrence: `again:${s.until}`, sendOn: onOrAfterWorkingDay(s.until) });
  }
  return out;
}

function notPaused(facts: ReminderFacts) {
  const paused = new Set(facts.paused.map((p) => `${p.personId ?? ''}|${p.kind}`));
  return (o: Occurrence) => !paused.has(`${o.recipientId ?? ''}|${o.kind}`);
}

const finish = ({ validUntil: _, ...o }: Occurrence): PlannedReminder => ({ ...o, key: keyOf(o) });

// The reminders due today: per kind and subject, the latest occurrence whose day has come and
// whose reason still stands. Only on working days.
export function remindersDue(profile: ReminderProfile, facts: ReminderFacts, today: string): PlannedReminder[] {
  if (!isWorkingDay(today)) return [];
  const latest = new Map<string, Occurrence>();
  for (const o of withSnoozes(occurrences(profile, facts, today), facts).filter(notPaused(facts))) {
    if (o.sendOn > today || (o.validUntil !== null && today > o.validUntil)) continue;
    const k = `${o.kind}|${o.subject}`;
    const seen = latest.get(k);
    if (!seen || o.sendOn >= seen.sendOn) latest.set(k, o);
  }
  return [...latest.values()].map(finish).sort((a, b) => (a.key < b.key ? -1 : 1));
}

// What is still to come, for `påminnelser`: occurrences after today, earliest first. Paused
// kinds are left out (the command says they are paused).
export function upcomingReminders(profile: ReminderProfile, facts: ReminderFacts, today: string): PlannedReminder[] {
  return withSnoozes(occurrences(profile, facts, today), facts)
    .filter(notPaused(facts))
    .filter((o) => o.sendOn > today && o.kind !== 'follow_up_overdue_summary')
    .map(finish)
    .sort((a, b) => (a.sendOn === b.sendOn ? (a.key < b.key ? -1 : 1) : a.sendOn < b.sendOn ? -1 : 1));
}
