// Complete, valid applications and a review context in which they pass every rule. Tests of
// any layer start from these and break one thing at a time.
import type { TApplicationDraft } from '../../domain/schemas';
import { noraProfile } from '../../domain/profile';
import type { ReviewContext } from '../../domain/review';

// 2027-03-01, before the HT2027 deadline (15 April 2027).
export const FIXTURE_TODAY = new Date('2027-03-01T09:00:00Z');

// Valid Luhn digits; 20150312-2382 is born 12 March 2015, 20230518-2467 on 18 May 2023.
export const VALID_PERSONNUMMER = '20150312-2382';
export const VALID_PRESCHOOL_PERSONNUMMER = '20230518-2467';

export function reviewContext(overrides: Partial<ReviewContext> = {}): ReviewContext {
  return {
    profile: noraProfile,
    today: FIXTURE_TODAY,
    unit: { id: 'unit-norrskolan', kind: 'kommunal', schoolForms: ['forskoleklass', 'grundskola', 'fritidshem'] },
    outstandingFollowUps: [],
    ...overrides,
  };
}

// A pupil in grundskola: 20 extraordinary hours a week now (safety 3 = 10 h, emotional 3 = 8 h,
// social 2 = 2 h), 30 hours' attendance, a 20-hour assistant.
export function validApplication(): TApplicationDraft {
  return {
    term: 'HT2027',
    unit: { id: 'unit-norrskolan' },
    pupil: {
      protectedIdentity: false,
      personnummer: VALID_PERSONNUMMER,
      firstName: 'Alva',
      lastName: 'Berg',
      registeredMunicipality: 'Nora kommun',
      schoolForm: 'grundskola',
      grade: '6',
    },
    placement: { group: 'Klass 6B', attendanceHoursPerWeek: 30 },
    need: {
      criteria: ['neuropsykiatrisk_psykosocial', 'koncentration_struktur'],
      description:
        'Alva behöver en vuxen nära sig under lektionerna och på rasterna. Vid övergångar mellan aktiviteter och i ' +
        'matsalen blir hon utåtagerande och har skadat kamrater; utan stöd klarar hon inte att stanna kvar i klassrummet.',
      documentedBy: { competence: 'psykologisk', name: 'Karin Lund, leg. psykolog' },
    },
    mapping: {
      cognitive: 'Åldersadekvat förmåga men svårt att starta och slutföra uppgifter utan vuxenstöd.',
      social: 'Söker kontakt men konflikter uppstår snabbt i fri lek och i större grupper.',
      needs: 'Ständig tillsyn vid raster och övergångar, stöd i affektreglering under lektioner.',
      prognosis: 'Med assistent väntas hon kunna delta i hela skoldagen och nå målen i årskurs 6.',
    },
    assessment: {
      physical: { current: 0, desired: 0 },
      communication: { current: 1, desired: 1 },
      learning: { current: 1, desired: 1 },
      social: { current: 2, desired: 1 },
      emotional: { current: 3, desired: 2 },
      health: { current: 0, desired: 0 },
      safety: { current: 3, desired: 2 },
      personalCare: { current: 0, desired: 0 },
    },
    measures: [
      {
        id: 'm1',
        type: 'assistent',
        description: 'Elevassistent hela skoldagen med fokus på raster, övergångar och matsal.',
        hoursPerWeek: 20,
      },
    ],
    effect: {
      description: 'Med assistent kan Alva stanna i klassrummet, delta i undervisningen och slippa konflikter på rasterna.',
    },
    attachments: [
      { id: 'a1', kind: 'atgardsprogram', name: 'atgardsprogram.pdf' },
      { id: 'a2', kind: 'kartlaggning', name: 'kartlaggning.pdf' },
      { id: 'a3', kind: 'psykologbedomning', name: 'psykologutlatande.pdf' },
    ],
    signature: { confirmed: true, signedBy: 'Eva Rektor', signedAt: '2027-03-01T09:00:00.000Z' },
  };
}

// A child in förskola: no åtgärdsprogram, a läkarintyg as the supporting document.
export function validPreschoolApplication(): TApplicationDraft {
  const base = validApplication();
  return {
    ...base,
    unit: { id: 'unit-solrosen' },
    pupil: {
      protectedIdentity: false,
      personnummer: VALID_PRESCHOOL_PERSONNUMMER,
      firstName: 'Olle',
      lastName: 'Ek',
      registeredMunicipality: 'Nora',
      schoolForm: 'forskola',
    },
    placement: { group: 'Avdelning Blåklockan', attendanceHoursPerWeek: 35 },
    need: {
      criteria: ['funktionsnedsattning'],
      description:
        'Olle behöver hjälp vid alla förflyttningar, vid samlingen och vid måltider. Han kan inte gå själv och ' +
        'behöver en vuxen som lyfter och stöttar honom vid lek ute och inne.',
      documentedBy: { competence: 'medicinsk', name: 'Per Holm, barnläkare' },
    },
    assessment: {
      ...base.assessment,
      physical: { current: 4, desired: 3 },
      personalCare: { current: 3, desired: 2 },
      emotional: { current: 0, desired: 0 },
      safety: { current: 1, desired: 1 },
      social: { current: 1, desired: 1 },
    },
    attachments: [{ id: 'a1', kind: 'lakarintyg', name: 'lakarintyg.pdf' }],
  };
}

export function preschoolContext(overrides: Partial<ReviewContext> = {}): ReviewContext {
  return reviewContext({ unit: { id: 'unit-solrosen', kind: 'fristaende', schoolForms: ['forskola'] }, ...overrides });
}
