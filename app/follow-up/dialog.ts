// The follow-up's use cases: "uppföljning" lists what is due, a button opens one (a new draft or
// the open one), and every card verb on the draft is one event to the follow-up machine, with the
// card's inputs parsed first. Only the principal of the case, or a principal of its unit, files.
import { followUpListCard, messageCard, type AdaptiveCard } from '../../cards';
import { followUpsDue } from '../../domain/follow-up-schedule';
import type { TAttachmentKind } from '../../domain/schemas';
import { ZAttachmentKind } from '../../domain/schemas';
import { formatSwedishDate, termTitle } from '../../domain/wording';
import type { FollowUpEvent } from '../../machines/follow-up.machine';
import type { FollowUpStep } from '../../machines/follow-up.steps';
import type { Actor } from '../actor';
import type { AppDeps, Reply } from '../deps';
import { startDraft } from '../draft-runner';
import { loadCase, type CaseBundle } from '../case/context';
import { dueForPrincipal, grantOf } from './grants';
import { FOLLOW_UP_MACHINE, approvedMeasures, followUpLabel, followUpMachineOf, followUpReceipt, mayFileFollowUp, renderFollowUp, runFollowUpTurn } from './flow';
import { parseFollowUpInputs } from './inputs';

type Inputs = Record<string, unknown>;

async function openDraftFor(deps: AppDeps, actor: Actor, caseId: string, term: string): Promise<string | undefined> {
  const open = await deps.repos.snapshots.listOpenForCase(caseId, FOLLOW_UP_MACHINE);
  for (const s of open) {
    if (s.personId !== actor.person.id) continue;
    const record = await deps.repos.snapshots.load(s.id);
    if ((record?.snapshot as { context?: { term?: string } } | null)?.context?.term === term) return s.id;
  }
  return undefined;
}

export async function listFollowUps(deps: AppDeps, actor: Actor): Promise<AdaptiveCard> {
  const profile = actor.municipality.profile;
  const all = await dueForPrincipal(
    deps.repos,
    { municipalityId: actor.municipality.id, personId: actor.person.id, unitIds: actor.person.ledUnitIds, profile },
    deps.clock.now(),
    true,
  );
  const units = new Map(actor.units.map((u) => [u.id, u.name]));
  const cases = new Map((await Promise.all([...new Set(all.map((d) => d.caseId))].map((id) => deps.repos.cases.get(id)))).flatMap((c) => (c ? [[c.id, c]] : [])));
  const open = all.filter((d) => d.state !== 'upcoming');
  const items = await Promise.all(
    open.map(async (d) => {
      const draftId = await openDraftFor(deps, actor, d.caseId, d.term);
      return {
        caseId: d.caseId,
        caseNumber: d.caseNumber,
        term: d.term,
        termLabel: termTitle(d.term),
        pupilLabel: cases.get(d.caseId)?.pupilRef ?? '',
        unitName: units.get(d.unitId) ?? 'Enhet du inte längre leder',
        dueText: formatSwedishDate(d.dueDate),
        overdue: d.state === 'overdue',
        ...(draftId ? { draftId } : {}),
      };
    }),
  );
  return followUpListCard({
    items,
    upcoming: all
      .filter((d) => d.state === 'upcoming')
      .map((d) => ({ caseNumber: d.caseNumber, termLabel: termTitle(d.term), pupilLabel: cases.get(d.caseId)?.pupilRef ?? '', dueText: formatSwedishDate(d.dueDate) })),
  });
}

// "Lämna uppföljning" for a case and term: the open draft if there is one, else a new one. Only a
// follow-up the decision asks for, whose term has begun, not yet filed.
export async function startFollowUp(deps: AppDeps, actor: Actor, caseId: string, term: string): Promise<Reply> {
  const bundle = await loadCase(deps.repos, caseId);
  if (!bundle || !mayFileFollowUp(actor, bundle)) return { toast: 'Ärendet finns inte, eller så är du inte rektor för det.' };
  if (await deps.repos.followUps.get(caseId, term)) return followUpReceipt(deps, actor, caseId, term);
  const existing = await openDraftFor(deps, actor, caseId, term);
  if (existing) return runFollowUpTurn(deps, actor, existing, () => null);
  const grant = await grantOf(deps.repos, bundle.kase);
  const now = deps.clock.now();
  const due = grant ? followUpsDue({ grants: [grant], filed: [], today: now, profile: bundle.municipality.profile, includeUpcoming: true }).find((d) => d.term === term) : undefined;
  if (!due) return messageCard({ title: 'Ingen uppföljning att lämna', text: `Beslutet i ${bundle.kase.caseNumber} begär ingen uppföljning för ${termTitle(term).toLowerCase()}.` });
  if (due.state === 'upcoming') {
    return messageCard({
      title: 'Inte än',
      text: `Uppföljningen för ${termTitle(term).toLowerCase()} kan lämnas från ${formatSwedishDate(due.opensOn)}, senast ${formatSwedishDate(due.dueDate)}.`,
    });
  }
  const { id, snapshot } = await startDraft(
    deps.repos,
    { name: FOLLOW_UP_MACHINE, ...followUpMachineOf(bundle, now) },
    { personId: actor.person.id, caseId, label: () => followUpLabel(bundle, term), created: { municipalityId: actor.municipality.id, details: { machine: FOLLOW_UP_MACHINE, caseId, term } } },
    { caseId, term },
  );
  return renderFollowUp(id, snapshot, bundle);
}

