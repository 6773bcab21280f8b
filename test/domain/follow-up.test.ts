import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { noraProfile } from '../../domain/profile';
import type { TMeasure } from '../../domain/schemas';
import {
  FOLLOW_UP_RULE_CODES,
  LARGE_HOURS_CHANGE,
  compareAssessments,
  followUpFlags,
  reviewFollowUp,
  type TFollowUpDraft,
} from '../../domain/follow-up';
import {
  followUpScheduleParagraph,
  followUpSlots,
  followUpsDue,
  grantTerms,
  overdueFollowUps,
  parseFollowUpSchedule,
  type FollowUpGrant,
} from '../../domain/follow-up-schedule';

const measures: TMeasure[] = [
  { id: 'm1', type: 'assistent', description: 'Elevassistent under lektioner och raster.', hoursPerWeek: 10 },
  { id: 'm2', type: 'lokalanpassning', description: 'Avskärmad arbetsplats.', cost: 5000 },
];
const ctx = { profile: noraProfile, measures };
const areas = noraProfile.assessment.areas.map((a) => a.id);

export function validFollowUp(): TFollowUpDraft {
  return {
    measures: {
      m1: { carriedOut: 'as_planned', hoursPerWeek: 10, effect: 'Färre konflikter på rasterna och fler avslutade uppgifter.' },
      m2: { carriedOut: 'partly', hoursPerWeek: 0, effect: 'Arbetsplatsen används på förmiddagarna.' },
    },
    assessment: Object.fromEntries(areas.map((id) => [id, { current: id === 'social' ? 3 : 1, desired: 1 }])),
    continuedNeed: { answer: 'yes', description: 'Behovet finns kvar i större grupper och vid övergångar.' },
    attachments: [],
    signature: { confirmed: true },
  };
}

type Mutate = (d: TFollowUpDraft) => void;
const failing: Array<{ name: string; code: keyof typeof FOLLOW_UP_RULE_CODES; field: string; mutate: Mutate }> = [
  { name: 'measure not answered', code: 'followUp.measure.carriedOut.missing', field: 'followUp.measures.m1.carriedOut', mutate: (d) => delete d.measures!.m1 },
  { name: 'carried out, no hours', code: 'followUp.measure.hoursPerWeek.missing', field: 'followUp.measures.m1.hoursPerWeek', mutate: (d) => delete d.measures!.m1!.hoursPerWeek },
  { name: 'partly, no hours', code: 'followUp.measure.hoursPerWeek.missing', field: 'followUp.measures.m2.hoursPerWeek', mutate: (d) => delete d.measures!.m2!.hoursPerWeek },
  { name: 'hours above 60', code: 'followUp.measure.hoursPerWeek.implausible', field: 'followUp.measures.m1.hoursPerWeek', mutate: (d) => (d.measures!.m1!.hoursPerWeek = 61) },
  { name: 'negative hours', code: 'followUp.measure.hoursPerWeek.implausible', field: 'followUp.measures.m1.hoursPerWeek', mutate: (d) => (d.measures!.m1!.hoursPerWeek = -1) },
  { name: 'no effect', code: 'followUp.measure.effect.missing', field: 'followUp.measures.m1.effect', mutate: (d) => (d.measures!.m1!.effect = '  ') },
  { name: 'area not re-rated', code: 'followUp.assessment.missing', field: 'assessment.social.current', mutate: (d) => delete d.assessment!.social },
  { name: 'desired level missing', code: 'followUp.assessment.missing', field: 'assessment.physical.desired', mutate: (d) => delete d.assessment!.physical!.desired },
  { name: 'level off the scale', code: 'followUp.assessment.invalid', field: 'assessment.social.current', mutate: (d) => (d.assessment!.social!.current = 9) },
  { name: 'continued need not answered', code: 'followUp.continuedNeed.missing', field: 'followUp.continuedNeed', mutate: (d) => delete d.continuedNeed!.answer },
  { name: 'continued need not described', code: 'followUp.comment.missing', field: 'followUp.comment', mutate: (d) => (d.continuedNeed!.description = '') },
  { name: 'file without kind', code: 'followUp.attachment.kind.missing', field: 'attachments[0].kind', mutate: (d) => (d.attachments = [{ id: 'a1', name: 'ap.pdf' }]) },
  { name: 'not signed', code: 'followUp.signature.missing', field: 'signature.confirmed', mutate: (d) => (d.signature = { confirmed: false }) },
];

