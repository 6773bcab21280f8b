// A completion draft is submitted: a new, immutable version of the same case (the first is kept
// beside it), and the case goes back to Elevhälsan.
import { messageCard, type AdaptiveCard } from '../../cards';
import { computeAssessment } from '../../domain/assessment';
import { ConflictError, type SnapshotRecord } from '../../domain/ports';
import type { TApplicationDraft } from '../../domain/schemas';
import { caseActor, type Actor } from '../actor';
import { loadCase } from '../case/context';
import { moveCase, writeCaseStatus } from '../case/status';
import type { AppDeps } from '../deps';
import { QUEUES } from '../jobs/queue';
import { signedApplication } from './submit';

// A completion draft is submitted: a new version of its case, not a new case.
export async function resubmitDraft(
  deps: AppDeps,
  actor: Actor,
  record: SnapshotRecord & { caseId: string },
  persisted: unknown,
  draft: TApplicationDraft,
  now: Date,
): Promise<AdaptiveCard> {
  const bundle = await loadCase(deps.repos, record.caseId);
  if (!bundle) throw new Error(`case ${record.caseId} of draft ${record.id} is gone`);
  const moved = moveCase(bundle, { type: 'case.resubmit', by: caseActor(actor) });
  if (!moved.ok) return messageCard({ title: 'Kompletteringen kan inte skickas in', text: moved.message });
  const application = signedApplication(draft, actor, now);
  // Under the profile version the case was submitted under (the bundle's), like every other
  // figure of this case: a rate changed since then does not reach a completed application.
  const result = computeAssessment(application.assessment, bundle.municipality.profile, application.placement.attendanceHoursPerWeek);
  const version = await deps.repos.transaction(async (tx) => {
    // The draft's version check first: a second click finds it submitted and adds nothing.
    await tx.snapshots.save(record.id, record.version, { snapshot: persisted, status: 'submitted' });
    const added = await tx.cases.addVersion(record.caseId, application, actor.person.id);
    await writeCaseStatus(tx, bundle, moved, actor.person.id);
    await tx.cases.addAssessment(record.caseId, {
      kind: 'application',
      createdById: actor.person.id,
      applicationVersionId: added.id,
      ratings: application.assessment,
      hoursCurrent: result.hoursCurrent,
      hoursDesired: result.hoursDesired,
      amountPerMonth: result.amountPerMonth,
    });
    await tx.completions.answer(record.caseId, added.version, now);
    await tx.attachments.moveToCase(record.id, record.caseId);
    return added;
  }).catch((error: unknown) => {
    if (error instanceof ConflictError) return null;
    throw error;
  });
  if (version) await deps.jobs?.enqueue(QUEUES.caseCard, { caseId: record.caseId });
  return completionReceipt(bundle.kase.caseNumber);
}

export function completionReceipt(caseNumber: string): AdaptiveCard {
  return messageCard({
    title: 'Kompletteringen är inskickad',
    text: `Tack! Elevhälsan ser nu den kompletterade ansökan i ärende ${caseNumber}, och vad du ändrade. Beslutet kommer hit till chatten.`,
    actions: [{ title: 'Mina ärenden', verb: 'cases.mine', data: {} }],
  });
}
