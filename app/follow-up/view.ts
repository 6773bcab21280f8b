// Elevhälsan opens a filed follow-up: in the person's own chat (it holds the child's details),
// with each measure's outcome and the re-rated assessment against the previous one. The channel
// only ever says that it came in, and flags what needs a look.
import { followUpViewCard } from '../../cards';
import { levelLabel } from '../../domain/assessment';
import { compareAssessments, followUpFlags, FOLLOW_UP_FLAG_TEXT, type TCarriedOut, type TContinuedNeed } from '../../domain/follow-up';
import type { FollowUpRecord } from '../../domain/ports';
import type { TAssessment } from '../../domain/schemas';
import { localDate } from '../../domain/terms';
import { CARRIED_OUT_LABELS, CONTINUED_NEED_LABELS, formatHoursPerWeek, formatKronor, formatSwedishDate, MEASURE_TYPE_LABELS, termTitle } from '../../domain/wording';
import type { Actor } from '../actor';
import type { AppDeps, Reply, TurnPlace } from '../deps';
import { privately, withCase } from '../case/access';
import type { CaseBundle } from '../case/context';
import { approvedMeasures } from './flow';

interface Details {
  measures?: Record<string, { carriedOut: TCarriedOut; hoursPerWeek?: number; effect: string }>;
  continuedNeed?: TContinuedNeed;
  attachments?: Array<{ name: string }>;
  hoursBefore?: number;
  hoursAfter?: number;
}

// The rating a follow-up is compared with: the follow-up before it, else the case's assessment.
function ratingsBefore(bundle: CaseBundle, followUp: FollowUpRecord): TAssessment | undefined {
  const index = bundle.followUps.findIndex((f) => f.id === followUp.id);
  return (index > 0 ? bundle.followUps[index - 1]!.ratings : undefined) ?? bundle.assessments.filter((a) => a.createdAt <= followUp.submittedAt).at(-1)?.ratings ?? bundle.application.assessment;
}

export function flagsOf(bundle: CaseBundle, followUp: FollowUpRecord) {
  const d = followUp.details as Details;
  const c = compareAssessments(ratingsBefore(bundle, followUp), followUp.ratings, bundle.municipality.profile, bundle.application.placement.attendanceHoursPerWeek);
  return followUpFlags(d.continuedNeed ?? followUp.continuedNeed, d.hoursBefore ?? c.hoursBefore, d.hoursAfter ?? c.hoursAfter);
}

export function viewFollowUp(deps: AppDeps, actor: Actor, caseId: string, term: string, place: TurnPlace): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.view', async (bundle) => {
    const followUp = bundle.followUps.find((f) => f.term === term);
    if (!followUp) return { toast: 'Ingen uppföljning för den terminen är inlämnad.' };
    const profile = bundle.municipality.profile;
    const d = followUp.details as Details;
    const c = compareAssessments(ratingsBefore(bundle, followUp), followUp.ratings, profile, bundle.application.placement.attendanceHoursPerWeek);
    const level = (l: number | undefined) => (l === undefined ? 'ej bedömt' : `${l} (${levelLabel(l, profile) ?? ''})`.replace(' ()', ''));
    const filer = await deps.repos.people.get(followUp.submittedById);
    const card = followUpViewCard({
      caseId,
      caseNumber: bundle.kase.caseNumber,
      termLabel: termTitle(term),
      pupilLabel: bundle.kase.pupilRef,
      filedText: formatSwedishDate(localDate(followUp.submittedAt, profile.timeZone)),
      filedBy: filer?.displayName ?? 'Rektor',
      flags: flagsOf(bundle, followUp).map((f) => FOLLOW_UP_FLAG_TEXT[f]),
      measures: approvedMeasures(bundle).map((m, i) => {
        const a = d.measures?.[m.id];
        return {
          title: `${i + 1}. ${MEASURE_TYPE_LABELS[m.type]}${m.hoursPerWeek !== undefined ? ` (planerat ${formatHoursPerWeek(m.hoursPerWeek)})` : ''}`,
          carriedOutText: a ? CARRIED_OUT_LABELS[a.carriedOut] : 'Inte besvarat',
          hoursText: a?.hoursPerWeek !== undefined ? formatHoursPerWeek(a.hoursPerWeek) : '–',
          effect: a?.effect ?? '',
        };
      }),
      figures: [
        { title: 'Bedömt stöd', value: `${formatHoursPerWeek(c.hoursBefore)} → ${formatHoursPerWeek(c.hoursAfter)}` },
        { title: 'Belopp enligt bedömningen', value: `${formatKronor(c.amountBefore)} → ${formatKronor(c.amountAfter)} per månad` },
      ],
      areas: c.areas.map((a) => ({ label: a.label, beforeText: level(a.before), afterText: level(a.after), changed: a.changed })),
      continuedNeedText: d.continuedNeed ? CONTINUED_NEED_LABELS[d.continuedNeed] : followUp.continuedNeed ? CONTINUED_NEED_LABELS.yes : CONTINUED_NEED_LABELS.no,
      comment: followUp.comment ?? '',
      attachments: (d.attachments ?? []).map((a) => a.name),
    });
    await deps.repos.audit.append({
      municipalityId: actor.municipality.id,
      actorId: actor.person.id,
      action: 'followup.viewed',
      subjectType: 'case',
      subjectId: caseId,
      details: { followUpId: followUp.id, term },
    });
    return privately(deps, actor, place, card);
  });
}
