import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import {
  CASE_PERMISSION_CODES,
  DRAFT_PERMISSION_CODES,
  isSystemCaseAction,
  mayOnDraft,
  mayPerform,
  type DraftAction,
  type DraftParties,
  type CaseAction,
  type CaseActor,
  type CaseParties,
} from '../../domain/case-roles';
import type { Role } from '../../domain/ports';
import { CASE_ACTIONS } from '../../domain/vocabulary';

const kase: CaseParties = { municipalityId: 'nora', principalId: 'p-applicant', unitId: 'unit-a' };

const person = (personId: string, roles: Role[], ledUnitIds: string[] = [], municipalityId = 'nora', draftUnitIds: string[] = []): CaseActor => ({
  personId,
  municipalityId,
  roles,
  ledUnitIds,
  draftUnitIds,
});
const drafterOf = (personId: string, unitId: string, municipalityId = 'nora') => person(personId, ['drafter'], [], municipalityId, [unitId]);

const ELEVHALSAN_WORK: CaseAction[] = [
  'case.view',
  'case.assign',
  'case.review',
  'case.completion.request',
  'case.decision.resend',
  'case.propose',
  // The case has no handler yet, so any handler may hand it to a named colleague.
  'case.handover',
];

// Who may do what: every actor against every action. Anything not listed is refused.
const matrix: Array<{ name: string; actor: CaseActor; allowed: CaseAction[] }> = [
  { name: 'handler', actor: person('h1', ['handler']), allowed: ELEVHALSAN_WORK },
  { name: 'head of Elevhälsan', actor: person('c1', ['head']), allowed: [...ELEVHALSAN_WORK, 'case.decide', 'case.decision.end'] },
  { name: 'handler who is also head', actor: person('hc', ['handler', 'head']), allowed: [...ELEVHALSAN_WORK, 'case.decide', 'case.decision.end'] },
  { name: 'admin', actor: person('a1', ['admin']), allowed: ['case.view'] },
  {
    name: 'the principal who applied',
    actor: person('p-applicant', ['principal'], ['unit-a']),
    allowed: ['case.view', 'case.resubmit', 'case.withdraw'],
  },
  {
    name: 'a new principal of the unit',
    actor: person('p-new', ['principal'], ['unit-a']),
    allowed: ['case.view', 'case.resubmit', 'case.withdraw'],
  },
  {
    name: 'the applicant after leaving the unit (the case is still theirs)',
    actor: person('p-applicant', [], []),
    allowed: ['case.view', 'case.resubmit', 'case.withdraw'],
  },
  { name: 'principal of another unit', actor: person('p-other', ['principal'], ['unit-b']), allowed: [] },
  {
    name: 'someone leading the unit without a principal grant',
    actor: person('x1', ['handler'], ['unit-a']),
    allowed: ELEVHALSAN_WORK,
  },
  { name: 'a person without roles', actor: person('n1', []), allowed: [] },
  // A drafter fills in applications; the case is the principal's, so a drafter does nothing with it.
  { name: 'a drafter at the unit', actor: drafterOf('d1', 'unit-a'), allowed: [] },
  { name: 'a drafter at another unit', actor: drafterOf('d2', 'unit-b'), allowed: [] },
  {
    name: 'head of Elevhälsan, admin and principal at once, in another municipality',
    actor: person('p-applicant', ['head', 'handler', 'admin', 'principal'], ['unit-a'], 'lindesberg'),
    allowed: [],
  },
];

describe('mayPerform: the full matrix', () => {
  for (const { name, actor, allowed } of matrix) {
    for (const action of CASE_ACTIONS) {
      const expected = allowed.includes(action);
      test(`${name} ${expected ? 'may' : 'may not'} ${action}`, () => {
        const result = mayPerform(action, actor, kase);
        assert.equal(result.ok, expected);
        if (!result.ok) {
          assert.ok(result.code in CASE_PERMISSION_CODES, `unknown code ${result.code}`);
          assert.match(result.message, /^[A-ZÅÄÖ].*\.$/s, 'a Swedish sentence');
        }
      });
    }
  }
});

