// Swedish names for the data dictionary's enum values, shared by cards, summaries and the bot.
import type { TAttachmentKind, TCompetence, TCriterion, TDecisionOutcome, TMeasureType, TSchoolForm } from '../domain/schemas';

export const SCHOOL_FORM_LABELS: Record<TSchoolForm, string> = {
  forskola: 'Förskola',
  forskoleklass: 'Förskoleklass',
  grundskola: 'Grundskola',
  anpassad_grundskola: 'Anpassad grundskola',
  fritidshem: 'Fritidshem',
  pedagogisk_omsorg: 'Pedagogisk omsorg',
};

// The six criteria of DOMAIN.md, shortened so a checkbox label fits a phone in two lines.
export const CRITERION_LABELS: Record<TCriterion, string> = {
  funktionsnedsattning: 'Betydande fysisk funktionsnedsättning, syn- eller hörselnedsättning eller språkstörning',
  sjukdom_skada: 'Sjukdom eller skada som gör att barnet behöver betydande stöd',
  autism: 'Autism med betydande konsekvenser i verksamheten',
  neuropsykiatrisk_psykosocial: 'Neuropsykiatriska eller psykosociala svårigheter med risk för barnet eller andra',
  koncentration_struktur: 'Stora svårigheter med koncentration, struktur eller uthållighet',
  intellektuell_funktionsnedsattning:
    'Intellektuell funktionsnedsättning där vårdnadshavarna inte har valt anpassad grundskola',
};

export const COMPETENCE_LABELS: Record<TCompetence, string> = {
  specialpedagogisk: 'Specialpedagogisk',
  medicinsk: 'Medicinsk',
  psykologisk: 'Psykologisk',
  annan: 'Annan specialistkompetens',
};

export const MEASURE_TYPE_LABELS: Record<TMeasureType, string> = {
  assistent: 'Assistenthjälp',
  lokalanpassning: 'Anpassning av lokaler',
  annan_extraordinar: 'Annan extraordinär stödåtgärd',
  extra_undervisning: 'Extra undervisning (ordinär)',
  specialpedagog: 'Specialpedagogisk insats (ordinär)',
  sarskild_undervisningsgrupp: 'Särskild undervisningsgrupp (ordinär)',
};

export const ATTACHMENT_KIND_LABELS: Record<TAttachmentKind, string> = {
  atgardsprogram: 'Åtgärdsprogram',
  kartlaggning: 'Pedagogisk kartläggning',
  lakarintyg: 'Läkarintyg',
  psykologbedomning: 'Psykologbedömning',
  testresultat: 'Testresultat',
  annat: 'Annat',
};

export const UNIT_KIND_LABELS: Record<'kommunal' | 'fristaende', string> = {
  kommunal: 'kommunal',
  fristaende: 'fristående',
};

// The outcome as a result ("Beslut: delvis beviljat") and as a choice for the one deciding.
export const DECISION_OUTCOME_LABELS: Record<TDecisionOutcome, string> = {
  approved: 'beviljat',
  partly_approved: 'delvis beviljat',
  rejected: 'avslag',
};

export const DECISION_OUTCOME_CHOICES: Record<TDecisionOutcome, string> = {
  approved: 'Bevilja',
  partly_approved: 'Bevilja delvis',
  rejected: 'Avslå',
};

// "HT2027" -> "Höstterminen 2027"; anything else is shown as it is.
export function termLabel(term: string): string {
  const match = /^(HT|VT)(\d{4})$/.exec(term);
  if (!match) return term;
  return `${match[1] === 'HT' ? 'Höstterminen' : 'Vårterminen'} ${match[2]}`;
}
