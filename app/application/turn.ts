// One turn of the application dialog: load the draft's snapshot, send one event to the machine,
// save with the version check, render the card for the new state. A stale version (double
// click, retried invoke, second tab) reloads and sends the event again: the machine's stale-card
// guard makes the repeat harmless, and a submitted draft answers with its receipt, so a retry
// never creates a second case or loses an answer.
import { createActor, type SnapshotFrom } from 'xstate';
import type { AdaptiveCard, NewMeasureValues } from '../cards';
import { discardConfirmCard, messageCard, problemsCard, stepCard } from '../cards';
import { draftLabel } from '../domain/draft';
import { ConflictError, type Repositories, type SnapshotRecord } from '../domain/ports';
import {
  createApplicationMachine,
  type ApplicationContext,
  type ApplicationEnv,
  type ApplicationEvent,
  type ApplicationMachine,
} from '../machines/application.machine';
import { APPLICATION_STEPS, type ApplicationStep } from '../machines/application.steps';
import type { Actor } from './identity';
import { problemItems, stepViewModel, type StepViewEnv } from './step-view';
import { completionReceipt, resubmitDraft } from './completion';
import type { JobQueue } from './jobs';
import { receiptCardFor, submitDraft } from './submit';
import type { ProactiveSender } from './transport-types';

export const APPLICATION_MACHINE = 'application';
const MAX_ATTEMPTS = 3;

type Snapshot = SnapshotFrom<ApplicationMachine>;

export interface DialogDeps {
  repos: Repositories;
  now: () => Date;
  // Absent in a bot without workers (tests of the dialog alone): nothing is queued then.
  jobs?: JobQueue;
  proactive?: ProactiveSender;
}

export interface TurnExtras {
  // The new-measure form comes back filled in when "Lägg till insats" was refused.
  newMeasure?: NewMeasureValues;
  // Messages for inputs the machine never saw because they did not parse.
  errors?: Record<string, string>;
  notice?: string;
}

export const STALE_CARD_NOTICE =
  'Det kortet var inte längre aktuellt, så det du skrev där sparades inte. Här är steget du är på nu – fyll i det här.';

// Cards carry the step they show; step.goto carries where to go, so it is never stale.
export function isStaleCard(context: ApplicationContext, event: ApplicationEvent): boolean {
  return (event.type === 'step.next' || event.type === 'step.back' || event.type === 'draft.save') && event.step !== context.step;
}

export function applicationEnv(actor: Actor, now: () => Date): ApplicationEnv {
  return {
    profile: actor.municipality.profile,
    units: actor.units.map((u) => ({ id: u.id, kind: u.kind, schoolForms: u.schoolForms })),
    now,
  };
}

function viewEnv(actor: Actor, now: Date): StepViewEnv {
  return { profile: actor.municipality.profile, units: actor.units, now };
}

function restore(machine: ApplicationMachine, persisted: unknown) {
  return createActor(machine, { snapshot: persisted as Snapshot, input: {} }).start();
}

export function currentStep(snapshot: Snapshot): ApplicationStep | undefined {
  const value = snapshot.value;
  if (typeof value !== 'object' || !('editing' in value)) return undefined;
  const child = value.editing as string;
  return (APPLICATION_STEPS as readonly string[]).includes(child) ? (child as ApplicationStep) : undefined;
}

export const staleDraftCard = (text: string): AdaptiveCard =>
  messageCard({
    title: 'Det här utkastet finns inte längre',
    text,
    actions: [
      { title: 'Mina utkast', verb: 'app.resume', data: {} },
      { title: 'Ny ansökan', verb: 'app.new', data: {} },
    ],
  });

// The card for whatever state the draft is in now.
export function renderState(draftId: string, snapshot: Snapshot, actor: Actor, now: Date, extras: TurnExtras = {}): AdaptiveCard {
  const context: ApplicationContext = snapshot.context;
  if (snapshot.matches('confirmDiscard')) return discardConfirmCard({ draftId, label: draftLabel(context.draft) });
  if (snapshot.matches({ editing: 'problems' } as never)) {
    return problemsCard({ draftId, problems: problemItems(context.problems), warnings: problemItems(context.warnings) });
  }
  if (snapshot.matches({ editing: 'wrongMunicipality' } as never)) {
    const where = context.draft.pupil?.registeredMunicipality;
    return messageCard({
      title: 'Ansök hos hemkommunen',
      text:
        `Barnet är folkbokfört i ${where || 'en annan kommun'}. Tilläggsbelopp söks hos kommunen där barnet är folkbokfört, ` +
        `så skicka ansökan dit i stället. Har du skrivit fel kommun? Tryck Tillbaka och rätta den.`,
      actions: [
        { title: 'Tillbaka', verb: 'step.back', data: { draftId, step: 'pupil' } },
        { title: 'Släng utkastet', verb: 'draft.discard', data: { draftId } },
      ],
    });
  }
  const step = currentStep(snapshot) ?? context.step;
  const vm = stepViewModel(draftId, context, step, viewEnv(actor, now));
  if (extras.newMeasure) vm.newMeasure = extras.newMeasure;
  if (extras.errors) vm.errors = { ...vm.errors, ...extras.errors };
  if (extras.notice) vm.notice = { text: extras.notice, style: 'warning' };
  return stepCard(vm);
}

