// The principal's answer to a draft a drafter sent for signature: sign it (it is submitted as a
// case, in the principal's name, and the audit log records who drafted and who signed) or send it
// back to the drafter with a comment. Only a principal of the draft's unit may do either
// (domain/case-roles mayOnDraft); the drafter is told what happened in their own chat.
import { messageCard, type AdaptiveCard } from '../../cards';
import { mayOnDraft, type DraftAction } from '../../domain/case-roles';
import { draftLabel } from '../../domain/draft';
import type { SnapshotRecord } from '../../domain/ports';
import type { TApplicationDraft } from '../../domain/schemas';
import type { ApplicationEvent, ApplicationMachine } from '../../machines/application.machine';
import { caseActor, type Actor } from '../actor';
import type { AppDeps } from '../deps';
import { runDraft } from '../draft-runner';
import { signatureRequestFor } from './signature-notify';
import { APPLICATION_MACHINE, applicationFlow } from './turn';

type Inputs = Record<string, unknown>;

interface StoredDraft {
  context?: { draft?: TApplicationDraft; sentForSignatureAt?: string };
}

const draftOf = (record: SnapshotRecord): StoredDraft['context'] => (record.snapshot as StoredDraft | null)?.context;

// Known once permitted: a draft without a unit cannot be signed or returned by anyone.
const unitIdOf = (record: SnapshotRecord): string => draftOf(record)?.draft?.unit?.id ?? '';

const gone = (): AdaptiveCard =>
  messageCard({ title: 'Ansökan finns inte längre', text: 'Ansökan är redan hanterad eller slängd. Det finns inget mer att göra med det här kortet.' });

async function permitted(deps: AppDeps, actor: Actor, action: DraftAction, draftId: string): Promise<{ record: SnapshotRecord } | { card: AdaptiveCard }> {
  const record = await deps.repos.snapshots.load(draftId);
  if (!record || record.machine !== APPLICATION_MACHINE || !record.personId) return { card: gone() };
  const owner = await deps.repos.people.get(record.personId);
  if (!owner) return { card: gone() };
  const permission = mayOnDraft(action, caseActor(actor), { municipalityId: owner.municipalityId, ownerId: owner.id, unitId: draftOf(record)?.draft?.unit?.id });
  if (!permission.ok) return { card: messageCard({ title: 'Det går inte', text: permission.message }) };
  return { record };
}

async function tellDrafter(deps: AppDeps, drafterId: string, card: AdaptiveCard): Promise<void> {
  await deps.ownChat?.sendCard(drafterId, card);
}

// "Signera och skicka in".
export async function signDraft(deps: AppDeps, actor: Actor, draftId: string): Promise<AdaptiveCard> {
  const allowed = await permitted(deps, actor, 'draft.sign', draftId);
  if ('card' in allowed) return allowed.card;
  const drafterId = allowed.record.personId!;
  const now = deps.clock.now();
  const base = applicationFlow(deps, actor, now);
  let submitted = false;
  const card = await runDraft<ApplicationMachine, AdaptiveCard>(
    deps.repos,
    {
      ...base,
      missing: gone,
      closed: async (record) => (record.status === 'submitted' ? (await base.closed(record)).card : gone()),
      async act(turn) {
        if (!turn.snapshot.matches('submitted')) {
          if (!turn.snapshot.matches('awaitingSignature')) {
            return messageCard({ title: 'Ansökan är inte skickad för underskrift', text: 'Den som fyller i ansökan arbetar med den igen. Du får ett nytt kort när den skickas till dig.' });
          }
          // The draft no longer passes the review (a rule or a follow-up changed): it cannot be signed as it is.
          const unit = await deps.repos.units.get(unitIdOf(allowed.record));
          const problems = turn.snapshot.context.problems.map((p) => p.message).join(' ');
          return signatureRequestFor(actor, draftId, turn.snapshot.context.draft, (await deps.repos.people.get(drafterId))?.displayName ?? 'Okänd', unit!, new Date(turn.snapshot.context.sentForSignatureAt ?? now), now, {
            notice: `Ansökan kan inte skickas in som den är: ${problems} Skicka tillbaka den med en kommentar.`,
          });
        }
        submitted = true;
        return (await base.act(turn)).card;
      },
    },
    drafterId,
    draftId,
    (): ApplicationEvent => ({ type: 'signature.sign' }),
  );
  if (submitted) {
    const record = await deps.repos.snapshots.load(draftId);
    const kase = record?.caseId ? await deps.repos.cases.get(record.caseId) : null;
    const label = draftLabel(draftOf(allowed.record)?.draft ?? {});
    await tellDrafter(
      deps,
      drafterId,
      messageCard({
        title: 'Rektorn har skrivit under ansökan',
        text: `${actor.person.displayName} har skrivit under ansökan för ${label} och skickat in den till Elevhälsan${kase ? ` som ärende ${kase.caseNumber}` : ''}.`,
      }),
    );
  }
  return card;
}

