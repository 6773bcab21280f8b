import type { StepViewModel, AssessmentSummary } from '../view-models';
import type { CardElement } from '../types';
import type { StepContent } from './frame';
import { container, factSet, subtle, text } from '../card';
import { choiceSet } from '../inputs';
import { formatHours } from '../format';

function summaryBlock(s: AssessmentSummary): CardElement {
  return container(
    [
      text('Resultat av bedömningen', { weight: 'bolder' }),
      factSet([
        { title: 'Stöd i dag', value: formatHours(s.hoursCurrent) },
        { title: 'Stöd i önskat läge', value: formatHours(s.hoursDesired) },
        { title: 'Föreslaget belopp', value: `${s.amountPerMonthText} per månad` },
      ]),
      text(s.explanation, { size: 'small' }),
    ],
    { style: 'emphasis' },
  );
}

// 8 areas x 2 drop-downs x 5 levels is the largest card of the dialog, so each area is kept
// to a title, a one-line hint and two compact drop-downs sharing one choice list.
export function assessmentStep(vm: StepViewModel): StepContent {
  const { levels, levelLabels, extraordinaryFromLevel, areas } = vm.profile.assessment;
  const choices = levels.map((level, i) => ({ title: `${level} · ${levelLabels[i] ?? ''}`, value: String(level) }));
  const extraordinaryLabel = levelLabels[levels.indexOf(extraordinaryFromLevel)] ?? String(extraordinaryFromLevel);
  const rating = vm.draft.assessment ?? {};

  const body: CardElement[] = [];
  if (vm.assessmentSummary) body.push(summaryBlock(vm.assessmentSummary));
  for (const area of areas) {
    const current = rating[area.id]?.current;
    const desired = rating[area.id]?.desired;
    body.push(
      container(
        [
          text(area.label, { weight: 'bolder', style: 'heading' }),
          subtle(area.hint, { spacing: 'none' }),
          ...choiceSet(
            {
              id: `assessment.${area.id}.current`,
              label: 'Nuläge',
              required: true,
              placeholder: 'Välj nivå',
              errorMessage: `Välj nivå för nuläget i ${area.label.toLowerCase()}.`,
              choices,
              value: current === undefined ? undefined : String(current),
            },
            vm.errors,
          ),
          ...choiceSet(
            {
              id: `assessment.${area.id}.desired`,
              label: 'Önskat läge med stödet',
              required: true,
              placeholder: 'Välj nivå',
              errorMessage: `Välj nivå för önskat läge i ${area.label.toLowerCase()}.`,
              choices,
              value: desired === undefined ? undefined : String(desired),
            },
            vm.errors,
          ),
        ],
        { separator: true },
      ),
    );
  }

  return {
    intro: `Bedöm barnets stödbehov område för område: hur det är i dag och vad ni vill nå med stödet. Först från nivå ${extraordinaryFromLevel} (”${extraordinaryLabel}”) räknas behovet mot tilläggsbelopp. Timmar och belopp räknas om när du trycker Nästa.`,
    body,
  };
}
