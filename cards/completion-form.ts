// The handler asks the principal to complete the application: what is missing, and which part
// of the application the principal should be taken to.
import { caseFacts } from './case-common';
import { APPLICATION_STEPS, STEP_TITLES } from '../machines/application.steps';
import type { AdaptiveCard, CardElement } from './types';
import type { CompletionFormViewModel } from './case-view-models';
import { adaptiveCard, factSet, heading, subtle, text } from './card';
import { execute } from './actions';
import { choiceSet, dateInput, textInput } from './inputs';
import { errorSummary } from './error-summary';

export function completionFormCard(vm: CompletionFormViewModel): AdaptiveCard {
  const { caseId, errors } = vm;
  const values = vm.values ?? {};
  const fields: CardElement[] = [
    ...textInput(
      {
        id: 'completion.message',
        label: 'Vad behöver kompletteras?',
        required: true,
        multiline: true,
        placeholder: 'Till exempel: Bifoga åtgärdsprogrammet och beskriv hur assistenten används under rasterna.',
        errorMessage: 'Skriv vad rektorn behöver komplettera.',
        value: values.message,
      },
      errors,
    ),
    ...choiceSet(
      {
        id: 'completion.step',
        label: 'Vilken del av ansökan gäller det?',
        required: true,
        placeholder: 'Välj del',
        errorMessage: 'Välj den del av ansökan som rektorn ska öppna.',
        choices: APPLICATION_STEPS.map((step) => ({ title: STEP_TITLES[step], value: step })),
        value: values.step,
      },
      errors,
    ),
  ];
  if (vm.replyByDefault) {
    fields.push(
      ...dateInput(
        {
          id: 'completion.replyBy',
          label: 'Svara senast',
          errorMessage: 'Välj ett datum från i dag och framåt.',
          value: values.replyBy ?? vm.replyByDefault,
          ...(vm.today ? { min: vm.today } : {}),
        },
        errors,
      ),
      subtle('Efter svarsdatumet visas svaret som försenat, och chefen kan besluta utifrån inlämnat underlag.', { spacing: 'none' }),
    );
  }
  return adaptiveCard(
    [
      heading('Begär komplettering'),
      factSet(caseFacts(vm)),
      ...errorSummary(errors, fields),
      text('Rektorn får ditt meddelande i chatten och kommer direkt till den del du väljer. Skriv konkret vad som saknas.'),
      ...fields,
      subtle('Ärendet väntar tills rektorn har skickat in ansökan igen. Du får en ny version att granska.', { separator: true }),
    ],
    [
      execute('Skicka', 'case.completion.send', { caseId }, { style: 'positive', associatedInputs: 'auto' }),
      execute('Avbryt', 'case.view', { caseId }, { associatedInputs: 'none' }),
    ],
  );
}
