import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { TApplicationDraft, TMeasure } from '../../domain/schemas';
import { noraProfile } from '../../domain/profile';
import { luhnCheckDigit } from '../../domain/personnummer';
import {
  isEligibleMeasure,
  isOrdinaryMeasure,
  ordinaryMeasureNotice,
  reviewApplication,
  reviewFields,
  RULE_CODES,
  ruleCodeKey,
  stripProtectedIdentity,
  WARNING_CODES,
  type ReviewContext,
} from '../../domain/review';
import { preschoolContext, reviewContext, validApplication, validPreschoolApplication } from './fixtures';

type Draft = TApplicationDraft;
type Mutate = (a: Draft) => void;

interface Case {
  name: string;
  // Warnings a passing variant is expected to carry.
  warnings?: string[];
  mutate?: Mutate;
  context?: Partial<ReviewContext>;
  preschool?: boolean;
}
interface FailCase extends Case {
  code: string;
  field: string;
}

const pupil = (a: Draft) => (a.pupil ??= {});
const measure = (m: Partial<TMeasure> & Pick<TMeasure, 'type'>, id = 'mx'): TMeasure => ({ id, description: 'Beskrivning av insatsen.', ...m });
// YYYYMMDDNNN -> YYYYMMDD-NNNC with a correct check digit C.
const withCheck = (digits: string) => `${digits.slice(0, 8)}-${digits.slice(8)}${luhnCheckDigit(digits.slice(2))}`;
const protectedPupil = (a: Draft) => {
  a.pupil = { protectedIdentity: true, registeredMunicipality: 'Nora kommun', schoolForm: 'grundskola' };
};

function run(c: Case) {
  const application = c.preschool ? validPreschoolApplication() : validApplication();
  c.mutate?.(application);
  const context = c.preschool ? preschoolContext(c.context) : reviewContext(c.context);
  return reviewApplication(application, context);
}

