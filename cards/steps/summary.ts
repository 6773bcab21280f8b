import type { StepViewModel, SummarySection } from '../view-models';
import type { CardElement } from '../types';
import type { StepContent } from './frame';
import { actionSet, container, factSet, subtle, text } from '../card';
import { execute } from '../actions';
import { signatureToggle } from '../inputs';
import { clip } from '../clip';

function section(vm: StepViewModel, s: SummarySection): CardElement {
  return container(
    [
      text(s.title, { weight: 'bolder', style: 'heading' }),
      factSet(s.facts.map((f) => ({ title: f.title, value: clip(f.value) }))),
      actionSet([
        execute('Ändra', 'step.goto', { draftId: vm.draftId, step: s.step }, {
          associatedInputs: 'none',
          tooltip: `Ändra ${s.title.toLowerCase()}`,
        }),
      ]),
    ],
    { separator: true },
  );
}

export function summaryStep(vm: StepViewModel): StepContent {
  const sections = vm.summarySections ?? [];
  const body: CardElement[] = sections.length > 0 ? sections.map((s) => section(vm, s)) : [subtle('Det finns inga svar att visa än.')];
  // A drafter does not sign: the principal does, on the card the draft is sent to.
  if (vm.forSignature) {
    return {
      intro: 'Kontrollera svaren. Tryck Ändra för att rätta något. När allt stämmer skickar du ansökan till rektor, som skriver under och skickar in den.',
      body,
    };
  }
  body.push(
    container(
      signatureToggle(vm.draft.signature?.confirmed === true, vm.errors, 'ansökan'),
      { separator: true },
    ),
  );
  return {
    intro: 'Kontrollera svaren. Tryck Ändra för att rätta något. När allt stämmer skriver du under och skickar in.',
    body,
  };
}
