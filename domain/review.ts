// Completeness and content rules of an application (shared/DOMAIN.md). An incomplete
// application is never assessed, so the bot blocks submission and says, per field, what is
// missing and how to fix it. Each rule is a small named function; `reviewApplication` runs them
// all, in dialog order, and splits what they find into problems (block) and warnings (inform).
import type { TMunicipalityProfile } from './profile';
import type { Problem, TApplicationDraft, TAttachmentKind, TMeasure, TMeasureType, TSchoolForm } from './schemas';
import { ELIGIBLE_MEASURE_TYPES, ORDINARY_MEASURE_TYPES } from './schemas';
import { checkPersonnummer } from './personnummer';
import type { TUnitKind } from './vocabulary';
import { isExtraordinaryLevel, levelLabel } from './assessment';
import { formatHoursPerWeek, formatSwedishDate, MEASURE_TYPE_LABELS, SCHOOL_FORM_LABELS, termTitle } from './wording';
import {
  applicationDeadline,
  defaultApplicationTerm,
  hasTermEnded,
  isLate,
  isTerm,
  termLabel,
} from './terms';

export interface ReviewUnit {
  id: string;
  kind: TUnitKind;
  schoolForms?: TSchoolForm[];
}

export interface ReviewContext {
  profile: TMunicipalityProfile;
  today: Date;
  unit?: ReviewUnit;
  // Granted cases for this child whose follow-up has not been filed.
  outstandingFollowUps?: Array<{ caseNumber: string; term: string }>;
}

export interface ReviewResult {
  ready: boolean;
  problems: Problem[];
  warnings: Problem[];
}

// code -> what the rule checks. `<areaId>` stands for each area id in the profile.
export const RULE_CODES = {
  'followUp.missing': 'A granted case for this child has no filed follow-up; it blocks a new application.',
  'term.missing': 'No term chosen.',
  'term.invalid': 'The term is not written as HT2027 or VT2028.',
  'term.past': 'The term has already ended.',
  'term.late': 'Warning: submitted after the profile deadline for the term; accepted but marked late.',
  'unit.missing': 'No unit chosen.',
  'pupil.protectedIdentity.identifying': 'Protected identity, yet a name or personnummer is filled in (must not be stored).',
  'pupil.personnummer.missing': 'No personnummer (and no protected identity).',
  'pupil.personnummer.format': 'Personnummer not written as YYYYMMDD-NNNN.',
  'pupil.personnummer.date': 'The personnummer date does not exist.',
  'pupil.personnummer.checksum': 'The personnummer check digit (Luhn) is wrong.',
  'pupil.personnummer.future': 'The personnummer birth date is in the future.',
  'pupil.firstName.missing': 'No first name (and no protected identity).',
  'pupil.lastName.missing': 'No last name (and no protected identity).',
  'pupil.registeredMunicipality.missing': 'No municipality of registration (folkbokföringskommun).',
  'pupil.registeredMunicipality.other': 'Registered in another municipality: apply to the home municipality instead.',
  'pupil.schoolForm.missing': 'No school form.',
  'pupil.schoolForm.notOffered': 'The school form is not covered by the profile or not run by the unit.',
  'placement.group.missing': 'No group/class/team for next term.',
  'placement.attendanceHoursPerWeek.missing': 'No attendance time (vistelsetid).',
  'placement.attendanceHoursPerWeek.implausible': 'Attendance time not above 0 and at most 60 hours a week.',
  'need.missing': 'The need is not described (an incomplete application).',
  'need.description.diagnosisOnly': 'The need is too short or names a diagnosis without how it shows in the activity.',
  'need.criteria.missing': 'None of the six criteria chosen.',
  'need.documentedBy.competence.missing': 'The competence of whoever documented the need is missing.',
  'need.documentedBy.name.missing': 'The name of whoever documented the need is missing.',
  'mapping.cognitive.missing': 'Pedagogical mapping: cognitive development missing.',
  'mapping.social.missing': 'Pedagogical mapping: social development missing.',
  'mapping.needs.missing': 'Pedagogical mapping: the needs are not defined.',
  'mapping.prognosis.missing': 'Pedagogical mapping: prognosis missing.',
  'assessment.<areaId>.missing': 'An assessment area lacks its current or desired level.',
  'assessment.<areaId>.invalid': 'An assessment level is not on the profile scale.',
  'assessment.noExtraordinary': 'No area is rated at an extraordinary level in the current state.',
  'measures.missing': 'No measure (an incomplete application).',
  'measures.onlyOrdinary': 'Only ordinary measures, which are paid through the grundbelopp.',
  'measure.ordinary': 'Warning: an ordinary measure beside eligible ones does not count towards the amount.',
  'measures.resources.missing': 'An extraordinary measure has neither hours per week nor a cost (an incomplete application).',
  'measures.description.missing': 'An extraordinary measure is not described.',
  'measures.hoursExceedAttendance': 'The extraordinary measures add up to more hours than the attendance time.',
  'effect.description.missing': 'No description of how the support helps development or results.',
  'attachments.kind.missing': 'An attachment has no kind.',
  'attachments.atgardsprogram.missing': 'No åtgärdsprogram attached where the school form requires one.',
  'attachments.supporting.missing': 'No supporting document (mapping, medical certificate, psychologist assessment, test results).',
  'signature.missing': 'The responsible principal has not signed.',
} as const;
export type RuleCode = keyof typeof RULE_CODES;

