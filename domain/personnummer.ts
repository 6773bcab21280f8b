// Swedish personnummer and samordningsnummer, written with the century (YYYYMMDD-NNNN): the
// check digit is the Luhn digit of the ten-digit form YYMMDDNNN, and a samordningsnummer
// carries the birth day + 60.
import { localDate } from './terms';

export type PersonnummerErrorCode = 'format' | 'date' | 'checksum' | 'future';

export type PersonnummerCheck =
  | { ok: true; normalized: string; birthDate: string; samordningsnummer: boolean }
  | { ok: false; code: PersonnummerErrorCode; message: string };

export const PERSONNUMMER_MESSAGES: Record<PersonnummerErrorCode, string> = {
  format: 'Skriv personnumret med tolv siffror, ÅÅÅÅMMDD-NNNN, så att året har fyra siffror (till exempel 2015 i stället för 15).',
  date: 'Datumet i personnumret finns inte. Kontrollera år, månad och dag (ÅÅÅÅMMDD).',
  checksum: 'Personnumrets sista siffra (kontrollsiffran) stämmer inte. Kontrollera att alla siffror är rätt.',
  future: 'Födelsedatumet i personnumret ligger i framtiden. Kontrollera årtalet.',
};

const SHAPE = /^(\d{4})(\d{2})(\d{2})-?(\d{3})(\d)$/;

// The Luhn check digit of a string of digits (for a personnummer: the nine digits YYMMDDNNN).
export function luhnCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError('Digits only');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // The payload's rightmost digit is doubled, then every second digit leftwards from it.
    const weight = (digits.length - i) % 2 === 1 ? 2 : 1;
    const product = Number(digits[i]) * weight;
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

function fail(code: PersonnummerErrorCode): PersonnummerCheck {
  return { ok: false, code, message: PERSONNUMMER_MESSAGES[code] };
}

function dateExists(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// `today` decides what counts as the future, as a date in `timeZone`.
export function checkPersonnummer(text: string, today: Date, timeZone = 'Europe/Stockholm'): PersonnummerCheck {
  const match = SHAPE.exec(text.trim());
  if (!match) return fail('format');
  const [, yyyy, mm, dd, serial, check] = match;
  const rawDay = Number(dd);
  const samordningsnummer = rawDay > 60;
  const day = samordningsnummer ? rawDay - 60 : rawDay;
  if (!dateExists(Number(yyyy), Number(mm), day)) return fail('date');
  const birthDate = `${yyyy}-${mm}-${String(day).padStart(2, '0')}`;
  if (birthDate > localDate(today, timeZone)) return fail('future');
  if (luhnCheckDigit(`${yyyy.slice(2)}${mm}${dd}${serial}`) !== Number(check)) return fail('checksum');
  return { ok: true, normalized: `${yyyy}${mm}${dd}-${serial}${check}`, birthDate, samordningsnummer };
}