export const openFollowUp = (deps: AppDeps, actor: Actor, draftId: string) => runFollowUpTurn(deps, actor, draftId, () => null);

// The card's inputs, read against the case's approved measures and the profile's areas.
const parsed = (bundle: CaseBundle, inputs: Inputs) => parseFollowUpInputs(inputs, approvedMeasures(bundle), bundle.municipality.profile);

export async function answerFollowUpStep(
  deps: AppDeps,
  actor: Actor,
  type: 'step.next' | 'step.back' | 'draft.save',
  draftId: string,
  step: FollowUpStep,
  inputs: Inputs,
): Promise<Reply> {
  const before = type === 'draft.save' ? await deps.repos.snapshots.load(draftId) : null;
  const reply = await runFollowUpTurn(deps, actor, draftId, (_, bundle) => ({ type, step, ...parsed(bundle, inputs) }));
  if (type !== 'draft.save') return reply;
  // Only a save that reached the open draft from its current card may say "sparat".
  const after = await deps.repos.snapshots.load(draftId);
  const stale = 'body' in reply && JSON.stringify(reply.body).includes('inte längre aktuellt');
  if (!before || !after || after.status !== 'open' || after.version === before.version || stale) return reply;
  return messageCard({
    title: 'Uppföljningen är sparad',
    text: 'Du kan fortsätta när du vill. Skriv ”uppföljning” eller tryck på knappen.',
    actions: [{ title: 'Fortsätt nu', verb: 'followup.open', data: { draftId } }],
  });
}

export async function submitFollowUp(deps: AppDeps, actor: Actor, draftId: string, inputs: Inputs): Promise<Reply> {
  return runFollowUpTurn(deps, actor, draftId, (_, bundle) => ({ type: 'followUp.submit', ...parsed(bundle, inputs) }));
}

export function followUpEvent(
  deps: AppDeps,
  actor: Actor,
  draftId: string,
  event: Extract<FollowUpEvent, { type: 'step.goto' | 'draft.discard' | 'draft.discard.confirm' | 'draft.discard.cancel' | 'attachment.remove' }>,
): Promise<Reply> {
  return runFollowUpTurn(deps, actor, draftId, () => event);
}

export async function setFollowUpAttachmentKind(deps: AppDeps, actor: Actor, draftId: string, attachmentId: string, inputs: Inputs): Promise<Reply> {
  const kind = ZAttachmentKind.safeParse(inputs['attachment.kind']);
  if (!kind.success) return runFollowUpTurn(deps, actor, draftId, () => null, 'Välj vilken sorts dokument filen är.');
  // Written only for the owner of the open draft, and only for a file of that draft.
  if (await ownsOpenFollowUp(deps, actor, draftId)) {
    const meta = await deps.repos.attachments.get(attachmentId);
    if (meta && meta.draftId === draftId) await deps.repos.attachments.setKind(meta.id, kind.data as TAttachmentKind);
  }
  return runFollowUpTurn(deps, actor, draftId, () => ({ type: 'attachment.kind', attachmentId, kind: kind.data }));
}

export async function removeFollowUpAttachment(deps: AppDeps, actor: Actor, draftId: string, attachmentId: string): Promise<Reply> {
  const owner = await ownsOpenFollowUp(deps, actor, draftId);
  const reply = await runFollowUpTurn(deps, actor, draftId, () => ({ type: 'attachment.remove', attachmentId }));
  if (owner) await deps.repos.attachments.removeFromDraft(attachmentId, draftId);
  return reply;
}

// Every write beside the machine's own goes through this first: the draft is this person's
// open follow-up (anyone else is told it does not exist by the turn).
async function ownsOpenFollowUp(deps: AppDeps, actor: Actor, draftId: string): Promise<boolean> {
  const record = await deps.repos.snapshots.load(draftId);
  return !!record && record.machine === FOLLOW_UP_MACHINE && record.personId === actor.person.id && record.status === 'open';
}

// Files sent in the chat while a follow-up is the principal's latest open draft.
export async function addFollowUpFiles(deps: AppDeps, actor: Actor, draftId: string, files: Array<{ name: string; contentType: string; bytes: Uint8Array }>): Promise<Reply | undefined> {
  let reply: Reply | undefined;
  for (const file of files) {
    const meta = await deps.repos.attachments.store({ draftId, uploadedById: actor.person.id, ...file });
    reply = await runFollowUpTurn(deps, actor, draftId, () => ({ type: 'attachment.added', attachment: { id: meta.id, name: meta.name } }));
  }
  return reply;
}

// The open follow-up draft to give files to: only when it was touched after every open
// application draft (the principal is looking at it).
export async function latestFollowUpDraftId(deps: AppDeps, actor: Actor): Promise<string | undefined> {
  const [followUp] = await deps.repos.snapshots.listOpen(actor.person.id, FOLLOW_UP_MACHINE);
  if (!followUp) return undefined;
  const [application] = await deps.repos.snapshots.listOpen(actor.person.id, 'application');
  return !application || followUp.updatedAt > application.updatedAt ? followUp.id : undefined;
}