export const WARNING_CODES: ReadonlySet<RuleCode> = new Set<RuleCode>(['term.late', 'measure.ordinary']);

// 'assessment.safety.missing' -> 'assessment.<areaId>.missing', the key in RULE_CODES.
export function ruleCodeKey(code: string): string {
  const match = /^assessment\.([^.]+)\.(missing|invalid)$/.exec(code);
  return match ? `assessment.<areaId>.${match[2]}` : code;
}

interface Finding extends Problem {
  severity: 'problem' | 'warning';
}
type Rule = (application: TApplicationDraft, context: ReviewContext) => Finding[];

const problem = (field: string, code: string, message: string): Finding => ({ field, code, message, severity: 'problem' });
const warning = (field: string, code: string, message: string): Finding => ({ field, code, message, severity: 'warning' });

const blank = (value: string | undefined): boolean => !value || value.trim() === '';

// --- measures ---------------------------------------------------------------------------

export function isOrdinaryMeasure(type: TMeasureType): boolean {
  return (ORDINARY_MEASURE_TYPES as readonly string[]).includes(type);
}

export function isEligibleMeasure(type: TMeasureType): boolean {
  return (ELIGIBLE_MEASURE_TYPES as readonly string[]).includes(type);
}

// Beside an ordinary measure in the list. It asks for an extraordinary measure only while the
// application has none: once one is added, the sentence would claim something that is not true.
export function ordinaryMeasureNotice(type: TMeasureType, hasExtraordinary = false): string {
  const rule = `${MEASURE_TYPE_LABELS[type]} räknas som ordinärt stöd och betalas genom grundbeloppet, inte genom tilläggsbelopp. `;
  return hasExtraordinary
    ? `${rule}Insatsen kan stå kvar som en del av helheten men räknas inte in i beloppet.`
    : `${rule}Insatsen kan stå kvar som en del av helheten, men ansökan behöver också en extraordinär insats, till exempel assistenthjälp eller anpassning av lokaler.`;
}

function hasResources(measure: TMeasure): boolean {
  return (measure.hoursPerWeek ?? 0) > 0 || (measure.cost ?? 0) > 0;
}

// --- protected identity -----------------------------------------------------------------

const IDENTIFYING_FIELDS = ['personnummer', 'firstName', 'lastName'] as const;

// Skyddade personuppgifter: name and personnummer must never be stored, so the dialog drops
// them before saving a draft.
export function stripProtectedIdentity(draft: TApplicationDraft): TApplicationDraft {
  if (draft.pupil?.protectedIdentity !== true) return draft;
  const pupil = { ...draft.pupil };
  for (const field of IDENTIFYING_FIELDS) delete pupil[field];
  return { ...draft, pupil };
}

// --- the need as it shows in the activity -------------------------------------------------

export const MIN_NEED_DESCRIPTION_LENGTH = 80;

