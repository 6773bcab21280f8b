// Swedish organisationsnummer (the huvudman of a unit): ten digits NNNNNN-NNNN whose last digit
// is the Luhn digit of the first nine. A legal person's number has 20 or more as its middle pair
// (digits 3-4), so it can never be read as a date; a sole trader (enskild näringsidkare) is
// known by their personnummer, whose middle pair is the birth month. A leading "16" (the
// century form some registers print) is accepted and dropped.
import { luhnCheckDigit } from './personnummer';

export type OrgNumberErrorCode = 'format' | 'checksum' | 'kind';

export type OrgNumberCheck = { ok: true; normalized: string; soleTrader: boolean } | { ok: false; code: OrgNumberErrorCode; message: string };

export const ORG_NUMBER_MESSAGES: Record<OrgNumberErrorCode, string> = {
  format: 'Skriv organisationsnumret med tio siffror, NNNNNN-NNNN.',
  checksum: 'Organisationsnumrets sista siffra (kontrollsiffran) stämmer inte. Kontrollera att alla siffror är rätt.',
  kind: 'Det är varken ett organisationsnummer eller ett personnummer för en enskild firma. Kontrollera siffrorna.',
};

const SHAPE = /^(?:16)?(\d{6})-?(\d{4})$/;

function dateExists(yy: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Both centuries agree on the length of every month but February; 29 February is allowed.
  return day <= (month === 2 ? 29 : new Date(Date.UTC(2001, month, 0)).getUTCDate()) && yy >= 0;
}

export function checkOrgNumber(text: string): OrgNumberCheck {
  const match = SHAPE.exec(text.trim().replace(/\s+/g, ''));
  if (!match) return { ok: false, code: 'format', message: ORG_NUMBER_MESSAGES.format };
  const digits = `${match[1]}${match[2]}`;
  if (luhnCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) return { ok: false, code: 'checksum', message: ORG_NUMBER_MESSAGES.checksum };
  const middle = Number(digits.slice(2, 4));
  const soleTrader = middle < 20;
  if (soleTrader) {
    const rawDay = Number(digits.slice(4, 6));
    // A samordningsnummer carries the day + 60.
    if (!dateExists(Number(digits.slice(0, 2)), middle, rawDay > 60 ? rawDay - 60 : rawDay)) {
      return { ok: false, code: 'kind', message: ORG_NUMBER_MESSAGES.kind };
    }
  }
  return { ok: true, normalized: `${digits.slice(0, 6)}-${digits.slice(6)}`, soleTrader };
}
