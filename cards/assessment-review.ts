// The handler's own rating of the needs assessment. The same drop-downs as the principal's
// step; under each area the handler has changed, the principal's rating stays visible.
import { caseFacts } from './case-common';
import type { TAreaRating } from '../domain/schemas';
import type { AdaptiveCard, CardElement } from './types';
import type { AssessmentReviewViewModel } from './case-view-models';
import { adaptiveCard, factSet, heading, notice, subtle, text } from './card';
import { execute } from './actions';
import { assessmentAreaInputs, assessmentSummaryBlock, extraordinaryLevelLabel } from './assessment-inputs';
import { errorSummary } from './error-summary';

const level = (n: number | undefined) => (n === undefined ? '–' : String(n));

export function assessmentReviewCard(vm: AssessmentReviewViewModel): AdaptiveCard {
  const { caseId, profile } = vm;
  const principal = vm.principalAssessment;
  const differs = (a: TAreaRating | undefined, b: TAreaRating | undefined) => a?.current !== b?.current || a?.desired !== b?.desired;
  const principalLine = (areaId: string): CardElement[] =>
    principal && differs(principal[areaId], vm.assessment[areaId])
      ? [subtle(`Rektorns bedömning: nu ${level(principal[areaId]?.current)}, önskat ${level(principal[areaId]?.desired)}`, { spacing: 'none' })]
      : [];
  const areas = assessmentAreaInputs(profile, vm.assessment, vm.errors, principalLine);
  const { extraordinaryFromLevel } = profile.assessment;
  return adaptiveCard(
    [
      heading('Justera behovsbedömningen'),
      factSet(caseFacts(vm)),
      ...(vm.notice ? [notice(vm.notice.text, vm.notice.style)] : []),
      ...errorSummary(vm.errors, areas),
      assessmentSummaryBlock(vm.summary),
      text(
        `Ändra nivåerna där din bedömning skiljer sig från rektorns. Först från nivå ${extraordinaryFromLevel} (”${extraordinaryLevelLabel(profile)}”) räknas behovet mot tilläggsbelopp. Timmar och belopp räknas om när du sparar.`,
      ),
      ...areas,
      subtle('Tryck Tillbaka till ansökan för att gå tillbaka utan att spara.', { separator: true }),
    ],
    [
      execute('Spara bedömningen', 'case.assessment.send', { caseId }, { style: 'positive', associatedInputs: 'auto' }),
      execute('Tillbaka till ansökan', 'case.view', { caseId }, { associatedInputs: 'none' }),
    ],
  );
}