// Prefixes matched at the start of a word (å, ä, ö count as letters).
const DIAGNOSIS_WORDS = [
  'adhd', 'add', 'autis', 'asperger', 'diagnos', 'npf', 'tourette', 'dyslexi', 'dyskalkyli', 'epilepsi',
  'downs', 'cp-skada', 'språkstörning', 'utvecklingsstörning', 'intellektuell funktionsnedsättning', 'ast',
  'odd', 'trotssyndrom',
];
const ICD_CODE = /(?<![\p{L}\d])f\d{2}(?:\.\d+)?(?![\p{L}\d])/u;
const SITUATION_WORDS = [
  'lektion', 'klassrum', 'rast', 'samling', 'lek', 'grupp', 'måltid', 'lunch', 'matsal', 'övergång', 'behöver',
  'klarar', 'när', 'under', 'undervisning', 'situation', 'aktivitet', 'skoldag', 'dagen', 'vila', 'utflykt',
  'idrott', 'omklädning', 'toalett', 'förflytt', 'kamrat', 'personal', 'pedagog', 'vuxen', 'vuxna', 'utevistelse',
  'hall', 'korridor', 'uppgift', 'instruktion', 'arbetspass', 'fritids', 'hämtning', 'lämning',
];

const wordPattern = (words: string[], wholeWord: (w: string) => boolean): RegExp =>
  new RegExp(
    words.map((w) => `(?<![\\p{L}\\d])${w}${wholeWord(w) ? '(?![\\p{L}])' : ''}`).join('|'),
    'u',
  );
// Short abbreviations must stand alone ('add' is not 'addera', 'ast' is not 'asta').
const DIAGNOSIS = wordPattern(DIAGNOSIS_WORDS, (w) => w.length <= 4);
const SITUATION = wordPattern(SITUATION_WORDS, () => false);

export function namesDiagnosis(text: string): boolean {
  const lower = text.toLowerCase();
  return DIAGNOSIS.test(lower) || ICD_CODE.test(lower);
}

export function describesActivity(text: string): boolean {
  return SITUATION.test(text.toLowerCase());
}

// --- the rules ------------------------------------------------------------------------------

function followUpsFiled(_: TApplicationDraft, { outstandingFollowUps = [] }: ReviewContext): Finding[] {
  return outstandingFollowUps.map(({ caseNumber, term }) =>
    problem(
      'followUp',
      'followUp.missing',
      `Uppföljningen för ärende ${caseNumber}${isTerm(term) ? ` (${termLabel(term)})` : ''} är inte inlämnad. ` +
        'Lämna den först (skriv ”uppföljning” i chatten), sedan kan du skicka en ny ansökan för barnet.',
    ),
  );
}

function termChosen({ term }: TApplicationDraft, { profile, today }: ReviewContext): Finding[] {
  if (blank(term)) return [problem('term', 'term.missing', 'Välj vilken termin ansökan gäller.')];
  if (!isTerm(term)) {
    return [problem('term', 'term.invalid', 'Terminen ska skrivas som HT2027 (hösttermin) eller VT2028 (vårtermin).')];
  }
  if (hasTermEnded(term, today, profile)) {
    return [
      problem(
        'term',
        'term.past',
        `${termTitle(term)} har redan slutat. Välj ${termLabel(defaultApplicationTerm(today, profile))} eller en senare termin.`,
      ),
    ];
  }
  if (isLate(term, today, profile)) {
    return [
      warning(
        'term',
        'term.late',
        `Sista ansökningsdag för ${termLabel(term)} var ${formatSwedishDate(applicationDeadline(term, profile))}. ` +
          'Ansökan tas emot men markeras som sen.',
      ),
    ];
  }
  return [];
}

function unitChosen({ unit }: TApplicationDraft): Finding[] {
  return blank(unit?.id) ? [problem('unit.id', 'unit.missing', 'Välj vilken enhet barnet kommer att gå på.')] : [];
}

