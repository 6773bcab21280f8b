import type { StepViewModel } from '../view-models';
import type { StepContent } from './frame';
import { numberInput, textInput } from '../inputs';

export function placementStep(vm: StepViewModel): StepContent {
  const placement = vm.draft.placement ?? {};
  return {
    intro: 'Berätta var barnet ska gå nästa termin och hur många timmar i veckan barnet är i verksamheten. Vistelsetiden påverkar hur mycket stöd som behövs.',
    body: [
      ...textInput(
        {
          id: 'placement.group',
          label: 'Grupp, klass eller arbetslag nästa termin',
          placeholder: 'Till exempel 3B eller avdelning Solen',
          errorMessage: 'Skriv vilken grupp, klass eller vilket arbetslag barnet ska gå i.',
          maxLength: 100,
          value: placement.group,
        },
        vm.errors,
      ),
      ...numberInput(
        {
          id: 'placement.attendanceHoursPerWeek',
          label: 'Vistelsetid, timmar per vecka',
          placeholder: 'Till exempel 30 eller 32,5',
          errorMessage: 'Skriv antal timmar per vecka, till exempel 32,5.',
          value: placement.attendanceHoursPerWeek,
        },
        vm.errors,
      ),
    ],
  };
}