describe('mayPerform: the rules by name', () => {
  const cases: Array<{ name: string; action: CaseAction; actor: CaseActor; code: string | null }> = [
    { name: 'a principal cannot decide', action: 'case.decide', actor: person('p-applicant', ['principal'], ['unit-a']), code: 'case.decide.headOnly' },
    { name: 'a handler cannot decide', action: 'case.decide', actor: person('h1', ['handler']), code: 'case.decide.headOnly' },
    { name: 'a handler who is also head can decide', action: 'case.decide', actor: person('h1', ['handler', 'head']), code: null },
    { name: 'an admin cannot decide', action: 'case.decide', actor: person('a1', ['admin']), code: 'case.decide.headOnly' },
    { name: 'an admin cannot take a case', action: 'case.assign', actor: person('a1', ['admin']), code: 'case.assign.forbidden' },
    { name: 'an admin cannot adjust the assessment', action: 'case.review', actor: person('a1', ['admin']), code: 'case.review.forbidden' },
    {
      name: 'an admin cannot ask for completion',
      action: 'case.completion.request',
      actor: person('a1', ['admin']),
      code: 'case.completion.request.forbidden',
    },
    { name: 'an admin cannot resubmit', action: 'case.resubmit', actor: person('a1', ['admin']), code: 'case.resubmit.forbidden' },
    { name: 'a handler cannot resubmit for the principal', action: 'case.resubmit', actor: person('h1', ['handler']), code: 'case.resubmit.forbidden' },
    {
      name: 'a principal cannot ask for completion',
      action: 'case.completion.request',
      actor: person('p-applicant', ['principal'], ['unit-a']),
      code: 'case.completion.request.forbidden',
    },
    {
      name: 'a principal of another unit cannot view',
      action: 'case.view',
      actor: person('p-other', ['principal'], ['unit-b']),
      code: 'case.view.forbidden',
    },
    {
      name: "the head of another municipality cannot decide this municipality's case",
      action: 'case.decide',
      actor: person('c1', ['head'], [], 'lindesberg'),
      code: 'case.otherMunicipality',
    },
    {
      name: "another municipality's admin cannot even view",
      action: 'case.view',
      actor: person('a1', ['admin'], [], 'lindesberg'),
      code: 'case.otherMunicipality',
    },
    {
      name: 'the same person id in another municipality is another person',
      action: 'case.resubmit',
      actor: person('p-applicant', ['principal'], ['unit-a'], 'lindesberg'),
      code: 'case.otherMunicipality',
    },
    { name: 'nobody marks a decision delivered by hand, not even the head', action: 'case.notified', actor: person('c1', ['head', 'admin']), code: 'case.notified.systemOnly' },
  ];
  cases.push(
    { name: 'a principal cannot propose a decision', action: 'case.propose', actor: person('p-applicant', ['principal'], ['unit-a']), code: 'case.propose.forbidden' },
    { name: 'a handler cannot withdraw the application', action: 'case.withdraw', actor: person('h1', ['handler']), code: 'case.withdraw.forbidden' },
    { name: 'a principal of another unit cannot withdraw', action: 'case.withdraw', actor: person('p-other', ['principal'], ['unit-b']), code: 'case.withdraw.forbidden' },
    { name: 'an admin cannot hand a case over', action: 'case.handover', actor: person('a1', ['admin']), code: 'case.handover.forbidden' },
    { name: 'a drafter cannot decide', action: 'case.decide', actor: drafterOf('d1', 'unit-a'), code: 'case.decide.headOnly' },
    { name: 'a handler cannot end a decision early', action: 'case.decision.end', actor: person('h1', ['handler']), code: 'case.decision.end.headOnly' },
    { name: 'a principal cannot end a decision early', action: 'case.decision.end', actor: person('p-applicant', ['principal'], ['unit-a']), code: 'case.decision.end.headOnly' },
  );
  for (const { name, action, actor, code } of cases) {
    test(name, () => {
      const result = mayPerform(action, actor, kase);
      if (code === null) assert.deepEqual(result, { ok: true });
      else assert.equal(result.ok ? null : result.code, code);
    });
  }

  test("the other-municipality refusal says nothing about the case's content", () => {
    const result = mayPerform('case.view', person('c1', ['head'], [], 'lindesberg'), kase);
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.doesNotMatch(result.message, /unit-a|p-applicant|nora/i);
      assert.match(result.message, /annan kommun/);
    }
  });

  test("a handler is told who decides, politely", () => {
    const result = mayPerform('case.decide', person('h1', ['handler']), kase);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.message, /chefen för Elevhälsan/);
  });
});

