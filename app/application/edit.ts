// Answering the application, step by step: every card verb on an open draft is one event to the
// application machine, with the card's inputs parsed field by field first (card-input.ts), so
// nothing a card sends is trusted as is.
import { messageCard, type AdaptiveCard } from '../../cards';
import type { TMeasure } from '../../domain/schemas';
import type { ApplicationEvent } from '../../machines/application.machine';
import type { ApplicationStep } from '../../machines/application.steps';
import type { Actor } from '../actor';
import { parseAttachmentKind, parseDraftInputs, parseNewMeasure } from '../card-input';
import type { AppDeps } from '../deps';
import { APPLICATION_MACHINE, runApplicationEvent, runApplicationTurn } from './turn';

type Inputs = Record<string, unknown>;

// Next, back, and "Räkna ut" (a save that answers with the same step, recomputed).
export function answerStep(
  deps: AppDeps,
  actor: Actor,
  verb: 'step.next' | 'step.back' | 'step.recalculate',
  draftId: string,
  step: ApplicationStep,
  inputs: Inputs,
): Promise<AdaptiveCard> {
  const type = verb === 'step.recalculate' ? 'draft.save' : verb;
  const { values, inputErrors } = parseDraftInputs(inputs, actor.municipality.profile);
  return runApplicationEvent(deps, actor, draftId, () => ({ type, step, values, inputErrors }));
}

export async function saveDraft(deps: AppDeps, actor: Actor, draftId: string, step: ApplicationStep, inputs: Inputs): Promise<AdaptiveCard> {
  const { values, inputErrors } = parseDraftInputs(inputs, actor.municipality.profile);
  const { card, kept } = await runApplicationTurn(deps, actor, draftId, () => ({ type: 'draft.save', step, values, inputErrors }));
  // Only a save that reached the open draft from its current card may say "sparat"; a stale
  // card, a discarded or a submitted draft answer with their own card.
  if (!kept) return card;
  return messageCard({
    title: 'Utkastet är sparat',
    text: 'Du kan fortsätta när du vill, även om flera dagar. Skriv ”fortsätt” eller tryck på knappen.',
    actions: [{ title: 'Fortsätt nu', verb: 'draft.open', data: { draftId } }],
  });
}

// Events that carry nothing typed: go to a step, the discard question and its answers.
export function sendDraftEvent(
  deps: AppDeps,
  actor: Actor,
  draftId: string,
  event: Extract<ApplicationEvent, { type: 'step.goto' | 'draft.discard' | 'draft.discard.confirm' | 'draft.discard.cancel' | 'measure.remove' }>,
): Promise<AdaptiveCard> {
  return runApplicationEvent(deps, actor, draftId, () => event);
}

export function addMeasure(deps: AppDeps, actor: Actor, draftId: string, inputs: Inputs): Promise<AdaptiveCard> {
  const { measure, inputErrors } = parseNewMeasure(inputs);
  const typed: Partial<TMeasure> = measure ?? {};
  const newMeasure = {
    type: typed.type,
    description: typeof inputs['measure.description'] === 'string' ? inputs['measure.description'] : undefined,
    hoursPerWeek: typed.hoursPerWeek,
    cost: typed.cost,
  };
  // A refused measure is never stored; the form comes back with what was typed.
  const placeholder: TMeasure = { id: 'refused', type: 'assistent', description: '' };
  return runApplicationEvent(
    deps,
    actor,
    draftId,
    () => (measure ? { type: 'measure.add', measure } : { type: 'measure.add', measure: placeholder, inputErrors }),
    measure ? {} : { newMeasure },
  );
}

export async function setAttachmentKind(deps: AppDeps, actor: Actor, draftId: string, attachmentId: string, inputs: Inputs): Promise<AdaptiveCard> {
  const { kind, inputErrors } = parseAttachmentKind(inputs);
  if (!kind) return runApplicationEvent(deps, actor, draftId, () => null, { errors: inputErrors });
  const meta = await deps.repos.attachments.get(attachmentId);
  if (meta && meta.draftId === draftId) await deps.repos.attachments.setKind(meta.id, kind);
  return runApplicationEvent(deps, actor, draftId, () => ({ type: 'attachment.kind', attachmentId, kind }));
}

export function submitApplication(deps: AppDeps, actor: Actor, draftId: string, inputs: Inputs): Promise<AdaptiveCard> {
  const { values, inputErrors } = parseDraftInputs(inputs, actor.municipality.profile);
  return runApplicationEvent(deps, actor, draftId, () => ({ type: 'app.submit', values, inputErrors }));
}

// A drafter's finished draft, to the unit's principal for signing.
export function sendApplicationForSignature(deps: AppDeps, actor: Actor, draftId: string, inputs: Inputs): Promise<AdaptiveCard> {
  const { values, inputErrors } = parseDraftInputs(inputs, actor.municipality.profile);
  return runApplicationEvent(deps, actor, draftId, () => ({ type: 'app.sendForSignature', values, inputErrors }));
}

// "Avbryt": the discard question for the latest open draft.
export async function cancelLatestDraft(deps: AppDeps, actor: Actor): Promise<AdaptiveCard> {
  const [latest] = await deps.repos.snapshots.listOpen(actor.person.id, APPLICATION_MACHINE);
  if (!latest) return messageCard({ title: 'Inget att avbryta', text: 'Du har inget utkast just nu. Skriv ”ny ansökan” för att börja.' });
  return runApplicationEvent(deps, actor, latest.id, () => ({ type: 'draft.discard' }));
}