function protectedIdentityKept({ pupil }: TApplicationDraft): Finding[] {
  if (pupil?.protectedIdentity !== true) return [];
  return IDENTIFYING_FIELDS.filter((field) => !blank(pupil[field])).map((field) =>
    problem(
      `pupil.${field}`,
      'pupil.protectedIdentity.identifying',
      'Barnet har skyddade personuppgifter, så namn och personnummer får inte sparas. Töm fältet; ärendet får en referens i stället.',
    ),
  );
}

function personnummerValid({ pupil }: TApplicationDraft, { today, profile }: ReviewContext): Finding[] {
  if (pupil?.protectedIdentity === true) return [];
  const text = pupil?.personnummer;
  if (blank(text)) {
    return [
      problem(
        'pupil.personnummer',
        'pupil.personnummer.missing',
        'Fyll i barnets personnummer (ÅÅÅÅMMDD-NNNN), eller markera att barnet har skyddade personuppgifter.',
      ),
    ];
  }
  const check = checkPersonnummer(text as string, today, profile.timeZone);
  return check.ok ? [] : [problem('pupil.personnummer', `pupil.personnummer.${check.code}`, check.message)];
}

function nameGiven({ pupil }: TApplicationDraft): Finding[] {
  if (pupil?.protectedIdentity === true) return [];
  const found: Finding[] = [];
  if (blank(pupil?.firstName)) found.push(problem('pupil.firstName', 'pupil.firstName.missing', 'Fyll i barnets förnamn.'));
  if (blank(pupil?.lastName)) found.push(problem('pupil.lastName', 'pupil.lastName.missing', 'Fyll i barnets efternamn.'));
  return found;
}

const normalizeMunicipality = (name: string): string =>
  name.trim().toLowerCase().replace(/\s+/g, ' ').replace(/ kommun$/, '');

function registeredHere({ pupil }: TApplicationDraft, { profile }: ReviewContext): Finding[] {
  const given = pupil?.registeredMunicipality;
  if (blank(given)) {
    return [
      problem(
        'pupil.registeredMunicipality',
        'pupil.registeredMunicipality.missing',
        'Fyll i vilken kommun barnet är folkbokfört i.',
      ),
    ];
  }
  const ours = new Set([profile.name, ...profile.aliases].map(normalizeMunicipality));
  if (ours.has(normalizeMunicipality(given as string))) return [];
  return [
    problem(
      'pupil.registeredMunicipality',
      'pupil.registeredMunicipality.other',
      `Barnet är folkbokfört i ${(given as string).trim()}, inte i ${profile.name}. Tilläggsbelopp söks från hemkommunen: ` +
        'skicka ansökan till den kommun där barnet är folkbokfört. Stämmer inte kommunen, rätta den.',
    ),
  ];
}

function schoolFormOffered({ pupil }: TApplicationDraft, { profile, unit }: ReviewContext): Finding[] {
  const form = pupil?.schoolForm;
  if (!form) return [problem('pupil.schoolForm', 'pupil.schoolForm.missing', 'Välj vilken skolform barnet går i.')];
  if (!profile.schoolForms.includes(form)) {
    return [
      problem(
        'pupil.schoolForm',
        'pupil.schoolForm.notOffered',
        `${profile.name} tar inte emot ansökningar om tilläggsbelopp för ${SCHOOL_FORM_LABELS[form].toLowerCase()}. Välj en annan skolform.`,
      ),
    ];
  }
  if (unit?.schoolForms && !unit.schoolForms.includes(form)) {
    return [
      problem(
        'pupil.schoolForm',
        'pupil.schoolForm.notOffered',
        `Enheten har inte ${SCHOOL_FORM_LABELS[form].toLowerCase()}. Välj skolformen barnet går i på enheten, eller välj en annan enhet.`,
      ),
    ];
  }
  return [];
}

export const MAX_ATTENDANCE_HOURS_PER_WEEK = 60;

const validAttendance = (hours: number | undefined): hours is number =>
  hours !== undefined && Number.isFinite(hours) && hours > 0 && hours <= MAX_ATTENDANCE_HOURS_PER_WEEK;

