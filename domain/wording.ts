// The one Swedish wording of every value a person reads: numbers, hours, kronor, dates, terms and
// the data dictionary's enum values. Cards, the summary, the receipt, the review's messages and
// the decision letter all take their wording from here, so a measure, a criterion, hours and a
// term read the same wherever they appear.
// Numbers are hand-written rather than Intl 'sv-SE' so the output does not depend on the ICU
// data a Node build carries, and so tests can spell the expected text out with ordinary spaces.
import type { TAttachmentKind, TCompetence, TCriterion, TDecisionOutcome, TMeasureType, TSchoolForm } from './schemas';
import { ORDINARY_MEASURE_TYPES } from './schemas';
import type { TAuditAction, TCaseStatus, TReminderKind, TRole, TUnitKind } from './vocabulary';

// ---- numbers, money, hours, dates -------------------------------------------------------------

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

// Support, attendance and measures are all counted per week: 11 -> '11 timmar i veckan'.
export function formatHoursPerWeek(n: number): string {
  return `${formatHours(n)} i veckan`;
}

// '2027-04-15' -> '15 april 2027'.
export function formatSwedishDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`Not an ISO date: ${isoDate}`);
  const month = SWEDISH_MONTHS[Number(match[2]) - 1];
  if (!month) throw new RangeError(`Not an ISO date: ${isoDate}`);
  return `${Number(match[3])} ${month} ${match[1]}`;
}

export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// ---- terms ------------------------------------------------------------------------------------

// 'HT2027' -> 'höstterminen 2027', inside a sentence ("Ansökan avser höstterminen 2027").
export function termLabel(term: string): string {
  const match = /^(HT|VT)(\d{4})$/.exec(term);
  if (!match) throw new RangeError(`Not a term: ${term}`);
  return `${match[1] === 'HT' ? 'höstterminen' : 'vårterminen'} ${Number(match[2])}`;
}

// The same words standing alone (a fact's value, a choice, a heading): 'Höstterminen 2027'.
export function termTitle(term: string): string {
  return capitalize(termLabel(term));
}

// ---- the data dictionary's values -------------------------------------------------------------

export const SCHOOL_FORM_LABELS: Record<TSchoolForm, string> = {
  forskola: 'Förskola',
  forskoleklass: 'Förskoleklass',
  grundskola: 'Grundskola',
  anpassad_grundskola: 'Anpassad grundskola',
  fritidshem: 'Fritidshem',
  pedagogisk_omsorg: 'Pedagogisk omsorg',
};

// The six criteria of DOMAIN.md, in plain words that fit every school form ("barnet",
// "verksamheten") and a phone's checkbox in two lines.
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
  annan_extraordinar: 'Annan extraordinär insats',
  extra_undervisning: 'Extra undervisning',
  specialpedagog: 'Specialpedagogisk insats',
  sarskild_undervisningsgrupp: 'Särskild undervisningsgrupp',
};

const ordinary: ReadonlySet<TMeasureType> = new Set(ORDINARY_MEASURE_TYPES);

// A measure standing alone (a heading, a choice, the summary, a list of changes) says whether it
// is ordinary support, so no one has to know the rule to see that it gives no tilläggsbelopp.
// Inside a sentence the plain label is used ("Extra undervisning räknas som ordinärt stöd").
export const MEASURE_TYPE_TITLES = Object.fromEntries(
  Object.entries(MEASURE_TYPE_LABELS).map(([type, label]) => [type, ordinary.has(type as TMeasureType) ? `${label} (ordinärt stöd)` : label]),
) as Record<TMeasureType, string>;

export const ATTACHMENT_KIND_LABELS: Record<TAttachmentKind, string> = {
  atgardsprogram: 'Åtgärdsprogram',
  kartlaggning: 'Pedagogisk kartläggning',
  lakarintyg: 'Läkarintyg',
  psykologbedomning: 'Psykologbedömning',
  testresultat: 'Testresultat',
  annat: 'Annat underlag',
};

