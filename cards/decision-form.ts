// The head of Elevhälsan decides. The proposal (amount from the assessment, the term as the
// period, the eligible measures) is filled in, so an approval is a matter of checking and
// pressing the button; the bot checks the combination (a reason for partly approved and
// rejected, an amount and period when granting) and brings the form back with the errors.
import { DECISION_OUTCOMES, ELIGIBLE_MEASURE_TYPES, type TMeasure } from '../domain/schemas';
import type { AdaptiveCard, CardElement } from './types';
import type { DecisionFormViewModel } from './case-view-models';
import { adaptiveCard, container, factSet, heading, subtle, text } from './card';
import { execute } from './actions';
import { choiceSet, dateInput, numberInput, textInput, toggle } from './inputs';
import { errorSummary } from './error-summary';
import { caseFacts, lateMarker, unitText } from './case-common';
import { clip } from './clip';
import { proposalBlock } from './proposal-form';
import { DECISION_OUTCOME_CHOICES, FOLLOW_UP_SCHEDULE_CHOICES, MEASURE_TYPE_TITLES, formatHoursPerWeek, formatKronor } from '../domain/wording';

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

export function decisionFormCard(vm: DecisionFormViewModel): AdaptiveCard {
  const { caseId, errors } = vm;
  const v = vm.values ?? {};
  const approvedMeasures = v.approvedMeasures ?? vm.measures.filter((m) => eligible.has(m.type)).map((m) => m.id);

  const fields: CardElement[] = [
    ...choiceSet(
      {
        id: 'decision.outcome',
        label: 'Beslut',
        required: true,
        style: 'expanded',
        errorMessage: 'Välj om ansökan beviljas, beviljas delvis eller avslås.',
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
        errorMessage: 'Skriv beloppet per månad i hela kronor, 0 eller mer.',
        value: v.amountPerMonth ?? vm.proposedAmountPerMonth,
      },
      errors,
    ),
    ...dateInput({ id: 'decision.from', label: 'Gäller från', errorMessage: 'Välj första dagen som beslutet gäller.', value: v.from ?? vm.termStart }, errors),
    ...dateInput({ id: 'decision.to', label: 'Gäller till och med', errorMessage: 'Välj sista dagen som beslutet gäller.', value: v.to ?? vm.termEnd }, errors),
  ];
  if (vm.measures.length > 0) {
    fields.push(
      ...choiceSet(
        {
          id: 'decision.approvedMeasures',
          label: 'Beviljade insatser',
          style: 'expanded',
          multiSelect: true,
          errorMessage: 'Välj de insatser som beviljas.',
          choices: vm.measures.map(measureChoice),
          value: approvedMeasures,
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
        errorMessage: 'Skriv en motivering. Den krävs när ansökan beviljas delvis eller avslås.',
        value: v.reason,
      },
      errors,
    ),
  );
  // "En gång per termin ... om inget annat anges i beslutet": the default is preselected.
  fields.push(
    ...choiceSet(
      {
        id: 'decision.followUpSchedule',
        label: 'Uppföljning (gäller när ansökan beviljas)',
        style: 'expanded',
        errorMessage: 'Välj hur rektorn ska följa upp.',
        choices: (['every_term', 'end_of_period', 'date'] as const).map((k) => ({ title: FOLLOW_UP_SCHEDULE_CHOICES[k], value: k })),
        value: v.followUpSchedule ?? 'every_term',
      },
      errors,
    ),
    ...dateInput({ id: 'decision.followUpDate', label: 'Datum för uppföljningen (bara vid Ett visst datum)', errorMessage: 'Välj datumet då uppföljningen ska vara inne.', value: v.followUpDate }, errors),
  );
  // The ground applies to independent units only (Skollagen 10 kap. 39 §); municipal units get
  // their resources through the municipality's own allocation.
  if (vm.unitKind === 'fristaende') {
    fields.push(
      ...toggle(
        {
          id: 'decision.significantDifficulties',
          label: 'Särskilt skäl',
          title: 'Betydande organisatoriska eller ekonomiska svårigheter',
          errorMessage: 'Kryssa bara i om det är skälet till beslutet.',
          value: v.significantDifficulties === true,
        },
        errors,
      ),
    );
  }

  const body: CardElement[] = [
    heading('Fatta beslut'),
    factSet(caseFacts({ ...vm, unitName: unitText(vm.unitName, vm.unitKind) })),
  ];
  if (vm.late) body.push(lateMarker());
  if (vm.proposal) body.push(proposalBlock(vm.proposal));
  body.push(
    container(
      [
        text('Förslag från bedömningen', { weight: 'bolder' }),
        factSet([
          { title: 'Bedömt stöd', value: formatHoursPerWeek(vm.proposedHoursPerWeek) },
          { title: 'Föreslaget belopp', value: `${formatKronor(vm.proposedAmountPerMonth)} per månad` },
        ]),
      ],
      { style: 'emphasis' },
    ),
    ...errorSummary(errors, fields),
    text('Förslaget är ifyllt. Ändra det som ska vara annorlunda och tryck Fatta beslut.'),
    ...fields,
    subtle(
      vm.unitKind === 'fristaende'
        ? 'Beslutet skickas till rektorns chatt, med information om hur det överklagas.'
        : 'Beslutet skickas till rektorns chatt.',
      { separator: true },
    ),
  );
  return adaptiveCard(body, [
    execute('Fatta beslut', 'case.decision.send', { caseId }, { style: 'positive', associatedInputs: 'auto' }),
    execute('Avbryt', 'case.view', { caseId }, { associatedInputs: 'none' }),
  ]);
}