function placementGiven({ placement }: TApplicationDraft): Finding[] {
  const found: Finding[] = [];
  if (blank(placement?.group)) {
    found.push(
      problem(
        'placement.group',
        'placement.group.missing',
        'Skriv var barnet kommer att vara placerat nästa termin (grupp, klass eller arbetslag).',
      ),
    );
  }
  const hours = placement?.attendanceHoursPerWeek;
  if (hours === undefined || Number.isNaN(hours)) {
    found.push(
      problem(
        'placement.attendanceHoursPerWeek',
        'placement.attendanceHoursPerWeek.missing',
        'Fyll i barnets vistelsetid: hur många timmar i veckan barnet är i verksamheten.',
      ),
    );
  } else if (!validAttendance(hours)) {
    found.push(
      problem(
        'placement.attendanceHoursPerWeek',
        'placement.attendanceHoursPerWeek.implausible',
        `Vistelsetiden ska vara mer än 0 och högst ${MAX_ATTENDANCE_HOURS_PER_WEEK} timmar i veckan. Kontrollera siffran.`,
      ),
    );
  }
  return found;
}

function needDescribed({ need }: TApplicationDraft): Finding[] {
  const text = need?.description?.trim() ?? '';
  if (text === '') {
    return [
      problem(
        'need.description',
        'need.missing',
        'Beskriv barnets stödbehov som det syns i verksamheten. Utan en beskrivning av behovet är ansökan ofullständig.',
      ),
    ];
  }
  if (text.length < MIN_NEED_DESCRIPTION_LENGTH) {
    return [
      problem(
        'need.description',
        'need.description.diagnosisOnly',
        'Beskriv behovet mer utförligt, som det syns i verksamheten: i vilka situationer barnet behöver stöd ' +
          `(till exempel lektioner, raster, samling eller måltider) och vad barnet inte klarar själv. Skriv minst ${MIN_NEED_DESCRIPTION_LENGTH} tecken.`,
      ),
    ];
  }
  if (namesDiagnosis(text) && !describesActivity(text)) {
    return [
      problem(
        'need.description',
        'need.description.diagnosisOnly',
        'Beskrivningen nämner en diagnos men inte hur behovet syns i verksamheten. Det är behovet, inte diagnosen, som bedöms: ' +
          'beskriv i vilka situationer barnet behöver stöd och vad som händer utan det.',
      ),
    ];
  }
  return [];
}

function criteriaChosen({ need }: TApplicationDraft): Finding[] {
  if ((need?.criteria ?? []).length > 0) return [];
  return [problem('need.criteria', 'need.criteria.missing', 'Välj minst ett av de sex kriterierna som stämmer in på barnet.')];
}

function needDocumented({ need }: TApplicationDraft): Finding[] {
  const found: Finding[] = [];
  if (!need?.documentedBy?.competence) {
    found.push(
      problem(
        'need.documentedBy.competence',
        'need.documentedBy.competence.missing',
        'Välj vilken kompetens den som dokumenterat behovet har: specialpedagogisk, medicinsk, psykologisk eller annan specialistkompetens.',
      ),
    );
  }
  if (blank(need?.documentedBy?.name)) {
    found.push(
      problem('need.documentedBy.name', 'need.documentedBy.name.missing', 'Skriv namnet på den som dokumenterat behovet.'),
    );
  }
  return found;
}

const MAPPING_PARTS = [
  ['cognitive', 'Beskriv barnets kognitiva utveckling i den pedagogiska kartläggningen.'],
  ['social', 'Beskriv barnets sociala utveckling i den pedagogiska kartläggningen.'],
  ['needs', 'Definiera barnets behov i den pedagogiska kartläggningen.'],
  ['prognosis', 'Skriv en prognos inför framtiden i den pedagogiska kartläggningen.'],
] as const;

function mappingComplete({ mapping }: TApplicationDraft): Finding[] {
  return MAPPING_PARTS.filter(([part]) => blank(mapping?.[part])).map(([part, message]) =>
    problem(`mapping.${part}`, `mapping.${part}.missing`, message),
  );
}

