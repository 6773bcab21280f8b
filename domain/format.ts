// Numbers, dates and enum values written the Swedish way, for every text a user sees.
// Hand-written rather than Intl 'sv-SE' so the output does not depend on the ICU data a
// Node build carries, and so tests can spell the expected text out with ordinary spaces.
import type { TAttachmentKind, TCompetence, TCriterion, TMeasureType, TSchoolForm } from './schemas';

const SWEDISH_MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
] as const;

// 12400 -> '12 400', 2.5 -> '2,5', -1200 -> '-1 200'. Thousands are grouped with a normal space.
export function formatNumber(n: number, maxDecimals = 2): string {
  const factor = 10 ** maxDecimals;
  const rounded = Math.round(Math.abs(n) * factor) / factor;
  const [whole, fraction] = String(rounded).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const sign = n < 0 && rounded !== 0 ? '-' : '';
  return sign + grouped + (fraction ? `,${fraction}` : '');
}

// Whole kronor: 12400 -> '12 400 kr'.
export function formatKronor(n: number): string {
  return `${formatNumber(Math.round(n), 0)} kr`;
}

// 1 -> '1 timme', 12 -> '12 timmar', 2.5 -> '2,5 timmar'.
export function formatHours(n: number): string {
  const text = formatNumber(n, 1);
  return `${text} ${text === '1' ? 'timme' : 'timmar'}`;
}

// '2027-04-15' -> '15 april 2027'.
export function formatSwedishDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`Not an ISO date: ${isoDate}`);
  const month = SWEDISH_MONTHS[Number(match[2]) - 1];
  if (!month) throw new RangeError(`Not an ISO date: ${isoDate}`);
  return `${Number(match[3])} ${month} ${match[1]}`;
}

export const MEASURE_TYPE_LABELS: Record<TMeasureType, string> = {
  assistent: 'Assistent',
  lokalanpassning: 'Anpassning av lokaler',
  annan_extraordinar: 'Annan extraordinär insats',
  extra_undervisning: 'Extra undervisning',
  specialpedagog: 'Specialpedagogisk insats',
  sarskild_undervisningsgrupp: 'Särskild undervisningsgrupp',
};

export const ATTACHMENT_KIND_LABELS: Record<TAttachmentKind, string> = {
  atgardsprogram: 'Åtgärdsprogram',
  kartlaggning: 'Pedagogisk kartläggning',
  lakarintyg: 'Läkarintyg',
  psykologbedomning: 'Psykologbedömning',
  testresultat: 'Testresultat',
  annat: 'Annat underlag',
};

export const SCHOOL_FORM_LABELS: Record<TSchoolForm, string> = {
  forskola: 'Förskola',
  forskoleklass: 'Förskoleklass',
  grundskola: 'Grundskola',
  anpassad_grundskola: 'Anpassad grundskola',
  fritidshem: 'Fritidshem',
  pedagogisk_omsorg: 'Pedagogisk omsorg',
};

export const CRITERION_LABELS: Record<TCriterion, string> = {
  funktionsnedsattning: 'Betydande fysisk funktionsnedsättning, synskada, hörselskada eller språkstörning',
  sjukdom_skada: 'Sjukdom eller skada som omöjliggör skolgång utan betydande stöd, eller som riskerar att förvärras',
  autism: 'Autismspektrumtillstånd med betydande konsekvenser i skolmiljön',
  neuropsykiatrisk_psykosocial: 'Neuropsykiatrisk eller psykosocial problematik med risk för barnet eller andra',
  koncentration_struktur: 'Grava svårigheter med koncentration, struktur eller uthållighet',
  intellektuell_funktionsnedsattning:
    'Intellektuell funktionsnedsättning där vårdnadshavare inte medgett anpassad grundskola',
};

export const COMPETENCE_LABELS: Record<TCompetence, string> = {
  specialpedagogisk: 'Specialpedagogisk',
  medicinsk: 'Medicinsk',
  psykologisk: 'Psykologisk',
  annan: 'Annan specialistkompetens',
};
