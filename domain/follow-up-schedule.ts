// Which follow-ups (uppföljningar) a grant asks for, and which are due or overdue on a day.
// Nora's rule: "en gång per termin ... om inget annat anges i beslutet", due on the profile's
// date (30 November for HT, 31 May for VT). The decision may instead ask for one follow-up at
// the end of the granted period, or one on a given date. Pure: the caller brings the grants,
// what has been filed and the day; reminders (principal / child / municipality) and the block
// on a new application ask the same function.
import { z } from 'zod';
import type { TMunicipalityProfile } from './profile';
import { followUpDueDate, localDate, nextTerm, termOf, termPeriod } from './terms';
import { FOLLOW_UP_SCHEDULE_CHOICES, formatSwedishDate, termLabel } from './wording';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum skrivs som ÅÅÅÅ-MM-DD.');

export const FOLLOW_UP_SCHEDULE_KINDS = ['every_term', 'end_of_period', 'date'] as const;
export type TFollowUpScheduleKind = (typeof FOLLOW_UP_SCHEDULE_KINDS)[number];

export const ZFollowUpSchedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('every_term') }),
  z.object({ kind: z.literal('end_of_period') }),
  z.object({ kind: z.literal('date'), date: isoDate }),
]);
export type TFollowUpSchedule = z.infer<typeof ZFollowUpSchedule>;

export const DEFAULT_FOLLOW_UP_SCHEDULE: TFollowUpSchedule = { kind: 'every_term' };

// A stored schedule that does not parse (an older row, a hand edit) means the rule's default.
export function parseFollowUpSchedule(value: unknown): TFollowUpSchedule {
  const parsed = ZFollowUpSchedule.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_FOLLOW_UP_SCHEDULE;
}

type ScheduleProfile = Pick<TMunicipalityProfile, 'termPeriods' | 'timeZone' | 'followUpDue'>;

// A granted case (approved or partly approved), as the follow-up rules see it.
export interface FollowUpGrant {
  caseId: string;
  caseNumber: string;
  municipalityId: string;
  principalId: string;
  unitId: string;
  // Who the child is, for matching across cases: 'pnr:<personnummer>' or, for a protected
  // identity, 'case:<the first case of its renewal chain>'. Never a name. Left out where nobody
  // asks which child (the reminder planner's batches), since finding it walks renewal chains.
  pupilKey?: string;
  // The term the case applied for; the period falls back to it when the decision has none.
  term: string;
  // The decision's period, YYYY-MM-DD.
  from: string | null;
  to: string | null;
  schedule: TFollowUpSchedule;
}

export interface FollowUpSlot {
  // The term the follow-up reports on.
  term: string;
  // The last day to file it (YYYY-MM-DD, the municipality's calendar).
  dueDate: string;
  // The first day it can be filed: the term's first day (never after the due date).
  opensOn: string;
}

export type FollowUpState = 'upcoming' | 'due' | 'overdue';

export interface FollowUpDue extends FollowUpSlot {
  caseId: string;
  caseNumber: string;
  principalId: string;
  unitId: string;
  pupilKey?: string;
  state: FollowUpState;
  // Days from the day asked about to the due date: negative once overdue.
  daysUntilDue: number;
}

// The terms a grant covers: every term whose span overlaps the decision's period.
export function grantTerms(grant: Pick<FollowUpGrant, 'term' | 'from' | 'to'>, profile: ScheduleProfile): string[] {
  if (!grant.from || !grant.to || grant.to < grant.from) return [grant.term];
  const terms: string[] = [];
  for (let term = termOf(grant.from, profile); termPeriod(term, profile).from <= grant.to && terms.length < 20; term = nextTerm(term)) {
    if (termPeriod(term, profile).to >= grant.from) terms.push(term);
  }
  return terms.length > 0 ? terms : [grant.term];
}

const slotFor = (term: string, dueDate: string, profile: ScheduleProfile): FollowUpSlot => {
  const start = termPeriod(term, profile).from;
  return { term, dueDate, opensOn: start < dueDate ? start : dueDate };
};

// The follow-ups one grant asks for, in order.
export function followUpSlots(grant: Pick<FollowUpGrant, 'term' | 'from' | 'to' | 'schedule'>, profile: ScheduleProfile): FollowUpSlot[] {
  const terms = grantTerms(grant, profile);
  switch (grant.schedule.kind) {
    case 'every_term':
      return terms.map((term) => slotFor(term, followUpDueDate(term, profile), profile));
    case 'end_of_period': {
      const last = terms.at(-1)!;
      return [slotFor(last, followUpDueDate(last, profile), profile)];
    }
    case 'date': {
      const { date } = grant.schedule;
      return [slotFor(termOf(date, profile), date, profile)];
    }
  }
}