function assessmentComplete({ assessment }: TApplicationDraft, { profile }: ReviewContext): Finding[] {
  const { levels } = profile.assessment;
  const found: Finding[] = [];
  for (const area of profile.assessment.areas) {
    const rating = assessment?.[area.id];
    for (const state of ['current', 'desired'] as const) {
      const level = rating?.[state];
      const field = `assessment.${area.id}.${state}`;
      const what = state === 'current' ? 'nuläget' : 'önskat läge';
      if (level === undefined) {
        found.push(problem(field, `assessment.${area.id}.missing`, `Bedöm ${what} för ”${area.label}”.`));
      } else if (!levels.includes(level)) {
        found.push(
          problem(
            field,
            `assessment.${area.id}.invalid`,
            `Nivån för ${what} i ”${area.label}” finns inte på skalan (${levels.join(', ')}). Välj en av nivåerna.`,
          ),
        );
      }
    }
  }
  const rated = profile.assessment.areas.filter((a) => levels.includes(assessment?.[a.id]?.current ?? -1));
  if (rated.length > 0 && !rated.some((a) => isExtraordinaryLevel(assessment?.[a.id]?.current, profile))) {
    const threshold = levelLabel(profile.assessment.extraordinaryFromLevel, profile);
    found.push(
      problem(
        'assessment',
        'assessment.noExtraordinary',
        `Inget område är bedömt på extraordinär nivå i nuläget (från ”${threshold}”). Behov på lägre nivåer ryms i grundbeloppet ` +
          'och ger inte tilläggsbelopp. Kontrollera bedömningen.',
      ),
    );
  }
  return found;
}

function measuresPresent({ measures = [] }: TApplicationDraft): Finding[] {
  if (measures.length === 0) {
    return [
      problem(
        'measures',
        'measures.missing',
        'Lägg till vilka extraordinära insatser som ska möta behovet, till exempel assistenthjälp eller anpassning av lokaler.',
      ),
    ];
  }
  if (measures.every((m) => isOrdinaryMeasure(m.type))) {
    return [
      problem(
        'measures',
        'measures.onlyOrdinary',
        'Extra undervisning, specialpedagogiska insatser och undervisning i särskild undervisningsgrupp är ordinärt stöd som ' +
          'betalas genom grundbeloppet, inte genom tilläggsbelopp. Lägg till den extraordinära insats behovet kräver, ' +
          'till exempel assistenthjälp eller anpassning av lokaler.',
      ),
    ];
  }
  return measures.flatMap((m, i) =>
    isOrdinaryMeasure(m.type) ? [warning(`measures[${i}].type`, 'measure.ordinary', ordinaryMeasureNotice(m.type, true))] : [],
  );
}

function measureResourcesGiven({ measures = [] }: TApplicationDraft): Finding[] {
  return measures.flatMap((m, i) =>
    isEligibleMeasure(m.type) && !hasResources(m)
      ? [
          problem(
            `measures[${i}].hoursPerWeek`,
            'measures.resources.missing',
            `Ange vilka resurser insatsen ”${MEASURE_TYPE_LABELS[m.type]}” kräver: timmar i veckan eller en kostnad i kronor.`,
          ),
        ]
      : [],
  );
}

function measuresDescribed({ measures = [] }: TApplicationDraft): Finding[] {
  return measures.flatMap((m, i) =>
    isEligibleMeasure(m.type) && blank(m.description)
      ? [
          problem(
            `measures[${i}].description`,
            'measures.description.missing',
            `Beskriv vad insatsen ”${MEASURE_TYPE_LABELS[m.type]}” innebär och hur den möter barnets behov.`,
          ),
        ]
      : [],
  );
}

function measureHoursWithinAttendance({ measures = [], placement }: TApplicationDraft): Finding[] {
  const attendance = placement?.attendanceHoursPerWeek;
  if (!validAttendance(attendance)) return [];
  const hours = measures.filter((m) => isEligibleMeasure(m.type)).reduce((sum, m) => sum + (m.hoursPerWeek ?? 0), 0);
  if (hours <= attendance) return [];
  return [
    problem(
      'measures',
      'measures.hoursExceedAttendance',
      `Insatserna är sammanlagt ${formatHoursPerWeek(hours)}, men vistelsetiden är ${formatHoursPerWeek(attendance)}. ` +
        'Minska timmarna eller rätta vistelsetiden.',
    ),
  ];
}

