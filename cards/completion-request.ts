// In the principal's chat: Elevhälsan needs more before the application can be decided.
import { caseFacts } from './case-common';
import { STEP_TITLES } from '../machines/application.steps';
import type { AdaptiveCard, CardElement } from './types';
import type { CompletionRequestViewModel } from './case-view-models';
import { adaptiveCard, container, factSet, heading, subtle, text } from './card';
import { execute } from './actions';

export function completionRequestCard(vm: CompletionRequestViewModel): AdaptiveCard {
  const from = vm.requestedBy ? `${vm.requestedBy}, Elevhälsan, ${vm.requestedText}` : `Elevhälsan, ${vm.requestedText}`;
  const body: CardElement[] = [
    heading('Elevhälsan behöver en komplettering', { color: 'warning' }),
    text('Ansökan kan inte prövas förrän den är kompletterad.'),
    factSet([...caseFacts(vm), { title: 'Gäller', value: STEP_TITLES[vm.step] }, ...(vm.replyByText ? [{ title: 'Svara senast', value: vm.replyByText }] : [])]),
    container([text('Meddelande från Elevhälsan', { weight: 'bolder' }), text(vm.message, { spacing: 'small' }), subtle(from, { spacing: 'small' })], {
      style: 'emphasis',
    }),
    text(`Tryck Komplettera ansökan så kommer du till delen ”${STEP_TITLES[vm.step]}”. Rätta där och skicka sedan in ansökan igen.`),
  ];
  return adaptiveCard(body, [
    execute('Komplettera ansökan', 'case.complete.open', { caseId: vm.caseId }, { style: 'positive' }),
    execute('Mina ärenden', 'cases.mine', {}),
  ]);
}