const failing: FailCase[] = [
  // unit and term
  { name: 'no term', code: 'term.missing', field: 'term', mutate: (a) => delete a.term },
  { name: 'malformed term', code: 'term.invalid', field: 'term', mutate: (a) => (a.term = 'HT27') },
  { name: 'term already ended', code: 'term.past', field: 'term', mutate: (a) => (a.term = 'HT2026') },
  { name: 'no unit', code: 'unit.missing', field: 'unit.id', mutate: (a) => (a.unit = {}) },
  // follow-up
  {
    name: 'outstanding follow-up',
    code: 'followUp.missing',
    field: 'followUp',
    context: { outstandingFollowUps: [{ caseNumber: 'TB-2026-0042', term: 'HT2026' }] },
  },
  // pupil
  { name: 'no personnummer', code: 'pupil.personnummer.missing', field: 'pupil.personnummer', mutate: (a) => delete pupil(a).personnummer },
  { name: 'personnummer without century', code: 'pupil.personnummer.format', field: 'pupil.personnummer', mutate: (a) => (pupil(a).personnummer = '150312-2382') },
  { name: 'personnummer date does not exist', code: 'pupil.personnummer.date', field: 'pupil.personnummer', mutate: (a) => (pupil(a).personnummer = withCheck('20150230238')) },
  { name: 'personnummer check digit wrong', code: 'pupil.personnummer.checksum', field: 'pupil.personnummer', mutate: (a) => (pupil(a).personnummer = '20150312-2383') },
  { name: 'personnummer in the future', code: 'pupil.personnummer.future', field: 'pupil.personnummer', mutate: (a) => (pupil(a).personnummer = withCheck('20280505111')) },
  { name: 'no first name', code: 'pupil.firstName.missing', field: 'pupil.firstName', mutate: (a) => (pupil(a).firstName = '  ') },
  { name: 'no last name', code: 'pupil.lastName.missing', field: 'pupil.lastName', mutate: (a) => delete pupil(a).lastName },
  {
    name: 'protected identity with a personnummer',
    code: 'pupil.protectedIdentity.identifying',
    field: 'pupil.personnummer',
    mutate: (a) => (pupil(a).protectedIdentity = true),
  },
  {
    name: 'protected identity with a first name',
    code: 'pupil.protectedIdentity.identifying',
    field: 'pupil.firstName',
    mutate: (a) => {
      protectedPupil(a);
      pupil(a).firstName = 'Alva';
    },
  },
  { name: 'no municipality', code: 'pupil.registeredMunicipality.missing', field: 'pupil.registeredMunicipality', mutate: (a) => delete pupil(a).registeredMunicipality },
  { name: 'registered elsewhere', code: 'pupil.registeredMunicipality.other', field: 'pupil.registeredMunicipality', mutate: (a) => (pupil(a).registeredMunicipality = 'Lindesbergs kommun') },
  { name: 'Norberg is not Nora', code: 'pupil.registeredMunicipality.other', field: 'pupil.registeredMunicipality', mutate: (a) => (pupil(a).registeredMunicipality = 'Norberg') },
  { name: 'no school form', code: 'pupil.schoolForm.missing', field: 'pupil.schoolForm', mutate: (a) => delete pupil(a).schoolForm },
  { name: 'school form the unit does not run', code: 'pupil.schoolForm.notOffered', field: 'pupil.schoolForm', mutate: (a) => (pupil(a).schoolForm = 'anpassad_grundskola') },
  {
    name: 'school form outside the profile',
    code: 'pupil.schoolForm.notOffered',
    field: 'pupil.schoolForm',
    context: { profile: { ...noraProfile, schoolForms: ['forskola', 'grundskola'] }, unit: undefined },
    mutate: (a) => (pupil(a).schoolForm = 'fritidshem'),
  },
  // placement
  { name: 'no group', code: 'placement.group.missing', field: 'placement.group', mutate: (a) => (a.placement = { attendanceHoursPerWeek: 30 }) },
  { name: 'no attendance', code: 'placement.attendanceHoursPerWeek.missing', field: 'placement.attendanceHoursPerWeek', mutate: (a) => (a.placement = { group: '6B' }) },
  { name: 'zero attendance', code: 'placement.attendanceHoursPerWeek.implausible', field: 'placement.attendanceHoursPerWeek', mutate: (a) => (a.placement = { group: '6B', attendanceHoursPerWeek: 0 }) },
  { name: 'attendance above 60', code: 'placement.attendanceHoursPerWeek.implausible', field: 'placement.attendanceHoursPerWeek', mutate: (a) => (a.placement = { group: '6B', attendanceHoursPerWeek: 61 }) },
  // need
  { name: 'no need described', code: 'need.missing', field: 'need.description', mutate: (a) => (a.need!.description = '') },
  { name: 'need too short', code: 'need.description.diagnosisOnly', field: 'need.description', mutate: (a) => (a.need!.description = 'Behöver stöd hela dagen.') },
  {
    name: 'need given as a diagnosis only',
    code: 'need.description.diagnosisOnly',
    field: 'need.description',
    mutate: (a) =>
      (a.need!.description =
        'Eleven har diagnosen ADHD och autism (F84.0) enligt utredning från BUP 2025, och medicineras sedan hösten med Concerta.'),
  },
  { name: 'no criterion', code: 'need.criteria.missing', field: 'need.criteria', mutate: (a) => (a.need!.criteria = []) },
  { name: 'no competence', code: 'need.documentedBy.competence.missing', field: 'need.documentedBy.competence', mutate: (a) => (a.need!.documentedBy = { name: 'Karin Lund' }) },
  { name: 'no documenter name', code: 'need.documentedBy.name.missing', field: 'need.documentedBy.name', mutate: (a) => (a.need!.documentedBy = { competence: 'medicinsk' }) },
  // mapping
  { name: 'no cognitive mapping', code: 'mapping.cognitive.missing', field: 'mapping.cognitive', mutate: (a) => delete a.mapping!.cognitive },
  { name: 'no social mapping', code: 'mapping.social.missing', field: 'mapping.social', mutate: (a) => (a.mapping!.social = '') },
  { name: 'needs not defined', code: 'mapping.needs.missing', field: 'mapping.needs', mutate: (a) => delete a.mapping!.needs },
  { name: 'no prognosis', code: 'mapping.prognosis.missing', field: 'mapping.prognosis', mutate: (a) => (a.mapping!.prognosis = ' ') },
  // assessment
  { name: 'area not rated', code: 'assessment.safety.missing', field: 'assessment.safety.current', mutate: (a) => delete a.assessment!.safety },
  { name: 'desired state missing', code: 'assessment.health.missing', field: 'assessment.health.desired', mutate: (a) => (a.assessment!.health = { current: 0 }) },
  { name: 'level off the scale', code: 'assessment.physical.invalid', field: 'assessment.physical.current', mutate: (a) => (a.assessment!.physical = { current: 7, desired: 0 }) },
  {
    name: 'nothing at an extraordinary level',
    code: 'assessment.noExtraordinary',
    field: 'assessment',
    mutate: (a) => {
      for (const id of Object.keys(a.assessment!)) a.assessment![id] = { current: 1, desired: 0 };
    },
  },
  // measures
  { name: 'no measures', code: 'measures.missing', field: 'measures', mutate: (a) => (a.measures = []) },
  {
    name: 'only ordinary measures',
    code: 'measures.onlyOrdinary',
    field: 'measures',
    mutate: (a) => (a.measures = [measure({ type: 'specialpedagog', hoursPerWeek: 2 }), measure({ type: 'extra_undervisning', hoursPerWeek: 3 }, 'my')]),
  },
  {
    name: 'eligible measure without resources',
    code: 'measures.resources.missing',
    field: 'measures[1].hoursPerWeek',
    mutate: (a) => a.measures!.push(measure({ type: 'lokalanpassning' })),
  },
  {
    name: 'eligible measure with zero hours and zero cost',
    code: 'measures.resources.missing',
    field: 'measures[0].hoursPerWeek',
    mutate: (a) => (a.measures![0] = { ...a.measures![0], hoursPerWeek: 0, cost: 0 }),
  },
  { name: 'eligible measure not described', code: 'measures.description.missing', field: 'measures[0].description', mutate: (a) => (a.measures![0].description = '') },
  {
    name: 'measure hours above attendance',
    code: 'measures.hoursExceedAttendance',
    field: 'measures',
    mutate: (a) => a.measures!.push(measure({ type: 'annan_extraordinar', hoursPerWeek: 15 })),
  },
  // effect, attachments, signature
  { name: 'no expected effect', code: 'effect.description.missing', field: 'effect.description', mutate: (a) => delete a.effect },
  {
    name: 'no åtgärdsprogram in grundskola',
    code: 'attachments.atgardsprogram.missing',
    field: 'attachments.atgardsprogram',
    mutate: (a) => (a.attachments = a.attachments!.filter((x) => x.kind !== 'atgardsprogram')),
  },
  {
    name: 'no åtgärdsprogram in förskoleklass',
    code: 'attachments.atgardsprogram.missing',
    field: 'attachments.atgardsprogram',
    mutate: (a) => {
      pupil(a).schoolForm = 'forskoleklass';
      a.attachments = a.attachments!.filter((x) => x.kind !== 'atgardsprogram');
    },
  },
  {
    name: 'no supporting document',
    code: 'attachments.supporting.missing',
    field: 'attachments.supporting',
    mutate: (a) => (a.attachments = [{ id: 'a1', kind: 'atgardsprogram', name: 'ap.pdf' }, { id: 'a2', kind: 'annat', name: 'x.pdf' }]),
  },
  { name: 'förskola without supporting document', code: 'attachments.supporting.missing', field: 'attachments.supporting', preschool: true, mutate: (a) => (a.attachments = []) },
  { name: 'attachment without kind', code: 'attachments.kind.missing', field: 'attachments[1].kind', mutate: (a) => delete a.attachments![1].kind },
  { name: 'not signed', code: 'signature.missing', field: 'signature.confirmed', mutate: (a) => (a.signature = { confirmed: false }) },
];

