// Everything a turn on a case needs from the database, read once: the case, its unit, the
// latest version, assessment and decision, and the people involved. Also the shape the case
// machine asks for: the stored case (StoredCase).
import type {
  ApplicationVersionRecord,
  AssessmentRecord,
  CaseRecord,
  CompletionRequestRecord,
  DecisionRecord,
  FollowUpRecord,
  Municipality,
  Person,
  Repositories,
  Unit,
} from '../../domain/ports';
import type { TApplication } from '../../domain/schemas';
import type { StoredCase } from '../../machines/case.machine';

export interface CaseBundle {
  kase: CaseRecord;
  // Its profile is the version the case is assessed and decided under (recorded when it was
  // submitted), not the municipality's current one: a later change of the hourly rate never
  // changes this case's amounts.
  municipality: Municipality;
  profileVersionId: string | null;
  unit: Unit;
  versions: ApplicationVersionRecord[];
  latest: ApplicationVersionRecord;
  application: TApplication;
  assessments: AssessmentRecord[];
  // Elevhälsan's latest rating if any, else the principal's.
  assessment: AssessmentRecord | undefined;
  decision: DecisionRecord | undefined;
  completions: CompletionRequestRecord[];
  // Filed follow-ups, oldest first.
  followUps: FollowUpRecord[];
  handler: Person | null;
}

export async function loadCase(repos: Repositories, caseId: string): Promise<CaseBundle | null> {
  const kase = await repos.cases.get(caseId);
  if (!kase) return null;
  const [current, profileVersion, unit, versions, assessments, decisions, completions, handler, followUps] = await Promise.all([
    repos.municipalities.get(kase.municipalityId),
    repos.profileVersions.forCase(caseId),
    repos.units.get(kase.unitId),
    repos.cases.versions(caseId),
    repos.cases.assessments(caseId),
    repos.decisions.forCase(caseId),
    repos.completions.forCase(caseId),
    kase.assignedHandlerId ? repos.people.get(kase.assignedHandlerId) : Promise.resolve(null),
    repos.followUps.forCase(caseId),
  ]);
  const latest = versions.reduce<ApplicationVersionRecord | undefined>((a, b) => (!a || b.version > a.version ? b : a), undefined);
  if (!current || !unit || !latest) return null;
  const municipality = profileVersion ? { ...current, profile: profileVersion.profile } : current;
  return {
    kase,
    municipality,
    profileVersionId: profileVersion?.id ?? null,
    unit,
    versions,
    latest,
    application: latest.data as TApplication,
    assessments,
    assessment: assessments.at(-1),
    decision: decisions[0],
    completions,
    followUps,
    handler,
  };
}

export function storedCase(bundle: CaseBundle): StoredCase {
  const { kase, decision } = bundle;
  return {
    municipalityId: kase.municipalityId,
    principalId: kase.principalId,
    unitId: kase.unitId,
    status: kase.status,
    assignedHandlerId: kase.assignedHandlerId,
    decision: decision
      ? {
          outcome: decision.outcome,
          unitKind: bundle.unit.kind,
          deliveryStatus: decision.deliveryStatus,
          decidedById: decision.decidedById,
          notifiedAt: decision.notifiedAt,
          appealDeadline: decision.appealDeadline,
        }
      : null,
    profile: bundle.municipality.profile,
  };
}