const DAY_MS = 86_400_000;
const dayDiff = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export interface FollowUpsDueQuery {
  grants: readonly FollowUpGrant[];
  // Follow-ups already filed: (caseId, term).
  filed: ReadonlyArray<{ caseId: string; term: string }>;
  // The day asked about; an instant is read in the municipality's time zone.
  today: Date | string;
  profile: ScheduleProfile;
  // Narrow to one principal (their own cases or their units'), one child, or one municipality.
  principalId?: string;
  unitIds?: readonly string[];
  pupilKey?: string;
  municipalityId?: string;
  // Also list follow-ups whose term has not started (for "what is coming"); default false.
  includeUpcoming?: boolean;
}

// Which follow-ups are due (the term has started, the date has not passed) or overdue (the date
// has passed) and not yet filed, on one day. Sorted by due date, then case number.
export function followUpsDue(query: FollowUpsDueQuery): FollowUpDue[] {
  const { profile } = query;
  const today = typeof query.today === 'string' ? query.today : localDate(query.today, profile.timeZone);
  const filed = new Set(query.filed.map((f) => `${f.caseId}|${f.term}`));
  const unitIds = query.unitIds ? new Set(query.unitIds) : undefined;
  const result: FollowUpDue[] = [];
  for (const grant of query.grants) {
    if (query.municipalityId && grant.municipalityId !== query.municipalityId) continue;
    if (query.pupilKey && grant.pupilKey !== query.pupilKey) continue;
    if (query.principalId || unitIds) {
      const mine = grant.principalId === query.principalId || (unitIds?.has(grant.unitId) ?? false);
      if (!mine) continue;
    }
    for (const slot of followUpSlots(grant, profile)) {
      if (filed.has(`${grant.caseId}|${slot.term}`)) continue;
      const state: FollowUpState = today > slot.dueDate ? 'overdue' : today >= slot.opensOn ? 'due' : 'upcoming';
      if (state === 'upcoming' && !query.includeUpcoming) continue;
      result.push({
        ...slot,
        caseId: grant.caseId,
        caseNumber: grant.caseNumber,
        principalId: grant.principalId,
        unitId: grant.unitId,
        ...(grant.pupilKey ? { pupilKey: grant.pupilKey } : {}),
        state,
        daysUntilDue: dayDiff(today, slot.dueDate),
      });
    }
  }
  return result.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.caseNumber.localeCompare(b.caseNumber));
}

// Only overdue ones block a new application for the child.
export function overdueFollowUps(query: FollowUpsDueQuery): FollowUpDue[] {
  return followUpsDue(query).filter((f) => f.state === 'overdue');
}

// The one paragraph of the decision letter about follow-up: what was decided, in plain words.
// Kept apart from the letter's own text so the letter's layout can change around it.
export function followUpScheduleParagraph(
  grant: Pick<FollowUpGrant, 'term' | 'from' | 'to' | 'schedule'>,
  profile: ScheduleProfile,
): string {
  const slots = followUpSlots(grant, profile);
  const list = slots.map((s) => `${termLabel(s.term)} senast ${formatSwedishDate(s.dueDate)}`).join(', ');
  switch (grant.schedule.kind) {
    case 'every_term':
      return (
        `Uppföljning: rektorn lämnar en skriftlig uppföljning till chefen för Elevhälsan en gång per termin (${list}). ` +
        'Uppföljningen lämnas i chatten med Tilläggsbot och är en förutsättning för fortsatt tilläggsbelopp.'
      );
    case 'end_of_period':
      return (
        `Uppföljning: rektorn lämnar en skriftlig uppföljning till chefen för Elevhälsan en gång, i slutet av perioden (${list}). ` +
        'Uppföljningen lämnas i chatten med Tilläggsbot och är en förutsättning för fortsatt tilläggsbelopp.'
      );
    case 'date':
      return (
        `Uppföljning: rektorn lämnar en skriftlig uppföljning till chefen för Elevhälsan senast ${formatSwedishDate(grant.schedule.date)}. ` +
        'Uppföljningen lämnas i chatten med Tilläggsbot och är en förutsättning för fortsatt tilläggsbelopp.'
      );
  }
}

export const FOLLOW_UP_SCHEDULE_LABELS: Record<TFollowUpScheduleKind, string> = FOLLOW_UP_SCHEDULE_CHOICES;
