import type { AdaptiveCard, CardElement } from './types';
import type { ReceiptViewModel } from './view-models';
import { adaptiveCard, bullets, factSet, heading, notice, subtle, text } from './card';
import { execute } from './actions';
import { formatHoursPerWeek } from '../domain/wording';

export function receiptCard(vm: ReceiptViewModel): AdaptiveCard {
  const body: CardElement[] = [
    heading('Ansökan är inskickad'),
    subtle('Ärendenummer', { spacing: 'medium' }),
    text(vm.caseNumber, { size: 'extraLarge', weight: 'bolder', spacing: 'none' }),
    factSet([
      { title: 'Barn', value: vm.pupilName },
      { title: 'Enhet', value: vm.unitName },
      { title: 'Termin', value: vm.termLabel },
      { title: 'Inskickad', value: vm.submittedText },
      { title: 'Bedömt stöd', value: formatHoursPerWeek(vm.hoursCurrent) },
      { title: 'Föreslaget belopp', value: `${vm.amountPerMonthText} per månad` },
    ]),
  ];
  if (vm.late) {
    body.push(
      notice(
        `Ansökan kom in efter sista ansökningsdagen (${vm.deadlineText}) och är därför markerad som sen. Den tas ändå emot och prövas.`,
        'warning',
      ),
    );
  }
  if (vm.nextSteps.length > 0) {
    body.push(text('Så går det vidare', { weight: 'bolder', spacing: 'medium' }), ...bullets(vm.nextSteps));
  }
  body.push(subtle('Spara ärendenumret. Du hittar ansökan under Mina ärenden.'));
  return adaptiveCard(body, [execute('Mina ärenden', 'cases.mine', {})]);
}
