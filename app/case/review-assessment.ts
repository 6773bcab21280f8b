// "Justera bedömningen": Elevhälsan's own rating of the need, level by level; hours and the
// proposed amount follow from the municipality's profile. Each save is a new assessment.
import { assessmentReviewCard } from '../../cards';
import { computeAssessment } from '../../domain/assessment';
import { mergeDraft } from '../../domain/draft';
import { formatHoursPerWeek, formatKronor } from '../../domain/wording';
import type { TAssessment } from '../../domain/schemas';
import { termTitle } from '../../domain/terms';
import { caseActor, type Actor } from '../actor';
import { parseDraftInputs } from '../card-input';
import type { AppDeps, Reply, TurnPlace } from '../deps';
import { privately, refreshChannelCard, withCase } from './access';
import type { CaseBundle } from './context';
import { transition } from './status';

function assessmentCard(bundle: CaseBundle, ratings: TAssessment, errors: Record<string, string> = {}, notice?: string) {
  const profile = bundle.municipality.profile;
  const result = computeAssessment(ratings, profile, bundle.application.placement.attendanceHoursPerWeek);
  return assessmentReviewCard({
    caseId: bundle.kase.id,
    caseNumber: bundle.kase.caseNumber,
    unitName: bundle.unit.name,
    termLabel: termTitle(bundle.kase.term),
    profile,
    assessment: ratings,
    principalAssessment: bundle.application.assessment,
    summary: {
      hoursCurrent: result.hoursCurrent,
      hoursDesired: result.hoursDesired,
      amountPerMonthText: formatKronor(result.amountPerMonth),
      explanation: result.explanation,
    },
    errors,
    ...(notice ? { notice: { text: notice, style: 'good' as const } } : {}),
  });
}

export async function reviewAssessment(deps: AppDeps, actor: Actor, caseId: string, inputs: Record<string, unknown>): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.review', async (bundle) => {
    const profile = bundle.municipality.profile;
    const { values, inputErrors } = parseDraftInputs(inputs, profile);
    // Level by level: a card that sends only the changed levels keeps the others.
    const base = bundle.assessment?.ratings ?? bundle.application.assessment;
    const ratings: TAssessment = mergeDraft({ assessment: base }, { assessment: values.assessment }).assessment ?? base;
    const errors: Record<string, string> = { ...inputErrors };
    for (const area of profile.assessment.areas) {
      for (const part of ['current', 'desired'] as const) {
        if (ratings[area.id]?.[part] === undefined) errors[`assessment.${area.id}.${part}`] ??= 'Välj en nivå.';
      }
    }
    if (Object.keys(errors).length > 0) return assessmentCard(bundle, ratings, errors);
    const moved = await transition(deps.repos, bundle, { type: 'case.review', by: caseActor(actor) });
    if ('toast' in moved) return moved;
    const result = computeAssessment(ratings, profile, bundle.application.placement.attendanceHoursPerWeek);
    await deps.repos.cases.addAssessment(caseId, {
      kind: 'review',
      createdById: actor.person.id,
      applicationVersionId: bundle.latest.id,
      ratings,
      hoursCurrent: result.hoursCurrent,
      hoursDesired: result.hoursDesired,
      amountPerMonth: result.amountPerMonth,
    });
    await deps.repos.audit.append({ municipalityId: bundle.kase.municipalityId, actorId: actor.person.id, action: 'case.reviewed', subjectType: 'case', subjectId: caseId, details: { hoursCurrent: result.hoursCurrent } });
    await refreshChannelCard(deps, caseId);
    return assessmentCard(bundle, ratings, {}, `Bedömningen är sparad: ${formatHoursPerWeek(result.hoursCurrent)}, ${formatKronor(result.amountPerMonth)} per månad.`);
  });
}

export function openAssessmentForm(deps: AppDeps, actor: Actor, caseId: string, place: TurnPlace): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.review', async (bundle) =>
    privately(deps, actor, place, assessmentCard(bundle, bundle.assessment?.ratings ?? bundle.application.assessment)),
  );
}
