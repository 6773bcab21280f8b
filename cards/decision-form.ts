// The head of Elevhälsan decides. The proposal (amount from the assessment, the term as the
// period, the eligible measures) is filled in, so an approval is a matter of checking and
// pressing the button; the bot checks the combination (a reason for partly approved and
// rejected, an amount and period when granting) and brings the form back with the errors.
import type { AdaptiveCard, CardElement } from './types';
import type { DecisionFormViewModel } from './case-view-models';
import { adaptiveCard, container, factSet, heading, subtle, text } from './card';
import { execute } from './actions';
import { choiceSet, dateInput, toggle } from './inputs';
import { errorSummary } from './error-summary';
import { caseFacts, lateMarker, unitText } from './case-common';
import { grantFields } from './grant-fields';
import { proposalBlock } from './proposal-form';
import { DECISION_FIELD_ERRORS, FOLLOW_UP_SCHEDULE_CHOICES, formatHoursPerWeek, formatKronor } from '../domain/wording';

export function decisionFormCard(vm: DecisionFormViewModel): AdaptiveCard {
  const { caseId, errors } = vm;
  const v = vm.values ?? {};
  const fields: CardElement[] = grantFields(vm, 'decision');
  // "En gång per termin ... om inget annat anges i beslutet": the default is preselected.
  fields.push(
    ...choiceSet(
      {
        id: 'decision.followUpSchedule',
        label: 'Uppföljning (gäller när ansökan beviljas)',
        style: 'expanded',
        errorMessage: DECISION_FIELD_ERRORS['decision.followUpSchedule'],
        choices: (['every_term', 'end_of_period', 'date'] as const).map((k) => ({ title: FOLLOW_UP_SCHEDULE_CHOICES[k], value: k })),
        value: v.followUpSchedule ?? 'every_term',
      },
      errors,
    ),
    ...dateInput({ id: 'decision.followUpDate', label: 'Datum för uppföljningen (bara vid Ett visst datum)', errorMessage: DECISION_FIELD_ERRORS['decision.followUpDate'], value: v.followUpDate }, errors),
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
          errorMessage: DECISION_FIELD_ERRORS['decision.significantDifficulties'],
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