describe('reviewFollowUp', () => {
  test('a complete follow-up is ready', () => {
    assert.deepEqual(reviewFollowUp(validFollowUp(), ctx), { ready: true, problems: [], warnings: [] });
  });
  for (const c of failing) {
    test(`${c.name}: ${c.code} on ${c.field}`, () => {
      const draft = validFollowUp();
      c.mutate(draft);
      const review = reviewFollowUp(draft, ctx);
      assert.equal(review.ready, false);
      const found = review.problems.filter((p) => p.code === c.code && p.field === c.field);
      assert.equal(found.length, 1, JSON.stringify(review.problems));
      assert.match(found[0]!.message, /[a-zåäö]/i);
      assert.doesNotMatch(found[0]!.message, /undefined|\[object/);
    });
  }
  test('every code of the table is exercised or is the warning', () => {
    const used = new Set(failing.map((c) => c.code));
    for (const code of Object.keys(FOLLOW_UP_RULE_CODES)) assert.ok(used.has(code as never) || code === 'followUp.hours.notCarriedOut', code);
  });
  test('a measure not carried out needs no hours, and hours given for it only warn', () => {
    const draft = validFollowUp();
    draft.measures!.m1 = { carriedOut: 'not', hoursPerWeek: 4, effect: 'Ingen assistent kunde anställas.' };
    const review = reviewFollowUp(draft, ctx);
    assert.equal(review.ready, true);
    assert.deepEqual(review.warnings.map((w) => w.code), ['followUp.hours.notCarriedOut']);
  });
  test('the description asked for follows the answer', () => {
    const draft = validFollowUp();
    draft.continuedNeed = { answer: 'no' };
    assert.match(reviewFollowUp(draft, ctx).problems.find((p) => p.code === 'followUp.comment.missing')!.message, /inte längre finns/);
    draft.continuedNeed = { answer: 'changed' };
    assert.match(reviewFollowUp(draft, ctx).problems.find((p) => p.code === 'followUp.comment.missing')!.message, /förändrats/);
  });
  test('an empty follow-up lists every measure, every area, the need and the signature', () => {
    const review = reviewFollowUp({}, ctx);
    assert.equal(review.problems.filter((p) => p.code === 'followUp.measure.carriedOut.missing').length, 2);
    assert.equal(review.problems.filter((p) => p.code === 'followUp.assessment.missing').length, areas.length * 2);
  });
});

describe('flags for Elevhälsan', () => {
  const table: Array<[string, Parameters<typeof followUpFlags>, string[]]> = [
    ['need continues, same hours', ['yes', 10, 10], []],
    ['need ended', ['no', 10, 10], ['noContinuedNeed']],
    ['need ended (stored as false)', [false, 10, 10], ['noContinuedNeed']],
    ['hours halved', ['changed', 20, 10], ['largeHoursChange']],
    ['small change', ['yes', 20, 18], []],
    [`exactly ${LARGE_HOURS_CHANGE.minHours} of 12 is large`, ['yes', 12, 15], ['largeHoursChange']],
    ['from nothing to 2 hours is small', ['yes', 0, 2], []],
    ['both', ['no', 20, 0], ['noContinuedNeed', 'largeHoursChange']],
  ];
  for (const [name, args, expected] of table) test(name, () => assert.deepEqual(followUpFlags(...args), expected));

  test('compareAssessments gives hours and amount before and after, and which areas changed', () => {
    const before = { social: { current: 3, desired: 1 } };
    const after = { social: { current: 2, desired: 1 } };
    const c = compareAssessments(before, after, noraProfile);
    assert.deepEqual([c.hoursBefore, c.hoursAfter], [6, 2]);
    assert.ok(c.amountBefore > c.amountAfter);
    assert.deepEqual(c.areas.filter((a) => a.changed).map((a) => [a.id, a.before, a.after]), [['social', 3, 2]]);
  });
});

const grant = (over: Partial<FollowUpGrant> = {}): FollowUpGrant => ({
  caseId: 'c1',
  caseNumber: 'TB-2027-0001',
  municipalityId: 'nora',
  principalId: 'p1',
  unitId: 'u1',
  pupilKey: 'pnr:20150312-2382',
  term: 'HT2027',
  from: '2027-08-16',
  to: '2027-12-22',
  schedule: { kind: 'every_term' },
  ...over,
});

describe('followUpsDue: the schedule a decision sets', () => {
  const slots: Array<[string, Partial<FollowUpGrant>, Array<[string, string]>]> = [
    ['every term, one term', {}, [['HT2027', '2027-11-30']]],
    ['every term, a school year', { from: '2027-08-16', to: '2028-06-10' }, [['HT2027', '2027-11-30'], ['VT2028', '2028-05-31']]],
    ['end of period, a school year', { from: '2027-08-16', to: '2028-06-10', schedule: { kind: 'end_of_period' } }, [['VT2028', '2028-05-31']]],
    ['a date', { from: '2027-08-16', to: '2028-06-10', schedule: { kind: 'date', date: '2028-02-15' } }, [['VT2028', '2028-02-15']]],
    ['no period: the case term', { from: null, to: null }, [['HT2027', '2027-11-30']]],
  ];
  for (const [name, over, expected] of slots) {
    test(name, () => assert.deepEqual(followUpSlots(grant(over), noraProfile).map((s) => [s.term, s.dueDate]), expected));
  }
  test('grantTerms covers every term the period touches', () => {
    assert.deepEqual(grantTerms(grant({ from: '2027-07-01', to: '2028-12-31' }), noraProfile), ['HT2027', 'VT2028', 'HT2028']);
  });

  const states: Array<[string, string, string | undefined]> = [
    ['before the term: nothing (upcoming hidden)', '2027-06-20', undefined],
    ['in the term: due', '2027-09-01', 'due'],
    ['on the due day: still due', '2027-11-30', 'due'],
    ['the day after: overdue', '2027-12-01', 'overdue'],
  ];
  for (const [name, today, state] of states) {
    test(name, () => {
      const due = followUpsDue({ grants: [grant()], filed: [], today, profile: noraProfile });
      assert.deepEqual(due.map((d) => d.state), state ? [state] : []);
    });
  }
  test('filed follow-ups are not due; days until due count down and go negative', () => {
    assert.deepEqual(followUpsDue({ grants: [grant()], filed: [{ caseId: 'c1', term: 'HT2027' }], today: '2027-12-10', profile: noraProfile }), []);
    const [d] = followUpsDue({ grants: [grant()], filed: [], today: '2027-12-10', profile: noraProfile });
    assert.equal(d!.daysUntilDue, -10);
    assert.equal(followUpsDue({ grants: [grant()], filed: [], today: '2027-11-16', profile: noraProfile })[0]!.daysUntilDue, 14);
  });
  test('an instant is read in the municipality time zone', () => {
    // 23:30 UTC on 30 November is 1 December in Sweden.
    assert.equal(followUpsDue({ grants: [grant()], filed: [], today: new Date('2027-11-30T23:30:00Z'), profile: noraProfile })[0]!.state, 'overdue');
  });
  test('narrowed by principal (or unit), child and municipality', () => {
    const grants = [grant(), grant({ caseId: 'c2', caseNumber: 'TB-2027-0002', principalId: 'p2', unitId: 'u2', pupilKey: 'case:c2' })];
    const q = { grants, filed: [], today: '2027-09-01', profile: noraProfile };
    assert.deepEqual(followUpsDue({ ...q, principalId: 'p1' }).map((d) => d.caseId), ['c1']);
    assert.deepEqual(followUpsDue({ ...q, principalId: 'p9', unitIds: ['u2'] }).map((d) => d.caseId), ['c2']);
    assert.deepEqual(followUpsDue({ ...q, pupilKey: 'case:c2' }).map((d) => d.caseId), ['c2']);
    assert.deepEqual(followUpsDue({ ...q, municipalityId: 'other' }), []);
    assert.deepEqual(followUpsDue({ ...q, includeUpcoming: true, today: '2027-06-01' }).map((d) => d.state), ['upcoming', 'upcoming']);
    assert.deepEqual(overdueFollowUps({ ...q, today: '2027-12-01' }).map((d) => d.caseNumber), ['TB-2027-0001', 'TB-2027-0002']);
  });
  test('a stored schedule that does not parse is the default', () => {
    assert.deepEqual(parseFollowUpSchedule({ kind: 'weekly' }), { kind: 'every_term' });
    assert.deepEqual(parseFollowUpSchedule({ kind: 'date', date: '2028-02-15' }), { kind: 'date', date: '2028-02-15' });
  });
  test('the letter says what was decided', () => {
    assert.match(followUpScheduleParagraph(grant(), noraProfile), /en gång per termin \(höstterminen 2027 senast 30 november 2027\)/);
    assert.match(followUpScheduleParagraph(grant({ to: '2028-06-10', schedule: { kind: 'end_of_period' } }), noraProfile), /en gång, i slutet av perioden \(vårterminen 2028 senast 31 maj 2028\)/);
    assert.match(followUpScheduleParagraph(grant({ schedule: { kind: 'date', date: '2027-10-01' } }), noraProfile), /senast 1 oktober 2027/);
  });
});
