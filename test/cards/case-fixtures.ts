// View models for Elevhälsan's cards: one case (Elsa's application from fixtures.ts, submitted),
// seen at different moments, and a maximal version of each card for the size budget.
import { noraProfile } from '../../domain/profile';
import { computeAssessment } from '../../domain/assessment';
import { formatKronor } from '../../domain/wording';
import { ZApplication, type TApplication } from '../../domain/schemas';
import { MAX_TEXT_LENGTH } from '../../cards/inputs';
import type {
  AssessmentReviewViewModel,
  CaseActionFlags,
  CaseChannelViewModel,
  CaseDetailViewModel,
  CaseQueueItem,
  CompletionFormViewModel,
  CompletionRequestViewModel,
  DecisionFormViewModel,
  DecisionViewModel,
} from '../../cards/case-view-models';
import { fullDraft, measure } from './fixtures';

export const CASE_ID = '3f6c2a9e-8b1d-4c7a-9e2f-5a1b7c3d9e01';

export const application: TApplication = ZApplication.parse({
  ...fullDraft,
  attachments: [
    { id: 'a1', name: 'Åtgärdsprogram Elsa HT27.pdf', kind: 'atgardsprogram' },
    { id: 'a2', name: 'Psykologutlåtande.pdf', kind: 'psykologbedomning' },
    { id: 'a3', name: 'Kartläggning vt 2027.docx', kind: 'kartlaggning' },
  ],
  signature: { confirmed: true, signedBy: 'Maria Holm', signedAt: '2027-05-02T08:14:00Z' },
});

// The texts that must never reach the channel.
export const SECRETS = [
  'Elsa',
  'Lindqvist',
  '20170312-1234',
  '20170312',
  application.need.description.slice(0, 60),
  application.mapping.cognitive.slice(0, 60),
  application.effect.description.slice(0, 60),
  'Karin Ek',
  'Psykologutlåtande',
  'autism',
];

const result = computeAssessment(application.assessment, noraProfile, application.placement.attendanceHoursPerWeek);

export const assessmentSummary = {
  hoursCurrent: result.hoursCurrent,
  hoursDesired: result.hoursDesired,
  amountPerMonthText: formatKronor(result.amountPerMonth),
  explanation: result.explanation,
};

export const ALL: CaseActionFlags = { view: true, assign: true, adjustAssessment: true, requestCompletion: true, decide: true };
export const NONE: CaseActionFlags = { view: false, assign: false, adjustAssessment: false, requestCompletion: false, decide: false };

export function channelVm(extra: Partial<CaseChannelViewModel> = {}): CaseChannelViewModel {
  return {
    caseId: CASE_ID,
    caseNumber: 'TB-2027-0042',
    unitName: 'Karlaskolan F–6',
    unitKind: 'kommunal',
    schoolForm: 'grundskola',
    termLabel: 'Höstterminen 2027',
    hoursPerWeek: result.hoursCurrent,
    amountPerMonthText: assessmentSummary.amountPerMonthText,
    late: false,
    statusText: 'Ny, väntar på handläggare',
    lastEventText: 'Inskickad 2 maj 2027',
    deliveryFailed: false,
    refreshUserIds: ['29:1a2b3c-handlaggare-anna', '29:4d5e6f-chef-per'],
    allowed: ALL,
    ...extra,
  };
}

export function detailVm(extra: Partial<CaseDetailViewModel> = {}): CaseDetailViewModel {
  return {
    caseId: CASE_ID,
    caseNumber: 'TB-2027-0042',
    unitName: 'Karlaskolan F–6',
    unitKind: 'kommunal',
    termLabel: 'Höstterminen 2027',
    statusText: 'Under handläggning',
    submittedText: '2 maj 2027 kl. 10:14',
    late: false,
    handler: { name: 'Anna Berg', isViewer: true },
    version: 1,
    application,
    profile: noraProfile,
    assessmentAreas: result.areas,
    assessmentSummary,
    signedText: 'Maria Holm, 2 maj 2027 kl. 10:14',
    changes: [],
    allowed: { ...ALL, assign: false },
    ...extra,
  };
}

export const changes = [
  { section: 'Behovet', field: 'Beskrivning', before: 'Eleven har svårt med övergångar.', after: application.need.description },
  { section: 'Bilagor', field: 'Åtgärdsprogram', before: '', after: 'Åtgärdsprogram Elsa HT27.pdf' },
  { section: 'Insatser', field: 'Insats 1, timmar per vecka', before: '8', after: '11' },
];

export function completionFormVm(extra: Partial<CompletionFormViewModel> = {}): CompletionFormViewModel {
  return { caseId: CASE_ID, caseNumber: 'TB-2027-0042', unitName: 'Karlaskolan F–6', termLabel: 'Höstterminen 2027', errors: {}, ...extra };
}

export function completionRequestVm(extra: Partial<CompletionRequestViewModel> = {}): CompletionRequestViewModel {
  return {
    caseId: CASE_ID,
    caseNumber: 'TB-2027-0042',
    termLabel: 'Höstterminen 2027',
    unitName: 'Karlaskolan F–6',
    pupilLabel: 'Elsa Lindqvist',
    message:
      'Hej! Åtgärdsprogrammet saknas bland bilagorna. Bifoga det, och beskriv gärna hur assistenten används under rasterna, där behovet verkar vara störst.',
    step: 'attachments',
    requestedText: '3 mars 2027',
    requestedBy: 'Anna Berg',
    ...extra,
  };
}