const warned: FailCase[] = [
  { name: 'late application', code: 'term.late', field: 'term', context: { today: new Date('2027-04-16T06:00:00Z') } },
  {
    name: 'ordinary measure beside an eligible one',
    code: 'measure.ordinary',
    field: 'measures[1].type',
    mutate: (a) => a.measures!.push(measure({ type: 'sarskild_undervisningsgrupp', hoursPerWeek: 5 })),
  },
];

const passing: Case[] = [
  { name: 'the grundskola fixture' },
  { name: 'the förskola fixture: no åtgärdsprogram needed', preschool: true },
  { name: 'application on the deadline day, 23:59 local', context: { today: new Date('2027-04-15T21:59:00Z') } },
  { name: 'personnummer without dash', mutate: (a) => (pupil(a).personnummer = '201503122382') },
  { name: 'samordningsnummer', mutate: (a) => (pupil(a).personnummer = withCheck('20150372238')) },
  { name: 'protected identity without name or personnummer', mutate: protectedPupil },
  { name: 'municipality written in lower case', mutate: (a) => (pupil(a).registeredMunicipality = '  NORA ') },
  { name: 'municipality without "kommun"', mutate: (a) => (pupil(a).registeredMunicipality = 'Nora') },
  { name: 'no unit restriction given', context: { unit: undefined }, mutate: (a) => (pupil(a).schoolForm = 'anpassad_grundskola') },
  { name: 'attendance of exactly 60 hours', mutate: (a) => (a.placement!.attendanceHoursPerWeek = 60) },
  { name: 'measure hours equal to attendance', mutate: (a) => (a.measures![0].hoursPerWeek = 30) },
  {
    name: 'ordinary hours do not count against attendance',
    mutate: (a) => a.measures!.push(measure({ type: 'specialpedagog', hoursPerWeek: 20 })),
    warnings: ['measure.ordinary'],
  },
  { name: 'an eligible measure with only a cost', mutate: (a) => a.measures!.push(measure({ type: 'lokalanpassning', cost: 45000 })) },
  {
    name: 'a diagnosis named together with the situations',
    mutate: (a) =>
      (a.need!.description =
        'Eleven har ADHD. På lektionerna klarar hon inte att arbeta själv mer än några minuter och behöver en vuxen vid övergångar och på rasterna.'),
  },
  {
    name: 'fritidshem needs no åtgärdsprogram',
    context: { unit: undefined },
    mutate: (a) => {
      pupil(a).schoolForm = 'fritidshem';
      a.attachments = a.attachments!.filter((x) => x.kind !== 'atgardsprogram');
    },
  },
  {
    name: 'förskola never needs an åtgärdsprogram, even if the profile lists it',
    preschool: true,
    context: { profile: { ...noraProfile, atgardsprogramRequiredFor: ['forskola', 'grundskola'] } },
  },
  { name: 'a follow-up list that is empty', context: { outstandingFollowUps: [] } },
];