function effectDescribed({ effect }: TApplicationDraft): Finding[] {
  if (!blank(effect?.description)) return [];
  return [
    problem(
      'effect.description',
      'effect.description.missing',
      'Beskriv hur stödet skulle hjälpa barnets utveckling eller studieresultat.',
    ),
  ];
}

const SUPPORTING_KINDS: readonly TAttachmentKind[] = ['kartlaggning', 'lakarintyg', 'psykologbedomning', 'testresultat'];

function attachmentsKinded({ attachments = [] }: TApplicationDraft): Finding[] {
  return attachments.flatMap((a, i) =>
    a.kind
      ? []
      : [problem(`attachments[${i}].kind`, 'attachments.kind.missing', `Välj vad bilagan ”${a.name}” är, till exempel läkarintyg eller åtgärdsprogram.`)],
  );
}

// Förskola never has an åtgärdsprogram, whatever a profile says.
export function requiresAtgardsprogram(form: TSchoolForm | undefined, profile: TMunicipalityProfile): boolean {
  return form !== undefined && form !== 'forskola' && profile.atgardsprogramRequiredFor.includes(form);
}

function atgardsprogramAttached({ attachments = [], pupil }: TApplicationDraft, { profile }: ReviewContext): Finding[] {
  if (!requiresAtgardsprogram(pupil?.schoolForm, profile)) return [];
  if (attachments.some((a) => a.kind === 'atgardsprogram')) return [];
  const form = SCHOOL_FORM_LABELS[pupil?.schoolForm as TSchoolForm].toLowerCase();
  return [
    problem(
      'attachments.atgardsprogram',
      'attachments.atgardsprogram.missing',
      `För elever i ${form} ska åtgärdsprogrammet bifogas. Ladda upp det och välj typen ”Åtgärdsprogram”.`,
    ),
  ];
}

function supportingAttached({ attachments = [] }: TApplicationDraft): Finding[] {
  if (attachments.some((a) => a.kind && SUPPORTING_KINDS.includes(a.kind))) return [];
  return [
    problem(
      'attachments.supporting',
      'attachments.supporting.missing',
      'Bifoga underlag som styrker behovet, till exempel pedagogisk kartläggning, testresultat, läkarintyg eller psykologbedömning.',
    ),
  ];
}

function signed({ signature }: TApplicationDraft): Finding[] {
  if (signature?.confirmed === true) return [];
  return [
    problem(
      'signature.confirmed',
      'signature.missing',
      'Som ansvarig rektor eller förskolechef behöver du intyga att uppgifterna stämmer och skriva under ansökan.',
    ),
  ];
}

// In dialog order, so the first problem listed is the first one to fix.
export const RULES: ReadonlyArray<Rule> = [
  followUpsFiled,
  termChosen,
  unitChosen,
  protectedIdentityKept,
  personnummerValid,
  nameGiven,
  registeredHere,
  schoolFormOffered,
  placementGiven,
  needDescribed,
  criteriaChosen,
  needDocumented,
  mappingComplete,
  assessmentComplete,
  measuresPresent,
  measureResourcesGiven,
  measuresDescribed,
  measureHoursWithinAttendance,
  effectDescribed,
  attachmentsKinded,
  atgardsprogramAttached,
  supportingAttached,
  signed,
];

const strip = ({ field, code, message }: Finding): Problem => ({ field, code, message });

export function reviewApplication(application: TApplicationDraft, context: ReviewContext): ReviewResult {
  const findings = RULES.flatMap((rule) => rule(application, context));
  const problems = findings.filter((f) => f.severity === 'problem').map(strip);
  const warnings = findings.filter((f) => f.severity === 'warning').map(strip);
  return { ready: problems.length === 0, problems, warnings };
}

// The findings on one part of the application: fields under `prefix` ('pupil', 'measures[0]').
export function reviewFields(application: TApplicationDraft, context: ReviewContext, prefix: string): ReviewResult {
  const within = (p: Problem) => p.field === prefix || p.field.startsWith(`${prefix}.`) || p.field.startsWith(`${prefix}[`);
  const { problems, warnings } = reviewApplication(application, context);
  const mine = problems.filter(within);
  return { ready: mine.length === 0, problems: mine, warnings: warnings.filter(within) };
}
