// The level drop-downs of the needs assessment and the result box above them, shared by the
// principal's step and the handler's review so both rate areas the same way.
import type { TMunicipalityProfile } from '../domain/profile';
import type { TAssessment } from '../domain/schemas';
import type { CardElement } from './types';
import type { AssessmentSummary } from './view-models';
import { container, factSet, subtle, text } from './card';
import { choiceSet, type Errors } from './inputs';
import { formatHoursPerWeek } from '../domain/wording';

export type AssessmentScale = Pick<TMunicipalityProfile, 'assessment'>;

export function assessmentSummaryBlock(s: AssessmentSummary): CardElement {
  return container(
    [
      text('Resultat av bedömningen', { weight: 'bolder' }),
      factSet([
        { title: 'Stöd i dag', value: formatHoursPerWeek(s.hoursCurrent) },
        { title: 'Stöd i önskat läge', value: formatHoursPerWeek(s.hoursDesired) },
        { title: 'Föreslaget belopp', value: `${s.amountPerMonthText} per månad` },
      ]),
      text(s.explanation, { size: 'small' }),
    ],
    { style: 'emphasis' },
  );
}

// The label of the level where tilläggsbelopp starts, for the intro texts.
export function extraordinaryLevelLabel(profile: AssessmentScale): string {
  const { levels, levelLabels, extraordinaryFromLevel } = profile.assessment;
  return levelLabels[levels.indexOf(extraordinaryFromLevel)] ?? String(extraordinaryFromLevel);
}

// 8 areas x 2 drop-downs x 5 levels is the largest card of the dialog, so each area is one
// row: its title and a one-line hint, then "Nuläge" and "Önskat läge" side by side as compact
// drop-downs sharing one choice list (they stack on a narrow phone). `extra` adds lines under an
// area's hint (the handler's review shows the principal's rating there).
export function assessmentAreaInputs(
  profile: AssessmentScale,
  rating: TAssessment,
  errors: Errors,
  extra: (areaId: string) => CardElement[] = () => [],
): CardElement[] {
  const { levels, levelLabels, areas } = profile.assessment;
  const choices = levels.map((level, i) => ({ title: `${level} · ${levelLabels[i] ?? ''}`, value: String(level) }));
  return areas.map((area) => {
    const current = rating[area.id]?.current;
    const desired = rating[area.id]?.desired;
    const column = (items: CardElement[]): CardElement => ({ type: 'Column', width: 'stretch', items });
    return container(
      [
        text(area.label, { weight: 'bolder', style: 'heading' }),
        subtle(area.hint, { spacing: 'none' }),
        ...extra(area.id),
        {
          type: 'ColumnSet',
          spacing: 'small',
          columns: [
            column(
              choiceSet(
                {
                  id: `assessment.${area.id}.current`,
                  label: 'Nuläge',
                  placeholder: 'Välj nivå',
                  errorMessage: `Välj nivå för nuläget i ${area.label.toLowerCase()}.`,
                  choices,
                  value: current === undefined ? undefined : String(current),
                },
                errors,
              ),
            ),
            column(
              choiceSet(
                {
                  id: `assessment.${area.id}.desired`,
                  label: 'Önskat läge',
                  placeholder: 'Välj nivå',
                  errorMessage: `Välj nivå för önskat läge i ${area.label.toLowerCase()}.`,
                  choices,
                  value: desired === undefined ? undefined : String(desired),
                },
                errors,
              ),
            ),
          ],
        },
      ],
      { separator: true },
    );
  });
}

// Whether any area has a level yet: before that there is no result to show, only how to get one.
export function hasAnyRating(rating: TAssessment | undefined): boolean {
  return Object.values(rating ?? {}).some((r) => r?.current !== undefined || r?.desired !== undefined);
}