describe('reviewApplication: each rule fails', () => {
  for (const c of failing) {
    test(`${c.code}: ${c.name}`, () => {
      const result = run(c);
      assert.equal(result.ready, false);
      const hit = result.problems.find((p) => p.code === c.code);
      assert.ok(hit, `expected ${c.code}, got ${result.problems.map((p) => p.code).join(', ')}`);
      assert.equal(hit.field, c.field);
    });
  }
});

describe('reviewApplication: warnings do not block', () => {
  for (const c of warned) {
    test(`${c.code}: ${c.name}`, () => {
      const result = run(c);
      assert.deepEqual(result.problems, []);
      assert.equal(result.ready, true);
      const hit = result.warnings.find((p) => p.code === c.code);
      assert.ok(hit, `expected warning ${c.code}`);
      assert.equal(hit.field, c.field);
    });
  }
  test('the late warning names the deadline in Swedish', () => {
    const result = run(warned[0]);
    assert.equal(
      result.warnings[0].message,
      'Sista ansökningsdag för höstterminen 2027 var 15 april 2027. Ansökan tas emot men markeras som sen.',
    );
    const vt = run({ name: 'vt', mutate: (a) => (a.term = 'VT2028'), context: { today: new Date('2027-10-20T08:00:00Z') } });
    assert.match(vt.warnings[0].message, /vårterminen 2028 var 15 oktober 2027/);
  });
});

