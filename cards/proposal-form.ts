// A handler's proposal for decision (förslag till beslut): the decision's own fields, prefilled
// from the assessment and the term, sent to the head of Elevhälsan, who decides.
import { formatHoursPerWeek, formatKronor } from '../domain/wording';
import type { AdaptiveCard, CardElement } from './types';
import type { EndDecisionFormViewModel, HandoverFormViewModel, ProposalFormViewModel, ProposalSummary, WithdrawFormViewModel } from './case-view-models';
import { adaptiveCard, container, factSet, heading, subtle, text } from './card';
import { execute } from './actions';
import { choiceSet, dateInput, textInput } from './inputs';
import { errorSummary } from './error-summary';
import { caseFacts, unitText } from './case-common';
import { grantFields } from './grant-fields';

export function proposalFormCard(vm: ProposalFormViewModel): AdaptiveCard {
  const { caseId, errors } = vm;
  const fields = grantFields(vm, 'proposal');
  const body: CardElement[] = [
    heading('Förslag till beslut'),
    factSet(caseFacts({ ...vm, unitName: unitText(vm.unitName, vm.unitKind) })),
    subtle(`Bedömt stöd: ${formatHoursPerWeek(vm.proposedHoursPerWeek)}, ${formatKronor(vm.proposedAmountPerMonth)} per månad.`),
    ...errorSummary(errors, fields),
    text('Skriv förslaget. Chefen för Elevhälsan får det och beslutar; beslutsformuläret öppnas ifyllt med ditt förslag.'),
    ...fields,
  ];
  return adaptiveCard(body, [
    execute('Skicka förslaget till chefen', 'case.proposal.send', { caseId }, { style: 'positive', associatedInputs: 'auto' }),
    execute('Avbryt', 'case.view', { caseId }, { associatedInputs: 'none' }),
  ]);
}

// Above the decision form's fields: what the handler proposed.
export function proposalBlock(p: ProposalSummary): CardElement {
  return container(
    [text(`Förslag till beslut från ${p.byName}, ${p.dateText}`, { weight: 'bolder' }), factSet(p.facts), subtle('Formuläret är ifyllt med förslaget. Det du ändrar visas som avvikelse från förslaget när du fattar beslut.', { spacing: 'small' })],
    { style: 'emphasis' },
  );
}

export function handoverFormCard(vm: HandoverFormViewModel): AdaptiveCard {
  const fields = choiceSet(
    {
      id: 'handover.to',
      label: 'Ny handläggare',
      required: true,
      errorMessage: 'Välj vem som ska handlägga ärendet.',
      choices: vm.handlers.map((h) => ({ title: h.name, value: h.id })),
    },
    vm.errors,
  );
  return adaptiveCard(
    [
      heading('Lämna över ärendet'),
      factSet([...caseFacts(vm), { title: 'Handläggare nu', value: vm.currentHandler ?? 'Ingen' }]),
      ...errorSummary(vm.errors, fields),
      ...fields,
    ],
    [
      execute('Lämna över', 'case.handover.send', { caseId: vm.caseId }, { style: 'positive', associatedInputs: 'auto' }),
      execute('Avbryt', 'case.view', { caseId: vm.caseId }, { associatedInputs: 'none' }),
    ],
  );
}

export function withdrawFormCard(vm: WithdrawFormViewModel): AdaptiveCard {
  const fields = textInput(
    {
      id: 'withdrawal.reason',
      label: 'Varför återkallas ansökan?',
      multiline: true,
      placeholder: 'Till exempel att eleven har bytt skola',
      errorMessage: 'Skriv varför ansökan återkallas.',
    },
    vm.errors,
  );
  return adaptiveCard(
    [
      heading('Återkalla ansökan'),
      factSet(caseFacts(vm)),
      text('När ansökan är återkallad prövar Elevhälsan den inte. Behövs stödet senare gör du en ny ansökan.'),
      ...errorSummary(vm.errors, fields),
      ...fields,
    ],
    [
      execute('Återkalla ansökan', 'case.withdraw.send', { caseId: vm.caseId }, { style: 'destructive', associatedInputs: 'auto' }),
      execute('Mina ärenden', 'cases.mine', {}, { associatedInputs: 'none' }),
    ],
  );
}

export function endDecisionFormCard(vm: EndDecisionFormViewModel): AdaptiveCard {
  const fields: CardElement[] = [
    ...dateInput({ id: 'decision.endFrom', label: 'Upphör från och med', errorMessage: 'Välj en dag inom beslutets period.', min: vm.from, max: vm.to }, vm.errors),
    ...textInput(
      { id: 'decision.endReason', label: 'Skäl', multiline: true, placeholder: 'Till exempel att barnet har bytt enhet', errorMessage: 'Skriv varför beslutet upphör.' },
      vm.errors,
    ),
  ];
  return adaptiveCard(
    [
      heading('Avsluta beslutet i förtid'),
      factSet(caseFacts(vm)),
      text('När barnet lämnar enheten upphör tilläggsbeloppet från den dag du väljer. Utbetalningen följer det datumet, och rektorn får besked i chatten.'),
      ...errorSummary(vm.errors, fields),
      ...fields,
    ],
    [
      execute('Avsluta beslutet', 'case.decision.end.send', { caseId: vm.caseId }, { style: 'destructive', associatedInputs: 'auto' }),
      execute('Avbryt', 'case.view', { caseId: vm.caseId }, { associatedInputs: 'none' }),
    ],
  );
}
