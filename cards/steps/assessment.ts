import type { StepViewModel } from '../view-models';
import type { CardElement } from '../types';
import type { StepContent } from './frame';
import { assessmentAreaInputs, assessmentSummaryBlock, extraordinaryLevelLabel } from '../assessment-inputs';
import { actionSet } from '../card';
import { execute } from '../actions';

export function assessmentStep(vm: StepViewModel): StepContent {
  const { extraordinaryFromLevel } = vm.profile.assessment;
  const body: CardElement[] = [];
  if (vm.assessmentSummary) body.push(assessmentSummaryBlock(vm.assessmentSummary));
  body.push(...assessmentAreaInputs(vm.profile, vm.draft.assessment ?? {}, vm.errors));
  body.push(
    actionSet([
      execute('Räkna ut timmar och belopp', 'step.recalculate', { draftId: vm.draftId, step: vm.step }, { associatedInputs: 'auto' }),
    ]),
  );

  return {
    intro: `Bedöm barnets stödbehov område för område: hur det är i dag och vad ni vill nå med stödet. Först från nivå ${extraordinaryFromLevel} (”${extraordinaryLevelLabel(vm.profile)}”) räknas behovet mot tilläggsbelopp. Tryck Räkna ut för att se timmar och belopp innan du går vidare.`,
    body,
  };
}