export async function startDraft(deps: DialogDeps, actor: Actor): Promise<AdaptiveCard> {
  const now = deps.now();
  const machine = createApplicationMachine(applicationEnv(actor, deps.now));
  const running = createActor(machine, { input: {} }).start();
  const snapshot = running.getSnapshot();
  const { id } = await deps.repos.snapshots.create({
    machine: APPLICATION_MACHINE,
    personId: actor.person.id,
    label: draftLabel(snapshot.context.draft),
    snapshot: running.getPersistedSnapshot(),
  });
  await deps.repos.audit.append({
    municipalityId: actor.municipality.id,
    actorId: actor.person.id,
    action: 'draft.created',
    subjectType: 'draft',
    subjectId: id,
  });
  return renderState(id, snapshot, actor, now);
}

// Loads a draft only for its owner; anyone else is told it does not exist.
async function loadOwned(deps: DialogDeps, actor: Actor, draftId: string): Promise<SnapshotRecord | null> {
  const record = await deps.repos.snapshots.load(draftId);
  if (!record || record.machine !== APPLICATION_MACHINE || record.personId !== actor.person.id) return null;
  return record;
}

export async function openDraft(deps: DialogDeps, actor: Actor, draftId: string): Promise<AdaptiveCard> {
  return runDraftEvent(deps, actor, draftId, () => null);
}

// `eventFor` builds the event from the freshly loaded state (null: just show the draft).
export async function runDraftEvent(
  deps: DialogDeps,
  actor: Actor,
  draftId: string,
  eventFor: (context: ApplicationContext) => ApplicationEvent | null,
  extras: TurnExtras = {},
): Promise<AdaptiveCard> {
  const now = deps.now();
  const machine = createApplicationMachine(applicationEnv(actor, () => now));
  for (let attempt = 1; ; attempt++) {
    const record = await loadOwned(deps, actor, draftId);
    if (!record) return staleDraftCard('Utkastet hittades inte. Det kan ha slängts eller skickats in. Öppna dina utkast eller börja en ny ansökan.');
    if (record.status === 'submitted' && record.caseId) {
      const kase = await deps.repos.cases.get(record.caseId);
      if (kase && kase.sourceDraftId !== record.id) return completionReceipt(kase.caseNumber);
      return receiptCardFor(deps, actor, record.caseId);
    }
    if (record.status !== 'open') return staleDraftCard('Utkastet är slängt. Öppna ett annat utkast eller börja en ny ansökan.');

    const running = restore(machine, record.snapshot);
    const event = eventFor(running.getSnapshot().context);
    // An older card of this draft (a second tab, a card above in the chat): the machine ignores
    // it, and the principal is told that what it carried was not saved.
    if (event && isStaleCard(running.getSnapshot().context, event)) {
      return renderState(draftId, running.getSnapshot(), actor, now, { ...extras, notice: STALE_CARD_NOTICE });
    }
    if (event) running.send(event);
    const snapshot = running.getSnapshot();
    if (!event) return renderState(draftId, snapshot, actor, now, extras);

    try {
      if (snapshot.value === 'submitted') {
        const persisted = running.getPersistedSnapshot();
        return record.caseId
          ? await resubmitDraft(deps, actor, { ...record, caseId: record.caseId }, persisted, snapshot.context.draft, now)
          : await submitDraft(deps, actor, record, persisted, snapshot.context, now);
      }
      if (snapshot.value === 'discarded') {
        await deps.repos.snapshots.save(draftId, record.version, { snapshot: running.getPersistedSnapshot(), status: 'discarded' });
        await deps.repos.attachments.listForDraft(draftId).then((files) =>
          Promise.all(files.map((f) => deps.repos.attachments.removeFromDraft(f.id, draftId))),
        );
        await deps.repos.audit.append({
          municipalityId: actor.municipality.id,
          actorId: actor.person.id,
          action: 'draft.discarded',
          subjectType: 'draft',
          subjectId: draftId,
        });
        return messageCard({
          title: 'Utkastet är slängt',
          text: 'Svaren och filerna i utkastet är borttagna. Vill du börja om?',
          actions: [{ title: 'Ny ansökan', verb: 'app.new', data: {} }],
        });
      }
      await deps.repos.snapshots.save(draftId, record.version, {
        snapshot: running.getPersistedSnapshot(),
        label: draftLabel(snapshot.context.draft),
      });
      return renderState(draftId, snapshot, actor, now, extras);
    } catch (error) {
      if (error instanceof ConflictError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}
