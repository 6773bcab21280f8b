// What every step card shares: where you are, what to do, what went wrong, how to move on.
import { APPLICATION_STEPS, STEP_TITLES } from '../../machines/application.steps';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import type { StepViewModel } from '../view-models';
import { adaptiveCard, heading, notice, subtle, text } from '../card';
import { execute } from '../actions';
import { errorSummary } from '../error-summary';

// Tillbaka and Spara send no inputs. A client refuses to send a card while an isRequired input
// is empty, so sending them would block going back or pausing on a half-filled step; the price
// is that what was typed on this step since the last Nästa is not kept (the card says so).
// Flip to 'auto' together with dropping isRequired (inputs.ts) to trade the other way.
const NAVIGATION_INPUTS = 'none' as const;

export type StepContent = {
  intro: string;
  body: CardElement[];
};

export function stepFrame(vm: StepViewModel, content: StepContent): AdaptiveCard {
  const index = APPLICATION_STEPS.indexOf(vm.step);
  const isSummary = vm.step === 'summary';
  const body: CardElement[] = [
    heading(`Steg ${index + 1} av ${APPLICATION_STEPS.length} · ${STEP_TITLES[vm.step]}`),
  ];
  if (vm.notice) body.push(notice(vm.notice.text, vm.notice.style));
  body.push(...errorSummary(vm.errors, content.body));
  body.push(text(content.intro));
  body.push(...content.body);
  body.push(
    subtle(
      isSummary
        ? 'Ansökan går till Elevhälsan först när du trycker Skicka in ansökan.'
        : 'Svaren på det här steget sparas när du trycker Nästa. Du kan pausa och fortsätta senare med ”fortsätt”.',
      { separator: true },
    ),
  );

  const { draftId, step } = vm;
  const actions: CardAction[] = [
    isSummary
      ? execute('Skicka in ansökan', 'app.submit', { draftId }, { style: 'positive', associatedInputs: 'auto' })
      : execute('Nästa', 'step.next', { draftId, step }, { style: 'positive', associatedInputs: 'auto' }),
  ];
  if (index > 0) actions.push(execute('Tillbaka', 'step.back', { draftId, step }, { associatedInputs: NAVIGATION_INPUTS }));
  actions.push(execute('Spara och fortsätt senare', 'draft.save', { draftId, step }, { associatedInputs: NAVIGATION_INPUTS }));
  return adaptiveCard(body, actions);
}