describe('system actions', () => {
  test('only case.notified is a system action', () => {
    assert.deepEqual(
      CASE_ACTIONS.filter((a) => isSystemCaseAction(a)),
      ['case.notified'],
    );
  });

  test('no combination of roles lets a person perform a system action', () => {
    const everyRole: Role[] = ['principal', 'handler', 'head', 'admin'];
    const result = mayPerform('case.notified', person('p-applicant', everyRole, ['unit-a']), kase);
    assert.equal(result.ok, false);
  });
});

describe('handover: only the head, or the handler of the case', () => {
  const assigned: CaseParties = { ...kase, assignedHandlerId: 'h1' };
  const rows: Array<{ name: string; actor: CaseActor; ok: boolean }> = [
    { name: 'its own handler', actor: person('h1', ['handler']), ok: true },
    { name: 'another handler', actor: person('h2', ['handler']), ok: false },
    { name: 'the head', actor: person('c1', ['head']), ok: true },
    { name: 'the principal', actor: person('p-applicant', ['principal'], ['unit-a']), ok: false },
    { name: 'an admin', actor: person('a1', ['admin']), ok: false },
  ];
  for (const { name, actor, ok } of rows) {
    test(`${name} ${ok ? 'may' : 'may not'} hand over an assigned case`, () => {
      const result = mayPerform('case.handover', actor, assigned);
      assert.equal(result.ok, ok);
      if (!result.ok) assert.equal(result.code, 'case.handover.forbidden');
    });
  }
});

describe('mayOnDraft: drafts written by staff, signed by the principal', () => {
  const draft: DraftParties = { municipalityId: 'nora', ownerId: 'd1', unitId: 'unit-a' };
  const DRAFT_ACTIONS: DraftAction[] = ['draft.sendForSignature', 'draft.view', 'draft.sign', 'draft.return'];
  const rows: Array<{ name: string; actor: CaseActor; allowed: DraftAction[] }> = [
    { name: 'the drafter who wrote it', actor: drafterOf('d1', 'unit-a'), allowed: ['draft.sendForSignature', 'draft.view'] },
    { name: 'another drafter at the unit', actor: drafterOf('d3', 'unit-a'), allowed: [] },
    { name: 'a drafter at another unit', actor: drafterOf('d2', 'unit-b'), allowed: [] },
    { name: 'the principal of the unit', actor: person('p-applicant', ['principal'], ['unit-a']), allowed: ['draft.view', 'draft.sign', 'draft.return'] },
    { name: 'a principal of another unit', actor: person('p-other', ['principal'], ['unit-b']), allowed: [] },
    { name: 'a handler', actor: person('h1', ['handler']), allowed: [] },
    { name: 'the head', actor: person('c1', ['head']), allowed: [] },
    { name: 'an admin', actor: person('a1', ['admin']), allowed: [] },
    { name: 'the principal of the unit in another municipality', actor: person('p-applicant', ['principal'], ['unit-a'], 'lindesberg'), allowed: [] },
  ];
  for (const { name, actor, allowed } of rows) {
    for (const action of DRAFT_ACTIONS) {
      const expected = allowed.includes(action);
      test(`${name} ${expected ? 'may' : 'may not'} ${action}`, () => {
        const result = mayOnDraft(action, actor, draft);
        assert.equal(result.ok, expected);
        if (!result.ok) {
          assert.ok(result.code in DRAFT_PERMISSION_CODES, `unknown code ${result.code}`);
          assert.match(result.message, /^[A-ZÅÄÖ].*\.$/s, 'a Swedish sentence');
        }
      });
    }
  }

  test('a drafter who is also principal of the unit signs their own draft', () => {
    const both = person('d1', ['principal', 'drafter'], ['unit-a'], 'nora', ['unit-a']);
    assert.deepEqual(mayOnDraft('draft.sign', both, draft), { ok: true });
  });

  test('a draft with no unit yet cannot be sent or signed', () => {
    const noUnit: DraftParties = { ...draft, unitId: undefined };
    assert.equal(mayOnDraft('draft.sendForSignature', drafterOf('d1', 'unit-a'), noUnit).ok, false);
    assert.equal(mayOnDraft('draft.sign', person('p-applicant', ['principal'], ['unit-a']), noUnit).ok, false);
  });
});
