// One wording: the same measure, criterion, hours and term read the same on the step where the
// principal enters them and in the summary they check before sending (issue 8: the measures
// step said 'Assistenthjälp … 11 tim/vecka', the summary 'Assistent … 11 timmar i veckan').
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { stepCard } from '../../cards/step-card';
import { noraProfile } from '../../domain/profile';
import type { Unit } from '../../domain/ports';
import type { TApplicationDraft } from '../../domain/schemas';
import { CRITERION_LABELS, DECISION_FIELD_ERRORS, MEASURE_TYPE_TITLES, formatHoursPerWeek, termTitle } from '../../domain/wording';
import type { ApplicationContext } from '../../machines/application.machine';
import type { ApplicationStep } from '../../machines/application.steps';
import { stepViewModel } from '../../app/views/step-view';
import { allText, input, inputIds } from '../cards/helpers';
import { decisionFormVm } from '../cards/case-fixtures';
import { decisionFormCard } from '../../cards/decision-form';
import { proposalFormCard } from '../../cards/proposal-form';
import { ZGrantInputs } from '../../app/case/grant-inputs';
import { fieldErrors } from '../../app/case/access';

const DRAFT_ID = '7b0e3c52-4a55-4c0e-9a53-0f3f4f3d1a10';
const unit: Unit = { id: 'u1', municipalityId: 'm1', name: 'Karlaskolan F–6', kind: 'kommunal', huvudman: 'Nora kommun', schoolForms: ['grundskola'] };
const draft: TApplicationDraft = {
  term: 'HT2027',
  unit: { id: unit.id },
  need: { criteria: ['autism', 'koncentration_struktur'] },
  measures: [
    { id: 'm1', type: 'assistent', description: 'Elevassistent under lektionerna', hoursPerWeek: 11, cost: 1000 },
    { id: 'm2', type: 'extra_undervisning', description: 'Lästräning', hoursPerWeek: 1 },
  ],
};

const render = (step: ApplicationStep): string => {
  const context: ApplicationContext = { draft, step, errors: {}, problems: [], warnings: [] };
  return allText(stepCard(stepViewModel(DRAFT_ID, context, step, { profile: noraProfile, units: [unit], now: new Date('2027-03-01T10:00:00Z'), newMeasureId: '7a1e9c52-3b4d-4f6a-8e2c-9d0b1a2c3e4f' })));
};

test('a measure and its hours read the same on the measures step and in the summary', () => {
  const measures = render('measures');
  const summary = render('summary');
  for (const m of draft.measures!) {
    const words = [MEASURE_TYPE_TITLES[m.type], formatHoursPerWeek(m.hoursPerWeek!)];
    for (const w of words) {
      assert.ok(measures.includes(w), `measures step: ${w}`);
      assert.ok(summary.includes(w), `summary: ${w}`);
    }
  }
  assert.ok(summary.includes('Assistenthjälp') && summary.includes('11 timmar i veckan') && summary.includes('1 timme i veckan'));
  for (const text of [measures, summary]) assert.doesNotMatch(text, /tim\/vecka|\bAssistent\b/);
});

test('a criterion reads the same where it is ticked and in the summary', () => {
  const need = render('need');
  const summary = render('summary');
  for (const c of draft.need!.criteria!) {
    assert.ok(need.includes(CRITERION_LABELS[c]), `need step: ${c}`);
    assert.ok(summary.includes(CRITERION_LABELS[c]), `summary: ${c}`);
  }
});

test('the term reads the same in the list to choose from and in the summary', () => {
  assert.ok(render('unitTerm').includes(termTitle('HT2027')));
  assert.ok(render('summary').includes(`Termin\n${termTitle('HT2027')}`));
});

// The decision form and the handler's proposal form share their fields (cards/grant-fields.ts): a
// field said "Välj första dagen." on one and "Välj första dagen som beslutet gäller." on the other.
test('a decision field says the same on both forms and when the server refuses what was sent', () => {
  const decision = decisionFormCard(decisionFormVm({ unitKind: 'fristaende' }));
  const proposal = proposalFormCard(decisionFormVm());
  const shared = inputIds(proposal);
  assert.deepEqual(shared, ['decision.outcome', 'decision.amountPerMonth', 'decision.from', 'decision.to', 'decision.approvedMeasures', 'decision.reason']);
  for (const id of inputIds(decision)) {
    const message = DECISION_FIELD_ERRORS[id as keyof typeof DECISION_FIELD_ERRORS];
    assert.ok(message, `${id} has its message in domain/wording.ts`);
    assert.equal(input(decision, id)?.errorMessage, message, `decision form: ${id}`);
    if (shared.includes(id)) assert.equal(input(proposal, id)?.errorMessage, message, `proposal form: ${id}`);
  }
  const refused = ZGrantInputs.safeParse({ 'decision.outcome': 'kanske', 'decision.amountPerMonth': 'tusen', 'decision.from': '1 augusti', 'decision.to': '31/12' });
  assert.ok(!refused.success);
  const errors = fieldErrors(refused.error);
  assert.deepEqual(Object.keys(errors).sort(), ['decision.amountPerMonth', 'decision.from', 'decision.outcome', 'decision.to']);
  for (const [id, message] of Object.entries(errors)) assert.equal(message, input(proposal, id)?.errorMessage, `server: ${id}`);
});