// "Skicka tillbaka med kommentar".
export async function returnDraft(deps: AppDeps, actor: Actor, draftId: string, inputs: Inputs): Promise<AdaptiveCard> {
  const allowed = await permitted(deps, actor, 'draft.return', draftId);
  if ('card' in allowed) return allowed.card;
  const drafterId = allowed.record.personId!;
  const comment = typeof inputs['signature.comment'] === 'string' ? inputs['signature.comment'].trim().slice(0, 4000) : '';
  const now = deps.clock.now();
  const base = applicationFlow(deps, actor, now);
  return runDraft<ApplicationMachine, AdaptiveCard>(
    deps.repos,
    {
      ...base,
      missing: gone,
      closed: async (record) => (record.status === 'submitted' ? (await base.closed(record)).card : gone()),
      async act(turn) {
        const { snapshot } = turn;
        if (snapshot.matches('awaitingSignature')) {
          // No comment: the drafter must be told what to change.
          const unit = await deps.repos.units.get(unitIdOf(allowed.record));
          const drafter = await deps.repos.people.get(drafterId);
          return signatureRequestFor(actor, draftId, snapshot.context.draft, drafter?.displayName ?? 'Okänd', unit!, new Date(snapshot.context.sentForSignatureAt ?? now), now, {
            errors: { 'signature.comment': 'Skriv vad som behöver ändras innan du skickar tillbaka ansökan.' },
          });
        }
        if (turn.event === null || !snapshot.matches({ editing: 'summary' }) || snapshot.context.returnComment !== comment) {
          return messageCard({ title: 'Ansökan är inte skickad för underskrift', text: 'Den som fyller i ansökan arbetar med den igen.' });
        }
        await turn.save({ label: draftLabel(snapshot.context.draft) });
        await deps.repos.audit.append({
          municipalityId: actor.municipality.id,
          actorId: actor.person.id,
          action: 'draft.returned',
          subjectType: 'draft',
          subjectId: draftId,
          details: { drafterId },
        });
        const label = draftLabel(snapshot.context.draft);
        await tellDrafter(
          deps,
          drafterId,
          messageCard({
            title: 'Rektorn skickade tillbaka ansökan',
            text: `${actor.person.displayName} skickade tillbaka ansökan för ${label} med kommentaren: ”${comment}”. Rätta och skicka den till rektor igen.`,
            actions: [{ title: 'Öppna ansökan', verb: 'draft.open', data: { draftId } }],
          }),
        );
        return messageCard({ title: 'Ansökan är skickad tillbaka', text: `Den som fyllde i ansökan för ${label} har fått din kommentar.` });
      },
    },
    drafterId,
    draftId,
    (snapshot) => (snapshot.matches('awaitingSignature') ? { type: 'signature.return', comment } : null),
  );
}