export function assessmentReviewVm(extra: Partial<AssessmentReviewViewModel> = {}): AssessmentReviewViewModel {
  return {
    caseId: CASE_ID,
    caseNumber: 'TB-2027-0042',
    unitName: 'Karlaskolan F–6',
    termLabel: 'Höstterminen 2027',
    profile: noraProfile,
    assessment: { ...application.assessment, physical: { current: 3, desired: 2 } },
    principalAssessment: application.assessment,
    summary: assessmentSummary,
    errors: {},
    ...extra,
  };
}

export function decisionFormVm(extra: Partial<DecisionFormViewModel> = {}): DecisionFormViewModel {
  return {
    caseId: CASE_ID,
    caseNumber: 'TB-2027-0042',
    unitName: 'Karlaskolan F–6',
    unitKind: 'kommunal',
    termLabel: 'Höstterminen 2027',
    late: false,
    proposedHoursPerWeek: result.hoursCurrent,
    proposedAmountPerMonth: result.amountPerMonth,
    termStart: '2027-08-16',
    termEnd: '2027-12-22',
    measures: application.measures,
    errors: {},
    ...extra,
  };
}

export const DECISION_TEXT = [
  'Beslut om tilläggsbelopp i ärende TB-2027-0042 för barn med referens 8F2K vid Karlaskolan F–6, höstterminen 2027.',
  'Nora kommun beviljar tilläggsbelopp med 18 083 kronor per månad för perioden 16 augusti 2027 till och med 22 december 2027. Beloppet avser assistenthjälp under skoldagen, 11 timmar per vecka, och anpassning av lokaler.',
  'Extra undervisning beviljas inte. Det är en ordinär insats som ska finansieras genom grundbeloppet (skollagen 10 kap. 39 §). Beslutet innebär inte att kommunen bedömer att behovet saknas, bara att insatsen inte omfattas av tilläggsbelopp.',
  'Tilläggsbeloppet betalas ut varje månad tillsammans med grundbeloppet. Rektorn ska lämna en skriftlig uppföljning av insatserna senast 30 november 2027. Uppföljningen är en förutsättning för fortsatt tilläggsbelopp.',
  'Beslutet har fattats av Per Sund, chef för Elevhälsan, Nora kommun.',
].join('\n\n');

export function decisionVm(extra: Partial<DecisionViewModel> = {}): DecisionViewModel {
  return {
    forPrincipal: true,
    caseNumber: 'TB-2027-0042',
    termLabel: 'Höstterminen 2027',
    unitName: 'Karlaskolan F–6',
    pupilLabel: 'Elsa Lindqvist',
    outcome: 'partly_approved',
    amountPerMonthText: '18 083 kr',
    periodText: '16 augusti 2027 – 22 december 2027',
    text: DECISION_TEXT,
    ...extra,
  };
}

export function queueItem(i: number, extra: Partial<CaseQueueItem> = {}): CaseQueueItem {
  const day = String((i % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
  return {
    caseId: `3f6c2a9e-8b1d-4c7a-9e2f-${String(i).padStart(12, '0')}`,
    caseNumber: `TB-2027-${String(i).padStart(4, '0')}`,
    unitName: i % 2 === 0 ? 'Karlaskolan F–6' : 'Montessoriskolan Nora',
    termLabel: 'Höstterminen 2027',
    statusText: 'Under handläggning',
    late: i % 3 === 0,
    handlerName: i % 4 === 0 ? undefined : 'Anna Berg',
    submittedAt: `2027-${month}-${day}T09:00:00Z`,
    submittedText: `${Number(day)}/${Number(month)} 2027`,
    ...extra,
  };
}

// Every free text at the length the bot accepts.
export const MAX = 'Långt svar med åäö och ÅÄÖ. '.repeat(MAX_TEXT_LENGTH / 25).slice(0, MAX_TEXT_LENGTH);

export const maxApplication: TApplication = {
  ...application,
  pupil: { ...application.pupil, registeredMunicipality: 'Nora kommun' },
  placement: { group: MAX.slice(0, 200), attendanceHoursPerWeek: 45 },
  need: { ...application.need, criteria: [...['funktionsnedsattning', 'sjukdom_skada', 'autism', 'neuropsykiatrisk_psykosocial', 'koncentration_struktur', 'intellektuell_funktionsnedsattning'] as const], description: MAX, documentedBy: { competence: 'annan', name: MAX.slice(0, 200) } },
  mapping: { cognitive: MAX, social: MAX, needs: MAX, prognosis: MAX },
  measures: Array.from({ length: 12 }, (_, i) => ({ ...measure(i + 1), description: MAX })),
  effect: { description: MAX },
  attachments: Array.from({ length: 40 }, (_, i) => ({ id: `a${i}`, name: `Bilaga ${i} med ett långt filnamn som beskriver innehållet noga.pdf`, kind: 'annat' as const })),
};

export const maxChanges = Array.from({ length: 30 }, (_, i) => ({ section: 'Pedagogisk kartläggning', field: `Fält ${i + 1}`, before: MAX, after: MAX }));