describe('reviewApplication: the rules let valid variants through', () => {
  for (const c of passing) {
    test(c.name, () => {
      const result = run(c);
      assert.deepEqual(result.problems, []);
      assert.deepEqual(result.warnings.map((w) => w.code), c.warnings ?? []);
      assert.equal(result.ready, true);
    });
  }
});

describe('the incomplete-application grounds', () => {
  test('an empty draft fails on need, measures and much else', () => {
    const result = reviewApplication({}, reviewContext());
    const codes = new Set(result.problems.map((p) => p.code));
    for (const code of ['need.missing', 'measures.missing', 'term.missing', 'unit.missing', 'signature.missing']) {
      assert.ok(codes.has(code), code);
    }
    for (const area of noraProfile.assessment.areas) assert.ok(codes.has(`assessment.${area.id}.missing`));
    // No rating at all: the missing-area problems say it, not a premature "nothing extraordinary".
    assert.ok(!codes.has('assessment.noExtraordinary'));
  });
  test('messages name the details that help', () => {
    const other = run(failing.find((c) => c.code === 'pupil.registeredMunicipality.other')!);
    assert.match(other.problems[0].message, /Lindesbergs kommun/);
    assert.match(other.problems[0].message, /hemkommunen/);
    const followUp = run(failing.find((c) => c.code === 'followUp.missing')!);
    assert.match(followUp.problems[0].message, /TB-2026-0042/);
    assert.match(followUp.problems[0].message, /höstterminen 2026/);
    const onlyOrdinary = run(failing.find((c) => c.code === 'measures.onlyOrdinary')!);
    assert.match(onlyOrdinary.problems[0].message, /grundbeloppet/);
    const area = run(failing.find((c) => c.code === 'assessment.safety.missing')!);
    assert.match(area.problems[0].message, /Säkerhet och tillsyn/);
  });
  test('problems come in dialog order', () => {
    const result = reviewApplication({ signature: { confirmed: false } }, reviewContext());
    assert.equal(result.problems[0].field, 'term');
    assert.equal(result.problems.at(-1)?.code, 'signature.missing');
  });
});

