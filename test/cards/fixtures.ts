// View models for the card tests: an empty draft, a fully filled one with realistic (long)
// Swedish texts, and helpers to vary them. Long texts on purpose: they drive the size budget.
import { noraProfile } from '../../domain/profile';
import type { TApplicationDraft, TMeasure } from '../../domain/schemas';
import { STEP_TITLES, type ApplicationStep } from '../../machines/application.steps';
import type { StepViewModel, SummarySection } from '../../cards/view-models';

export const DRAFT_ID = 'd_7f3a9c2e';

export const units: StepViewModel['units'] = [
  { id: 'u-karla', name: 'Karlaskolan F–6', kind: 'kommunal' },
  { id: 'u-solen', name: 'Förskolan Solen', kind: 'kommunal' },
  { id: 'u-montessori', name: 'Montessoriskolan Nora', kind: 'fristaende' },
];

export const termOptions: StepViewModel['termOptions'] = [
  { term: 'HT2027', label: 'Höstterminen 2027', deadlineText: 'Sista ansökningsdag 15 april 2027', late: true },
  { term: 'VT2028', label: 'Vårterminen 2028', deadlineText: 'Sista ansökningsdag 15 oktober 2027', late: false },
];

const long = (start: string) =>
  `${start} Det märks tydligast vid övergångar mellan aktiviteter, i större grupper och när dagen inte går som planerat. ` +
  'Eleven behöver en vuxen nära för att komma igång, hålla fokus och avsluta uppgifter, och för att hantera konflikter på rasterna. ' +
  'Utan stödet avbryts undervisningen flera gånger per dag och eleven lämnar klassrummet. Med stödet deltar eleven i större delen av lektionerna.';

export function measure(n: number, type: TMeasure['type'] = 'assistent'): TMeasure {
  return {
    id: `m${n}`,
    type,
    description: long(`Insats ${n}: en elevassistent följer eleven under skoldagen.`),
    hoursPerWeek: 10 + n,
    cost: 1000 * n,
  };
}

export const fullDraft: TApplicationDraft = {
  term: 'HT2027',
  unit: { id: 'u-karla' },
  pupil: {
    protectedIdentity: false,
    personnummer: '20170312-1234',
    firstName: 'Elsa',
    lastName: 'Lindqvist',
    registeredMunicipality: 'Nora kommun',
    schoolForm: 'grundskola',
    grade: '3',
  },
  placement: { group: '3B', attendanceHoursPerWeek: 32.5 },
  need: {
    criteria: ['autism', 'koncentration_struktur'],
    description: long('Eleven har svårt att förstå instruktioner i helklass och blir lätt överväldigad av ljud.'),
    documentedBy: { competence: 'psykologisk', name: 'Karin Ek, skolpsykolog' },
  },
  mapping: {
    cognitive: long('Eleven lär sig bäst med bildstöd och korta instruktioner.'),
    social: long('Eleven söker kontakt med vuxna men har svårt i leken med jämnåriga.'),
    needs: long('Eleven behöver förutsägbarhet, en anpassad plats och en vuxen vid övergångar.'),
    prognosis: long('Med stöd bedöms eleven nå kunskapskraven i flera ämnen.'),
  },
  assessment: Object.fromEntries(noraProfile.assessment.areas.map((a, i) => [a.id, { current: (i % 4) + 1, desired: i % 3 }])),
  measures: [measure(1), measure(2, 'lokalanpassning'), measure(3, 'extra_undervisning')],
  effect: { description: long('Stödet gör att eleven kan delta i undervisningen och utvecklas mot målen.') },
  attachments: [
    { id: 'a1', name: 'Åtgärdsprogram Elsa HT27.pdf', kind: 'atgardsprogram' },
    { id: 'a2', name: 'Psykologutlåtande.pdf', kind: 'psykologbedomning' },
    { id: 'a3', name: 'IMG_2041.jpg' },
  ],
  signature: { confirmed: true },
};

export function summarySections(draft: TApplicationDraft): SummarySection[] {
  const step = (s: ApplicationStep, facts: SummarySection['facts']): SummarySection => ({ step: s, title: STEP_TITLES[s], facts });
  return [
    step('unitTerm', [
      { title: 'Enhet', value: 'Karlaskolan F–6' },
      { title: 'Termin', value: 'Höstterminen 2027' },
    ]),
    step('pupil', [
      { title: 'Namn', value: `${draft.pupil?.firstName ?? ''} ${draft.pupil?.lastName ?? ''}` },
      { title: 'Personnummer', value: draft.pupil?.personnummer ?? '' },
      { title: 'Skolform', value: 'Grundskola, årskurs 3' },
    ]),
    step('placement', [
      { title: 'Grupp', value: draft.placement?.group ?? '' },
      { title: 'Vistelsetid', value: '32,5 timmar i veckan' },
    ]),
    step('need', [
      { title: 'Kriterier', value: 'Autism; koncentration' },
      { title: 'Behovet', value: draft.need?.description ?? '' },
    ]),
    step('mapping', [
      { title: 'Kognitiv utveckling', value: draft.mapping?.cognitive ?? '' },
      { title: 'Social utveckling', value: draft.mapping?.social ?? '' },
      { title: 'Behov', value: draft.mapping?.needs ?? '' },
      { title: 'Prognos', value: draft.mapping?.prognosis ?? '' },
    ]),
    step(
      'assessment',
      noraProfile.assessment.areas.map((a) => ({ title: a.label, value: 'Nu 3, önskat 1' })),
    ),
    step(
      'measures',
      (draft.measures ?? []).map((m) => ({ title: m.type, value: m.description })),
    ),
    step('effect', [{ title: 'Effekt', value: draft.effect?.description ?? '' }]),
    step('attachments', [{ title: 'Filer', value: '3 filer, 1 utan typ' }]),
  ];
}

export const NEW_MEASURE_ID = '7a1e9c52-3b4d-4f6a-8e2c-9d0b1a2c3e4f';

export function stepVm(step: ApplicationStep, draft: TApplicationDraft = {}, extra: Partial<StepViewModel> = {}): StepViewModel {
  return { draftId: DRAFT_ID, step, draft, profile: noraProfile, units, termOptions, errors: {}, newMeasureId: NEW_MEASURE_ID, ...extra };
}

// Everything a step can be given, filled in: the largest version of each card.
export function fullStepVm(step: ApplicationStep, draft: TApplicationDraft = fullDraft): StepViewModel {
  return stepVm(step, draft, {
    notice: { text: 'Extra undervisning är en ordinär insats som betalas genom grundbeloppet och ger inte tilläggsbelopp.', style: 'warning' },
    assessmentSummary: {
      hoursCurrent: 41,
      hoursDesired: 12.5,
      amountPerMonthText: '42 367 kr',
      explanation: 'Timmarna räknas på nivåer från ”Extraordinärt stöd vissa stunder av dagen” och uppåt, gånger 310 kr i timmen, 40 veckor per år fördelat på 12 månader.',
    },
    measureNotices: { m3: 'Extra undervisning är ordinär och ger inte tilläggsbelopp. Ta bort den eller byt typ.' },
    attachmentChecklist: [
      { field: 'attachments.atgardsprogram', label: 'Åtgärdsprogram', required: true, done: true },
      { field: 'attachments.supporting', label: 'Minst ett underlag som styrker behovet: pedagogisk kartläggning, läkarintyg, psykologbedömning eller testresultat', required: true, done: false },
      { field: 'attachments.other', label: 'Läkarintyg', required: false, done: false },
    ],
    pendingAttachment: { id: 'a3', name: 'IMG_2041.jpg' },
    summarySections: summarySections(draft),
  });
}
