import type { StepViewModel } from '../view-models';
import type { CardElement } from '../types';
import type { StepContent } from './frame';
import { assessmentAreaInputs, assessmentSummaryBlock, extraordinaryLevelLabel, hasAnyRating } from '../assessment-inputs';
import { actionSet, subtle } from '../card';
import { execute } from '../actions';

export function assessmentStep(vm: StepViewModel): StepContent {
  const { extraordinaryFromLevel } = vm.profile.assessment;
  const body: CardElement[] = [...assessmentAreaInputs(vm.profile, vm.draft.assessment ?? {}, vm.errors)];
  body.push(
    actionSet(
      [execute('Räkna ut timmar och belopp', 'step.recalculate', { draftId: vm.draftId, step: vm.step }, { associatedInputs: 'auto' })],
      { separator: true },
    ),
  );
  // The result sits right under the button that computes it; before any level is chosen there
  // is nothing to conclude, so the card says how to get a result instead of reading like one.
  if (vm.assessmentSummary && hasAnyRating(vm.draft.assessment)) body.push(assessmentSummaryBlock(vm.assessmentSummary));
  else body.push(subtle('Välj nivåer ovan och tryck Räkna ut timmar och belopp, så visas resultatet här.', { spacing: 'small' }));

  return {
    intro: `Bedöm barnets stödbehov område för område: hur det är i dag och vad ni vill nå med stödet. Först från nivå ${extraordinaryFromLevel} (”${extraordinaryLevelLabel(vm.profile)}”) räknas behovet mot tilläggsbelopp. Tryck Räkna ut timmar och belopp längst ned för att se resultatet innan du går vidare.`,
    body,
  };
}
