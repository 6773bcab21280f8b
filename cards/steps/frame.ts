// What every step card shares: where you are, what to do, what went wrong, how to move on.
import { APPLICATION_STEPS, STEP_TITLES } from '../../machines/application.steps';
import { draftLabel } from '../../domain/draft';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import type { StepViewModel } from '../view-models';
import { adaptiveCard, heading, notice, subtle, text } from '../card';
import { execute } from '../actions';
import { errorSummary } from '../error-summary';

// Tillbaka and Spara send what is typed, so nothing written on a half-filled step is lost. That
// is why step inputs are never isRequired: a client refuses to send a card while a required
// input is empty, which would block pausing. Nästa is checked on the server instead, and every
// missing answer comes back next to its field.
const NAVIGATION_INPUTS = 'auto' as const;

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
  // Once the child is named, every card says whose application it is: a principal with
  // several drafts must never fill in the wrong one.
  if (index > APPLICATION_STEPS.indexOf('pupil')) {
    const unit = vm.units.find((u) => u.id === vm.draft.unit?.id)?.name;
    body.push(subtle(`Ansökan för ${draftLabel(vm.draft, unit)}`, { spacing: 'none' }));
  }
  if (vm.notice) body.push(notice(vm.notice.text, vm.notice.style));
  body.push(...errorSummary(vm.errors, content.body));
  body.push(text(content.intro));
  body.push(...content.body);
  body.push(
    subtle(
      isSummary && vm.forSignature
        ? 'Ansökan går till rektor för underskrift. Elevhälsan får den först när rektor har skrivit under.'
        : isSummary
        ? 'Ansökan går till Elevhälsan först när du trycker Skicka in ansökan.'
        : 'Det du skriver sparas när du trycker Nästa, Tillbaka eller Spara. Du kan pausa och fortsätta senare med ”fortsätt”.',
      { separator: true },
    ),
  );

  const { draftId, step } = vm;
  const actions: CardAction[] = [
    isSummary && vm.forSignature
      ? execute('Skicka till rektor för underskrift', 'app.sendForSignature', { draftId }, { style: 'positive', associatedInputs: 'auto' })
      : isSummary
      ? execute('Skicka in ansökan', 'app.submit', { draftId }, { style: 'positive', associatedInputs: 'auto' })
      : execute('Nästa', 'step.next', { draftId, step }, { style: 'positive', associatedInputs: 'auto' }),
  ];
  if (index > 0) actions.push(execute('Tillbaka', 'step.back', { draftId, step }, { associatedInputs: NAVIGATION_INPUTS }));
  actions.push(execute('Spara och fortsätt senare', 'draft.save', { draftId, step }, { associatedInputs: NAVIGATION_INPUTS }));
  return adaptiveCard(body, actions);
}
