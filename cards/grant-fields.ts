// The fields a decision and a handler's proposal for decision share: outcome, amount, period,
// approved measures and reason. One builder, so the two forms ask alike and say the same when a
// value is wrong (the messages are in domain/wording.ts, which the server's parse uses too).
// Prefilled from the assessment and the term; the eligible measures are chosen from the start.
import { DECISION_OUTCOMES, ELIGIBLE_MEASURE_TYPES, type TMeasure } from '../domain/schemas';
import { DECISION_FIELD_ERRORS, DECISION_OUTCOME_CHOICES, MEASURE_TYPE_TITLES, formatHoursPerWeek, formatKronor } from '../domain/wording';
import type { CardElement } from './types';
import type { DecisionFormViewModel } from './case-view-models';
import { subtle } from './card';
import { choiceSet, dateInput, numberInput, textInput } from './inputs';
import { clip } from './clip';

// Who fills in the form: the head decides, a handler proposes. Only the labels differ.
export type GrantFieldsFor = 'decision' | 'proposal';

const LABELS: Record<GrantFieldsFor, { outcome: string; approvedMeasures: string }> = {
  decision: { outcome: 'Beslut', approvedMeasures: 'Beviljade insatser' },
  proposal: { outcome: 'Föreslaget beslut', approvedMeasures: 'Insatser som föreslås beviljas' },
};

const eligible: ReadonlySet<string> = new Set(ELIGIBLE_MEASURE_TYPES);

function measureChoice(m: TMeasure, i: number): { title: string; value: string } {
  const parts = [
    `${i + 1}. ${MEASURE_TYPE_TITLES[m.type]}`,
    m.hoursPerWeek === undefined ? '' : formatHoursPerWeek(m.hoursPerWeek),
    m.cost === undefined ? '' : formatKronor(m.cost),
    clip(m.description, 90),
  ];
  return { title: parts.filter(Boolean).join(' · '), value: m.id };
}

export type GrantFieldsViewModel = Pick<DecisionFormViewModel, 'values' | 'errors' | 'measures' | 'proposedAmountPerMonth' | 'termStart' | 'termEnd'>;

export function grantFields(vm: GrantFieldsViewModel, form: GrantFieldsFor): CardElement[] {
  const { errors } = vm;
  const v = vm.values ?? {};
  const label = LABELS[form];
  const fields: CardElement[] = [
    ...choiceSet(
      {
        id: 'decision.outcome',
        label: label.outcome,
        required: true,
        style: 'expanded',
        errorMessage: DECISION_FIELD_ERRORS['decision.outcome'],
        choices: DECISION_OUTCOMES.map((o) => ({ title: DECISION_OUTCOME_CHOICES[o], value: o })),
        value: v.outcome,
      },
      errors,
    ),
    ...numberInput(
      {
        id: 'decision.amountPerMonth',
        label: 'Belopp per månad (kr)',
        placeholder: 'Till exempel 18 000',
        errorMessage: DECISION_FIELD_ERRORS['decision.amountPerMonth'],
        value: v.amountPerMonth ?? vm.proposedAmountPerMonth,
      },
      errors,
    ),
    ...dateInput({ id: 'decision.from', label: 'Gäller från', errorMessage: DECISION_FIELD_ERRORS['decision.from'], value: v.from ?? vm.termStart }, errors),
    ...dateInput({ id: 'decision.to', label: 'Gäller till och med', errorMessage: DECISION_FIELD_ERRORS['decision.to'], value: v.to ?? vm.termEnd }, errors),
  ];
  if (vm.measures.length > 0) {
    fields.push(
      ...choiceSet(
        {
          id: 'decision.approvedMeasures',
          label: label.approvedMeasures,
          style: 'expanded',
          multiSelect: true,
          errorMessage: DECISION_FIELD_ERRORS['decision.approvedMeasures'],
          choices: vm.measures.map(measureChoice),
          value: v.approvedMeasures ?? vm.measures.filter((m) => eligible.has(m.type)).map((m) => m.id),
        },
        errors,
      ),
      subtle('Ordinära insatser ger inte tilläggsbelopp och är inte förvalda. Vid delvis bifall: kryssa bara i det som beviljas.', { spacing: 'none' }),
    );
  }
  fields.push(
    ...textInput(
      {
        id: 'decision.reason',
        label: 'Motivering',
        multiline: true,
        placeholder: 'Krävs vid delvis bifall och avslag: vad som inte beviljas och varför.',
        errorMessage: DECISION_FIELD_ERRORS['decision.reason'],
        value: v.reason,
      },
      errors,
    ),
  );
  return fields;
}
