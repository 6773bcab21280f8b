import { COMPETENCES, CRITERIA } from '../../domain/schemas';
import type { StepViewModel } from '../view-models';
import type { StepContent } from './frame';
import { choiceSet, textInput } from '../inputs';
import { COMPETENCE_LABELS, CRITERION_LABELS } from '../../domain/wording';

export function needStep(vm: StepViewModel): StepContent {
  const need = vm.draft.need ?? {};
  const { errors } = vm;
  return {
    intro: 'Beskriv behovet som det visar sig i verksamheten, inte diagnosen. Minst ett kriterium ska stämma, och behovet ska vara dokumenterat av någon med specialistkompetens.',
    body: [
      ...choiceSet(
        {
          id: 'need.criteria',
          label: 'Vilka kriterier stämmer? Välj minst ett.',
          multiSelect: true,
          style: 'expanded',
          errorMessage: 'Välj minst ett kriterium.',
          choices: CRITERIA.map((c) => ({ title: CRITERION_LABELS[c], value: c })),
          value: need.criteria,
        },
        errors,
      ),
      ...textInput(
        {
          id: 'need.description',
          label: 'Behovet i verksamheten',
          multiline: true,
          placeholder: 'Hur märks behovet under dagen? Till exempel i undervisningen, på raster, i samspel och vid övergångar. Skriv inte diagnosen.',
          errorMessage: 'Beskriv hur behovet visar sig i verksamheten.',
          value: need.description,
        },
        errors,
      ),
      ...choiceSet(
        {
          id: 'need.documentedBy.competence',
          label: 'Behovet är dokumenterat av någon med kompetens inom',
          placeholder: 'Välj kompetens',
          errorMessage: 'Välj vilken kompetens personen som dokumenterat behovet har.',
          choices: COMPETENCES.map((c) => ({ title: COMPETENCE_LABELS[c], value: c })),
          value: need.documentedBy?.competence,
        },
        errors,
      ),
      ...textInput(
        {
          id: 'need.documentedBy.name',
          label: 'Namn och titel på den som dokumenterat behovet',
          placeholder: 'Till exempel Anna Berg, specialpedagog',
          errorMessage: 'Skriv namn och titel på den som dokumenterat behovet.',
          maxLength: 200,
          value: need.documentedBy?.name,
        },
        errors,
      ),
    ],
  };
}
