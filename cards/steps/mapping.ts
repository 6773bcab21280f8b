import type { StepViewModel } from '../view-models';
import type { StepContent } from './frame';
import { textInput } from '../inputs';

const FIELDS = [
  {
    key: 'cognitive',
    label: 'Kognitiv utveckling',
    placeholder: 'Hur barnet tar in, minns och använder kunskap.',
    errorMessage: 'Beskriv barnets kognitiva utveckling.',
  },
  {
    key: 'social',
    label: 'Social utveckling',
    placeholder: 'Hur barnet samspelar med andra barn och vuxna.',
    errorMessage: 'Beskriv barnets sociala utveckling.',
  },
  {
    key: 'needs',
    label: 'Behov',
    placeholder: 'Vad barnet behöver för att utvecklas och klara dagen.',
    errorMessage: 'Beskriv barnets behov enligt kartläggningen.',
  },
  {
    key: 'prognosis',
    label: 'Prognos',
    placeholder: 'Hur du bedömer att utvecklingen går framåt, med och utan stödet.',
    errorMessage: 'Skriv en prognos.',
  },
] as const;

export function mappingStep(vm: StepViewModel): StepContent {
  const mapping = vm.draft.mapping ?? {};
  return {
    intro: 'Sammanfatta den pedagogiska kartläggningen i fyra delar. Hela kartläggningen kan du bifoga som fil i steget Bilagor.',
    body: FIELDS.flatMap((f) =>
      textInput(
        {
          id: `mapping.${f.key}`,
          label: f.label,
          multiline: true,
          placeholder: f.placeholder,
          errorMessage: f.errorMessage,
          value: mapping[f.key],
        },
        vm.errors,
      ),
    ),
  };
}
