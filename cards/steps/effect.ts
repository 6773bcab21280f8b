import type { StepViewModel } from '../view-models';
import type { StepContent } from './frame';
import { textInput } from '../inputs';

export function effectStep(vm: StepViewModel): StepContent {
  return {
    intro: 'Beskriv hur stödet ska hjälpa barnets utveckling eller resultat. Elevhälsan prövar ansökan utifrån det här.',
    body: textInput(
      {
        id: 'effect.description',
        label: 'Förväntad effekt av stödet',
        multiline: true,
        placeholder: 'Vad ska barnet klara med stödet som det inte klarar i dag, och hur följer ni upp det?',
        errorMessage: 'Beskriv hur stödet hjälper barnets utveckling eller resultat.',
        value: vm.draft.effect?.description,
      },
      vm.errors,
    ),
  };
}
