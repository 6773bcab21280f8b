// Komplettering from the principal's side: "Komplettera ansökan" opens a draft of the submitted
// application at the step Elevhälsan named; submitting it adds a new, immutable version to the
// same case (the first is kept beside it) and sends the case back to Elevhälsan.
import { createActor } from 'xstate';
import { messageCard, type AdaptiveCard } from '../cards';
import { computeAssessment } from '../domain/assessment';
import { mayPerform } from '../domain/case-roles';
import { draftLabel } from '../domain/draft';
import { ConflictError, type SnapshotRecord } from '../domain/ports';
import type { TApplicationDraft } from '../domain/schemas';
import { applyCaseEvent } from '../machines/case.machine';
import { createApplicationMachine } from '../machines/application.machine';
import { APPLICATION_STEPS, type ApplicationStep } from '../machines/application.steps';
import { APPLICATION_MACHINE, applicationEnv, openDraft, renderState, type DialogDeps } from './application-turn';
import { caseActor, loadCase, storedCase } from './case-context';
import type { Toast } from './case-dialog';
import type { Actor } from './identity';
import { QUEUES } from './jobs';
import { signedApplication } from './submit';

export async function openCompletionDraft(deps: DialogDeps, actor: Actor, caseId: string): Promise<AdaptiveCard | Toast> {
  const bundle = await loadCase(deps.repos, caseId);
  if (!bundle || bundle.kase.municipalityId !== actor.municipality.id) return { toast: 'Ärendet hittades inte.' };
  const permission = mayPerform('case.resubmit', caseActor(actor), bundle.kase);
  if (!permission.ok) return { toast: permission.message };
  const existing = (await deps.repos.snapshots.listOpenForCase(caseId, APPLICATION_MACHINE)).find((s) => s.personId === actor.person.id);
  if (existing) return openDraft(deps, actor, existing.id);
  if (bundle.kase.status !== 'completion_requested') {
    return messageCard({
      title: 'Ingen komplettering väntar',
      text: `Elevhälsan har inte bett om någon komplettering av ${bundle.kase.caseNumber} just nu. Du ser ärendets status under Mina ärenden.`,
      actions: [{ title: 'Mina ärenden', verb: 'cases.mine', data: {} }],
    });
  }
  const request = await deps.repos.completions.open(caseId);
  const step = APPLICATION_STEPS.find((s) => s === request?.step) ?? 'summary';
  // The principal signs again: a completed application is a new statement.
  const { signature: _signature, ...rest } = bundle.application;
  const draft: TApplicationDraft = rest;
  const now = deps.now();
  const machine = createApplicationMachine(applicationEnv(actor, () => now));
  const running = createActor(machine, { input: { draft } }).start();
  running.send({ type: 'step.goto', step: step as ApplicationStep });
  const { id } = await deps.repos.snapshots.create({
    machine: APPLICATION_MACHINE,
    personId: actor.person.id,
    caseId,
    label: `${draftLabel(draft)} (komplettering ${bundle.kase.caseNumber})`,
    snapshot: running.getPersistedSnapshot(),
  });
  return renderState(id, running.getSnapshot(), actor, now);
}

// A completion draft is submitted: a new version of its case, not a new case.
export async function resubmitDraft(
  deps: DialogDeps,
  actor: Actor,
  record: SnapshotRecord & { caseId: string },
  persisted: unknown,
  draft: TApplicationDraft,
  now: Date,
): Promise<AdaptiveCard> {
  const bundle = await loadCase(deps.repos, record.caseId);
  if (!bundle) throw new Error(`case ${record.caseId} of draft ${record.id} is gone`);
  const moved = applyCaseEvent(storedCase(bundle), { type: 'case.resubmit', by: caseActor(actor) });
  if (!moved.ok) return messageCard({ title: 'Kompletteringen kan inte skickas in', text: moved.message });
  const application = signedApplication(draft, actor, now);
  const result = computeAssessment(application.assessment, actor.municipality.profile, application.placement.attendanceHoursPerWeek);
  const version = await deps.repos.transaction(async (tx) => {
    // The draft's version check first: a second click finds it submitted and adds nothing.
    await tx.snapshots.save(record.id, record.version, { snapshot: persisted, status: 'submitted' });
    const added = await tx.cases.addVersion(record.caseId, application, actor.person.id, { status: moved.status });
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
