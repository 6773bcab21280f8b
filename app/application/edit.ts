// Answering the application, step by step: every card verb on an open draft is one event to the
// application machine, with the card's inputs parsed field by field first (card-input.ts), so
// nothing a card sends is trusted as is.
import { messageCard, type AdaptiveCard, type NewMeasureValues } from '../../cards';
import type { TApplicationDraft, TAttachmentKind, TMeasure } from '../../domain/schemas';
import { overdueForChild } from '../follow-up/grants';
import type { ApplicationEvent } from '../../machines/application.machine';
import type { ApplicationStep } from '../../machines/application.steps';
import type { Actor } from '../actor';
import { newMeasureFieldValues, parseAttachmentKind, parseDraftInputs, parseNewMeasure } from '../card-input';
import type { AppDeps } from '../deps';
import { APPLICATION_MACHINE, runApplicationEvent, runApplicationTurn, type DraftReply } from './turn';

type Inputs = Record<string, unknown>;

const NEW_MEASURE_INPUTS = ['measure.type', 'measure.description', 'measure.hoursPerWeek', 'measure.cost'] as const;

const filledIn = (value: unknown) => (typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null);

// What the new-measure form held, as typed: the card gets it back when it is not added.
function typedNewMeasure(inputs: Inputs): NewMeasureValues | undefined {
  if (!NEW_MEASURE_INPUTS.some((key) => filledIn(inputs[key]))) return undefined;
  return newMeasureFieldValues(inputs);
}

// The inputs a step card's own forms carry along with every page-wide button: the new-measure
// form and the kind of the file the card asks about. Whatever was filled in there is applied or
// held with a message, never dropped (the card promises that Nästa, Tillbaka and Spara keep it).
function ownForms(inputs: Inputs): { pending: Partial<Pick<StepEvent, 'newMeasure' | 'attachmentKind'>>; typed?: NewMeasureValues } {
  const pending: Partial<Pick<StepEvent, 'newMeasure' | 'attachmentKind'>> = {};
  const typed = typedNewMeasure(inputs);
  if (typed) {
    const { measure, inputErrors } = parseNewMeasure(inputs);
    pending.newMeasure = measure ? { measure } : { inputErrors };
  }
  if (filledIn(inputs['attachment.kind'])) {
    const { kind } = parseAttachmentKind(inputs);
    if (kind) pending.attachmentKind = kind;
  }
  return typed ? { pending, typed } : { pending };
}

type StepEvent = Extract<ApplicationEvent, { type: 'step.next' }>;

// The file whose kind the card asked for, stored with the kind the machine gave it.
async function storeAttachmentKind(deps: AppDeps, draftId: string, attachmentId: string | undefined, kind: TAttachmentKind | undefined) {
  if (!attachmentId || !kind) return;
  const meta = await deps.repos.attachments.get(attachmentId);
  if (meta && meta.draftId === draftId && meta.kind !== kind) await deps.repos.attachments.setKind(meta.id, kind);
}

// One step event with the card's own forms; the pending file is read from the state the event
// is sent to, so a kind chosen on an older card never lands on another file.
async function stepTurn(
  deps: AppDeps,
  actor: Actor,
  draftId: string,
  step: ApplicationStep,
  type: 'step.next' | 'step.back' | 'draft.save',
  inputs: Inputs,
): Promise<DraftReply> {
  const { values, inputErrors } = parseDraftInputs(inputs, actor.municipality.profile);
  const { pending, typed } = ownForms(inputs);
  let kindFor: string | undefined;
  const reply = await runApplicationTurn(
    deps,
    actor,
    draftId,
    (snapshot) => {
      if (pending.attachmentKind && snapshot.context.step === step) kindFor = snapshot.context.pendingAttachmentId;
      return { type, step, values, inputErrors, ...pending };
    },
    typed ? { newMeasure: typed } : {},
  );
  if (reply.kept) await storeAttachmentKind(deps, draftId, kindFor, pending.attachmentKind);
  return reply;
}

// Next, back, and "Räkna ut" (a save that answers with the same step, recomputed).
export async function answerStep(
  deps: AppDeps,
  actor: Actor,
  verb: 'step.next' | 'step.back' | 'step.recalculate',
  draftId: string,
  step: ApplicationStep,
  inputs: Inputs,
): Promise<AdaptiveCard> {
  return (await stepTurn(deps, actor, draftId, step, verb === 'step.recalculate' ? 'draft.save' : verb, inputs)).card;
}

export async function saveDraft(deps: AppDeps, actor: Actor, draftId: string, step: ApplicationStep, inputs: Inputs): Promise<AdaptiveCard> {
  const { card, kept, held } = await stepTurn(deps, actor, draftId, step, 'draft.save', inputs);
  // Only a save that reached the open draft from its current card may say "sparat"; a stale
  // card, a discarded or a submitted draft answer with their own card, and so does a card whose
  // own form was held back with messages beside it.
  if (!kept || held) return card;
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

export function addMeasure(deps: AppDeps, actor: Actor, draftId: string, newMeasureId: string, inputs: Inputs): Promise<AdaptiveCard> {
  // The card's own id for the measure: pressing the same card twice adds it once.
  const { measure, inputErrors } = parseNewMeasure(inputs, newMeasureId);
  // A refused measure is never stored; the form comes back with what was typed (the card shows
  // it only while the form has messages).
  const placeholder: TMeasure = { id: 'refused', type: 'assistent', description: '' };
  const typed = typedNewMeasure(inputs);
  return runApplicationEvent(
    deps,
    actor,
    draftId,
    () => (measure ? { type: 'measure.add', measure } : { type: 'measure.add', measure: placeholder, inputErrors }),
    typed ? { newMeasure: typed } : {},
  );
}

export async function setAttachmentKind(deps: AppDeps, actor: Actor, draftId: string, attachmentId: string, inputs: Inputs): Promise<AdaptiveCard> {
  const { kind, inputErrors } = parseAttachmentKind(inputs);
  if (!kind) return runApplicationEvent(deps, actor, draftId, () => null, { errors: inputErrors });
  // The file's kind is written by the turn, after the runner has found the draft to be this
  // person's and the machine has found the file in it (turn.ts).
  return runApplicationEvent(deps, actor, draftId, () => ({ type: 'attachment.kind', attachmentId, kind }));
}

export async function submitApplication(deps: AppDeps, actor: Actor, draftId: string, inputs: Inputs): Promise<AdaptiveCard> {
  const { values, inputErrors } = parseDraftInputs(inputs, actor.municipality.profile);
  // A child with an overdue follow-up cannot get a new application until it is filed: looked up
  // now, from the draft's child (personnummer, or the case a protected identity was renewed from).
  const record = await deps.repos.snapshots.load(draftId);
  const draft = (record?.snapshot as { context?: { draft?: TApplicationDraft } } | null)?.context?.draft;
  // A completion of an existing case is not a new application.
  const overdue = record && record.personId === actor.person.id && !record.caseId && draft ? await overdueForChild(deps.repos, actor.municipality.id, actor.municipality.profile, draft, deps.clock.now()) : [];
  const outstandingFollowUps = overdue.map((f) => ({ caseId: f.caseId, caseNumber: f.caseNumber, term: f.term }));
  return runApplicationEvent(deps, actor, draftId, () => ({ type: 'app.submit', values, inputErrors }), { outstandingFollowUps, loaded: record });
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