// An attachment whose kind the principal has not chosen yet.
export const ATTACHMENT_KIND_MISSING = 'Typ inte vald';

export const UNIT_KIND_LABELS: Record<TUnitKind, string> = {
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

// A case's status as each side reads it: the principal waits for Elevhälsan, Elevhälsan sees
// what it has to do next.
export const CASE_STATUS_FOR_PRINCIPAL: Record<TCaseStatus, string> = {
  submitted: 'Inskickad, väntar på Elevhälsan',
  in_review: 'Elevhälsan granskar',
  completion_requested: 'Elevhälsan behöver komplettering',
  resubmitted: 'Kompletterad, väntar på Elevhälsan',
  decided: 'Beslut fattat',
  proposed: 'Elevhälsan förbereder beslut',
  withdrawn: 'Återkallad',
};

export const CASE_STATUS_FOR_ELEVHALSA: Record<TCaseStatus, string> = {
  submitted: 'Ny',
  in_review: 'Granskas',
  completion_requested: 'Väntar på komplettering',
  resubmitted: 'Kompletterad, ska granskas',
  decided: 'Beslutad',
  proposed: 'Förslag till beslut',
  withdrawn: 'Återkallad',
};

export const ROLE_LABELS: Record<TRole, string> = {
  principal: 'Rektor',
  handler: 'Handläggare',
  head: 'Chef för Elevhälsan',
  admin: 'Administratör',
  drafter: 'Skriver ansökningar åt rektor',
};

// What each reminder kind is called in `påminnelser`, where a kind can be paused.
export const REMINDER_KIND_LABELS: Record<TReminderKind, string> = {
  application_deadline: 'Sista ansökningsdag för barn vars beslut går ut',
  draft_deadline: 'Utkast som inte är inskickade före sista ansökningsdag',
  completion_unanswered: 'Kompletteringar som inte är besvarade',
  follow_up_due: 'Uppföljning som snart ska lämnas',
  follow_up_overdue: 'Uppföljning som är försenad',
  new_case_waiting: 'Nya ärenden som ingen har tagit',
  undecided_near_term: 'Ärenden utan beslut nära terminsstart',
  delivery_failed: 'Beslut som inte gick att leverera',
  follow_up_overdue_summary: 'Veckosammanställning av försenade uppföljningar',
};
// ---- follow-up (uppföljning) ----------------------------------------------------------------------

// 'HT2027' -> 'HT 2027': short, for a card line ("Uppföljning HT 2027 inkommen").
export function termShort(term: string): string {
  const match = /^(HT|VT)(\d{4})$/.exec(term);
  if (!match) throw new RangeError(`Not a term: ${term}`);
  return `${match[1]} ${Number(match[2])}`;
}

export const FOLLOW_UP_SCHEDULE_CHOICES = {
  every_term: 'Varje termin (vanligt)',
  end_of_period: 'En gång, i slutet av perioden',
  date: 'Ett visst datum',
} as const;

// What the fields of a decision, and of a handler's proposal for one, say when their value is
// missing or not understood: the card shows it beside the field and the server says the same when
// it refuses the form.
export const DECISION_FIELD_ERRORS = {
  'decision.outcome': 'Välj om ansökan beviljas, beviljas delvis eller avslås.',
  'decision.amountPerMonth': 'Skriv beloppet per månad i hela kronor, 0 eller mer.',
  'decision.from': 'Välj första dagen som beslutet gäller.',
  'decision.to': 'Välj sista dagen som beslutet gäller.',
  'decision.approvedMeasures': 'Välj de insatser som beviljas.',
  'decision.reason': 'Skriv en motivering. Den krävs när ansökan beviljas delvis eller avslås.',
  'decision.followUpSchedule': 'Välj hur rektorn ska följa upp.',
  'decision.followUpDate': 'Välj datumet då uppföljningen ska vara inne.',
  'decision.significantDifficulties': 'Kryssa bara i om det är skälet till beslutet.',
} as const;

export const CARRIED_OUT_LABELS = {
  as_planned: 'Genomförd som planerat',
  partly: 'Delvis genomförd',
  not: 'Inte genomförd',
} as const;

export const CONTINUED_NEED_LABELS = {
  yes: 'Ja, behovet finns kvar',
  changed: 'Ja, men behovet har förändrats',
  no: 'Nej, behovet finns inte längre',
} as const;

// What a row of a CSV import would do, in the preview.
export const IMPORT_UNIT_ACTION_LABELS = { create: 'Ny enhet', exists: 'Finns redan', same_file: 'Samma enhet som på en rad ovan' } as const;
export const IMPORT_PRINCIPAL_ACTION_LABELS = { register: 'Ny person, blir rektor', grant: 'Finns, blir rektor här', has_role: 'Är redan rektor här' } as const;

// What each entry of the audit log says, for the administrator's view of the log.
export const AUDIT_ACTION_LABELS: Record<TAuditAction, string> = {
  'municipality.elevhalsa_channel_set': 'Elevhälsans kanal valdes',
  'municipality.profile_set': 'Kommunens profil ändrades',
  'draft.created': 'Utkast påbörjades',
  'draft.discarded': 'Utkast avbröts',
  'case.submitted': 'Ansökan skickades in',
  'case.version_added': 'Ny version av ansökan',
  'case.status_changed': 'Ärendets status ändrades',
  'case.handler_assigned': 'Handläggare tilldelades',
  'case.channel_posted': 'Ärendet visades i Elevhälsans kanal',
  'case.assigned': 'Ärendet togs av en handläggare',
  'case.reviewed': 'Elevhälsan bedömde behovet',
  'case.completion_requested': 'Komplettering begärdes',
  'case.resubmitted': 'Ansökan kompletterades',
  'case.decided': 'Beslut fattades',
  'case.notified': 'Beslutet nådde rektorn',
  'case.delivery_failed': 'Beslutet kunde inte levereras',
  'case.erased': 'Ärendet gallrades',
  'draft.erased': 'Utkast gallrades',
  'retention.ran': 'Gallring kördes',
  'reminder.undeliverable': 'Påminnelse kunde inte levereras',
  'reminder.paused': 'Påminnelser pausades',
  'reminder.resumed': 'Påminnelser återupptogs',
  'attachment.sent': 'Bilaga skickades',
  'decision.document_sent': 'Beslutet skickades som PDF',
  'followup.submitted': 'Uppföljning lämnades',
  'municipality.created': 'Kommunen lades upp',
  'unit.created': 'Enhet lades till',
  'unit.updated': 'Enhet ändrades',
  'unit.deactivated': 'Enhet inaktiverades',
  'unit.reactivated': 'Enhet aktiverades igen',
  'person.registered': 'Person registrerades',
  'person.updated': 'Person ändrades',
  'person.roles_set': 'Roller ändrades',
  'person.bound': 'Personen kändes igen vid första kontakten (via e-post)',
  'import.applied': 'Enheter och rektorer importerades',
  'case.access_exported': 'Registerutdrag togs ut',
  'draft.sent_for_signature': 'Utkast skickades till rektor för underskrift',
  'draft.returned': 'Rektorn skickade tillbaka utkastet',
  'case.proposed': 'Förslag till beslut skrevs',
  'case.handed_over': 'Ärendet lämnades över till en annan handläggare',
  'case.withdrawn': 'Ansökan drogs tillbaka',
  'case.decision_departed_from_proposal': 'Beslutet avviker från förslaget',
  'case.decision_ended': 'Beslutet upphörde i förtid',
  'followup.viewed': 'Uppföljningen lästes av Elevhälsan',
};

// An action written under a name since retired reads as itself.
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}