describe('rule codes and messages', () => {
  const allFindings = [...failing, ...warned].flatMap((c) => {
    const r = run(c);
    return [...r.problems, ...r.warnings];
  });

  test('every message is non-empty, friendly Swedish', () => {
    assert.ok(allFindings.length > failing.length);
    for (const { code, message } of allFindings) {
      assert.ok(message.length >= 15, code);
      assert.match(message, /^[A-ZÅÄÖ]/, `${code} starts with a capital`);
      assert.match(message, /[.!]$/, `${code} ends a sentence`);
      assert.doesNotMatch(message, /undefined|NaN|\[object/, code);
      assert.doesNotMatch(message, /\b(the|please|missing)\b/i, `${code} is not English`);
    }
    assert.ok(allFindings.every((f) => /[åäö]/i.test(f.message) || f.message.split(' ').length > 3));
  });

  test('every emitted code is documented in RULE_CODES', () => {
    for (const { code } of allFindings) assert.ok(ruleCodeKey(code) in RULE_CODES, code);
  });

  test('every documented code has a failing case', () => {
    const exercised = new Set([...failing, ...warned].map((c) => ruleCodeKey(c.code)));
    for (const code of Object.keys(RULE_CODES)) assert.ok(exercised.has(code), `no case for ${code}`);
  });

  test('warnings are exactly the warning codes', () => {
    for (const c of warned) assert.ok(WARNING_CODES.has(c.code as never));
    for (const c of failing) assert.ok(!WARNING_CODES.has(ruleCodeKey(c.code) as never), c.code);
  });

  test('codes are stable', () => {
    assert.deepEqual(Object.keys(RULE_CODES), [
      'followUp.missing',
      'term.missing',
      'term.invalid',
      'term.past',
      'term.late',
      'unit.missing',
      'pupil.protectedIdentity.identifying',
      'pupil.personnummer.missing',
      'pupil.personnummer.format',
      'pupil.personnummer.date',
      'pupil.personnummer.checksum',
      'pupil.personnummer.future',
      'pupil.firstName.missing',
      'pupil.lastName.missing',
      'pupil.registeredMunicipality.missing',
      'pupil.registeredMunicipality.other',
      'pupil.schoolForm.missing',
      'pupil.schoolForm.notOffered',
      'placement.group.missing',
      'placement.attendanceHoursPerWeek.missing',
      'placement.attendanceHoursPerWeek.implausible',
      'need.missing',
      'need.description.diagnosisOnly',
      'need.criteria.missing',
      'need.documentedBy.competence.missing',
      'need.documentedBy.name.missing',
      'mapping.cognitive.missing',
      'mapping.social.missing',
      'mapping.needs.missing',
      'mapping.prognosis.missing',
      'assessment.<areaId>.missing',
      'assessment.<areaId>.invalid',
      'assessment.noExtraordinary',
      'measures.missing',
      'measures.onlyOrdinary',
      'measure.ordinary',
      'measures.resources.missing',
      'measures.description.missing',
      'measures.hoursExceedAttendance',
      'effect.description.missing',
      'attachments.kind.missing',
      'attachments.atgardsprogram.missing',
      'attachments.supporting.missing',
      'signature.missing',
    ]);
    for (const description of Object.values(RULE_CODES)) assert.ok(description.length > 10);
  });
});

describe('helpers for the dialog', () => {
  test('ordinary and eligible measures', () => {
    assert.equal(isOrdinaryMeasure('specialpedagog'), true);
    assert.equal(isOrdinaryMeasure('extra_undervisning'), true);
    assert.equal(isOrdinaryMeasure('sarskild_undervisningsgrupp'), true);
    assert.equal(isOrdinaryMeasure('assistent'), false);
    assert.equal(isEligibleMeasure('lokalanpassning'), true);
    assert.equal(isEligibleMeasure('specialpedagog'), false);
  });
  test('ordinaryMeasureNotice explains the grundbelopp rule', () => {
    const notice = ordinaryMeasureNotice('extra_undervisning');
    assert.match(notice, /^Extra undervisning räknas som ordinärt stöd/);
    assert.match(notice, /grundbeloppet/);
    assert.match(notice, /extraordinär insats/);
  });
  test('ordinaryMeasureNotice asks for an extraordinary measure only while there is none', () => {
    assert.match(ordinaryMeasureNotice('specialpedagog', false), /behöver också en extraordinär insats/);
    const beside = ordinaryMeasureNotice('specialpedagog', true);
    assert.match(beside, /räknas inte in i beloppet/);
    assert.doesNotMatch(beside, /behöver också/);
  });
  test('stripProtectedIdentity removes name and personnummer only when protected', () => {
    const open = validApplication();
    assert.deepEqual(stripProtectedIdentity(open), open);
    const secret = validApplication();
    secret.pupil!.protectedIdentity = true;
    const stripped = stripProtectedIdentity(secret);
    assert.deepEqual(stripped.pupil, { protectedIdentity: true, registeredMunicipality: 'Nora kommun', schoolForm: 'grundskola', grade: '6' });
    assert.equal(secret.pupil!.firstName, 'Alva', 'the input is not mutated');
    assert.equal(reviewApplication(stripped, reviewContext()).ready, true);
  });
  test('reviewFields keeps one part of the application', () => {
    const draft = validApplication();
    draft.measures!.push(measure({ type: 'assistent' }));
    delete draft.pupil!.firstName;
    const part = reviewFields(draft, reviewContext(), 'measures[1]');
    assert.deepEqual(part.problems.map((p) => p.code), ['measures.resources.missing']);
    assert.equal(part.ready, false);
    assert.deepEqual(reviewFields(draft, reviewContext(), 'placement').problems, []);
    assert.deepEqual(reviewFields(draft, reviewContext(), 'pupil').problems.map((p) => p.field), ['pupil.firstName']);
  });
});
