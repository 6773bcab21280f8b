// The Swedish working calendar. Non-working days are Saturdays, Sundays, the public holidays of
// lag (1989:253) om allmänna helgdagar, and the three eves that lag (1930:173) om beräkning av
// lagstadgad tid treats like them: midsommarafton, julafton and nyårsafton. The holidays come
// from the maintained date-holidays package (Easter and midsommar move every year), never from
// arithmetic of our own. Dates are plain 'YYYY-MM-DD' strings in the municipality's time zone.
import Holidays from 'date-holidays';

// date-holidays marks the statutory holidays 'public' and exactly midsommarafton, julafton and
// nyårsafton 'bank' (test/domain/calendar.test.ts pins that); 'observance' and 'optional'
// days (påskafton, valborgsmässoafton, trettondagsafton…) are ordinary working days by law.
const NON_WORKING_TYPES = new Set(['public', 'bank']);

const holidaysSE = new Holidays('SE');
const byYear = new Map<number, ReadonlyMap<string, string>>();

// The non-working holidays of a year: date -> name (Swedish, as date-holidays writes it).
export function swedishHolidays(year: number): ReadonlyMap<string, string> {
  let days = byYear.get(year);
  if (!days) {
    const map = new Map<string, string>();
    for (const h of holidaysSE.getHolidays(year) || []) {
      if (NON_WORKING_TYPES.has(h.type)) map.set(h.date.slice(0, 10), h.name);
    }
    days = map;
    byYear.set(year, days);
  }
  return days;
}

// terms.ts builds on this module (appeal deadlines), so the day arithmetic is local to it.
function addDays(isoDate: string, n: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function weekday(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isWeekend(isoDate: string): boolean {
  const day = weekday(isoDate);
  return day === 0 || day === 6;
}

export function holidayName(isoDate: string): string | null {
  return swedishHolidays(Number(isoDate.slice(0, 4))).get(isoDate) ?? null;
}

export function isWorkingDay(isoDate: string): boolean {
  return !isWeekend(isoDate) && holidayName(isoDate) === null;
}

// The date itself when it is a working day, else the next one (a term "runs to" it).
export function onOrAfterWorkingDay(isoDate: string): string {
  let day = isoDate;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

// The date itself when it is a working day, else the one before.
export function onOrBeforeWorkingDay(isoDate: string): string {
  let day = isoDate;
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

// `n` working days after the date (n > 0), or before it (n < 0); the date itself does not count.
export function addWorkingDays(isoDate: string, n: number): string {
  const step = n < 0 ? -1 : 1;
  let day = isoDate;
  for (let left = Math.abs(n); left > 0; ) {
    day = addDays(day, step);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

// Minutes since local midnight of 'HH:MM'.
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

// Minutes since local midnight of an instant in the time zone.
export function localMinutes(instant: Date, timeZone: string): number {
  let f = timeFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

// True within office hours [start, end) on a working day, in the municipality's time zone.
export function isOfficeTime(localIsoDate: string, minutes: number, officeHours: { start: string; end: string }): boolean {
  return isWorkingDay(localIsoDate) && minutes >= minutesOf(officeHours.start) && minutes < minutesOf(officeHours.end);
}
