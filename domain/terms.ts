// Terms, deadlines and calendar dates, all in the municipality's own time zone: a form sent
// at 23:30 UTC on 15 April is sent on 16 April in Sweden (summer time) and is late. Dates are
// plain 'YYYY-MM-DD' strings, which compare correctly as strings.
import type { TMunicipalityProfile, TMonthDay, TTermDate } from './profile';
import { onOrAfterWorkingDay } from './calendar';
import { formatSwedishDate, termLabel, termTitle } from './wording';

// Worded in wording.ts; re-exported because callers reach for them beside the term functions.
export { formatSwedishDate, termLabel, termTitle };

export type Season = 'HT' | 'VT';
export interface ParsedTerm {
  season: Season;
  year: number;
}
export interface DateSpan {
  from: string;
  to: string;
}

type TermProfile = Pick<TMunicipalityProfile, 'termPeriods' | 'timeZone'>;

const TERM = /^(HT|VT)(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isTerm(value: unknown): value is string {
  return typeof value === 'string' && TERM.test(value);
}

export function parseTerm(term: string): ParsedTerm {
  const match = TERM.exec(term);
  if (!match) throw new RangeError(`Not a term: ${term}`);
  return { season: match[1] as Season, year: Number(match[2]) };
}

export function formatTerm({ season, year }: ParsedTerm): string {
  return `${season}${String(year).padStart(4, '0')}`;
}

// The school year runs HT then VT: HT2027 is followed by VT2028.
export function nextTerm(term: string): string {
  const { season, year } = parseTerm(term);
  return season === 'HT' ? formatTerm({ season: 'VT', year: year + 1 }) : formatTerm({ season: 'HT', year });
}

export function previousTerm(term: string): string {
  const { season, year } = parseTerm(term);
  return season === 'VT' ? formatTerm({ season: 'HT', year: year - 1 }) : formatTerm({ season: 'VT', year });
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// The calendar date of an instant as seen in `timeZone`. A turn asks for the same instant many
// times (every rule reads "today"), and formatToParts is slow, so the last answer is kept.
let lastLocal: { ms: number; timeZone: string; date: string } | undefined;
export function localDate(instant: Date, timeZone: string): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid date');
  if (lastLocal && lastLocal.ms === ms && lastLocal.timeZone === timeZone) return lastLocal.date;
  const parts = dateFormatter(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
  lastLocal = { ms, timeZone, date };
  return date;
}

function isoOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// A profile's month/day in a given year; a day past the month's end (29 February in a common
// year) means the month's last day.
function monthDayIn(year: number, { month, day }: TMonthDay): string {
  return isoOf(year, month, Math.min(day, daysInMonth(year, month)));
}

function parseIso(isoDate: string): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`Not an ISO date: ${isoDate}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Not a calendar date: ${isoDate}`);
  }
  return { year, month, day };
}

export function isIsoDate(value: string): boolean {
  try {
    parseIso(value);
    return true;
  } catch {
    return false;
  }
}

// Calendar arithmetic in UTC, where no day is 23 or 25 hours long.
export function addDays(isoDate: string, n: number): string {
  const { year, month, day } = parseIso(isoDate);
  const d = new Date(Date.UTC(year, month - 1, day + n));
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

// Whole days from `from` to `to` (negative when `to` is earlier).
export function daysBetween(from: string, to: string): number {
  const a = parseIso(from);
  const b = parseIso(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

function toLocalIso(date: string | Date, timeZone: string): string {
  if (typeof date === 'string') {
    parseIso(date);
    return date;
  }
  return localDate(date, timeZone);
}

export function termPeriod(term: string, profile: Pick<TMunicipalityProfile, 'termPeriods'>): DateSpan {
  const { season, year } = parseTerm(term);
  const { start, end } = profile.termPeriods[season];
  return { from: monthDayIn(year, start), to: monthDayIn(year, end) };
}

// The term whose span holds the date. In a gap between terms (a profile whose terms do not
// cover the whole year, e.g. the summer break) it is the term about to start: that is the
// term the school is planning for.
export function termOf(date: string | Date, profile: TermProfile): string {
  const iso = toLocalIso(date, profile.timeZone);
  const { year } = parseIso(iso);
  const candidates = [`HT${year - 1}`, `VT${year}`, `HT${year}`, `VT${year + 1}`];
  for (const term of candidates) {
    const { from, to } = termPeriod(term, profile);
    if (from <= iso && iso <= to) return term;
  }
  for (const term of candidates) {
    if (termPeriod(term, profile).from > iso) return term;
  }
  throw new RangeError(`No term found for ${iso}`);
}

// The term principals normally apply for: the one after the current term.
export function defaultApplicationTerm(today: Date, profile: TermProfile): string {
  return nextTerm(termOf(today, profile));
}

// True once the term's last day is over, in the profile's time zone.
export function hasTermEnded(term: string, today: Date, profile: TermProfile): boolean {
  return localDate(today, profile.timeZone) > termPeriod(term, profile).to;
}

function termDate(term: string, date: TTermDate): string {
  const { year } = parseTerm(term);
  return monthDayIn(year + date.yearOffset, date);
}

// HT2027 -> '2027-04-15'; VT2028 -> '2027-10-15' (yearOffset -1 in Nora's profile).
export function applicationDeadline(term: string, profile: Pick<TMunicipalityProfile, 'applicationDeadlines'>): string {
  return termDate(term, profile.applicationDeadlines[parseTerm(term).season]);
}

// HT2027 -> '2027-11-30'; VT2028 -> '2028-05-31'.
export function followUpDueDate(term: string, profile: Pick<TMunicipalityProfile, 'followUpDue'>): string {
  return termDate(term, profile.followUpDue[parseTerm(term).season]);
}

// Late when the local date of submission is after the deadline: the whole deadline day counts.
export function isLate(
  term: string,
  submittedAt: Date,
  profile: Pick<TMunicipalityProfile, 'applicationDeadlines' | 'timeZone'>,
): boolean {
  return localDate(submittedAt, profile.timeZone) > applicationDeadline(term, profile);
}

// The last day an independent unit may appeal: the notification's local date + the window.
// Lag (1930:173) om beräkning av lagstadgad tid: a last day on a Saturday, Sunday, public
// holiday, midsommarafton, julafton or nyårsafton runs to the next working day.
export function appealDeadline(
  notifiedAt: Date,
  profile: Pick<TMunicipalityProfile, 'appealWindowWeeks' | 'timeZone'>,
): string {
  return onOrAfterWorkingDay(addDays(localDate(notifiedAt, profile.timeZone), profile.appealWindowWeeks * 7));
}
