// The application dialog on the generic draft runner: which machine, its environment for this
// principal, and what each resulting state means (save it, submit it, discard it, render it).
import { randomUUID } from 'node:crypto';
import type { AdaptiveCard, NewMeasureValues } from '../../cards';
import { discardConfirmCard, messageCard, problemsCard, stepCard } from '../../cards';
import { draftLabel } from '../../domain/draft';
import type { SnapshotRecord } from '../../domain/ports';
import {
  applicationMachine,
  applicationTurnEnv,
  type ApplicationEnv,
  type ApplicationEvent,
  type ApplicationMachine,
  type ApplicationSnapshot,
} from '../../machines/application.machine';
import { APPLICATION_STEPS, type ApplicationStep } from '../../machines/application.steps';
import { applicationUnits, draftsFor, type Actor } from '../actor';
import type { AppDeps } from '../deps';
import { runDraft, type DraftFlow, type DraftTurn } from '../draft-runner';
import { problemItems, stepViewModel, type StepViewEnv } from '../views/step-view';
import { completionReceipt, resubmitDraft } from './resubmit';
import { awaitingSignatureCard, sendForSignature } from './signature-notify';
import { receiptCardFor, submitDraft } from './submit';

export const APPLICATION_MACHINE = 'application';

export interface TurnExtras {
  // The new-measure form comes back filled in when "Lägg till insats" was refused.
  newMeasure?: NewMeasureValues;
  // Messages for inputs the machine never saw because they did not parse.
  errors?: Record<string, string>;
  notice?: string;
  // Opened again later ("fortsätt", a draft in the list): the messages of the last turn are
  // history, so the step is shown as it is, without them. Nästa checks it again.
  reopened?: boolean;
  // Overdue follow-ups for the child (looked up at submit): they block it, each with a button.
  outstandingFollowUps?: Array<{ caseId: string; caseNumber: string; term: string }>;
  // The draft as the caller already read it this turn (submit reads it for the follow-up check),
  // so the first attempt does not read it again.
  loaded?: SnapshotRecord | null;
}

// What a turn ended in: the card, and whether the event reached the open draft from its current
// card (only then may a save say "sparat").
export interface DraftReply {
  card: AdaptiveCard;
  kept: boolean;
  // The card's own form (a new measure) was not applied and comes back with its messages.
  held?: boolean;
}

export const STALE_CARD_NOTICE =
  'Det kortet var inte längre aktuellt, så det du skrev där sparades inte. Här är steget du är på nu – fyll i det här.';

export function applicationEnv(actor: Actor, now: () => Date, outstandingFollowUps?: ApplicationEnv['outstandingFollowUps']): ApplicationEnv {
  return {
    profile: actor.municipality.profile,
    units: applicationUnits(actor).map((u) => ({ id: u.id, kind: u.kind, schoolForms: u.schoolForms })),
    now,
    ...(outstandingFollowUps ? { outstandingFollowUps } : {}),
    // A drafter signs nothing of a unit they only draft for: those drafts go to its principal.
    ...((actor.draftingUnits ?? []).length > 0 ? { ledUnitIds: actor.person.ledUnitIds } : {}),
  };
}

// The machine for this principal's turn, with the clock read once: one turn, one "now".
export function applicationMachineOf(
  actor: Actor,
  now: Date,
  outstandingFollowUps?: ApplicationEnv['outstandingFollowUps'],
): Required<Pick<DraftFlow<ApplicationMachine, unknown>, 'machine' | 'run'>> {
  const env = applicationEnv(actor, () => now, outstandingFollowUps);
  return { machine: applicationMachine, run: (work) => applicationTurnEnv.run(env, work) };
}

function viewEnv(actor: Actor, now: Date): StepViewEnv {
  // Fresh on every card: the form on it adds at most one measure, however often it is pressed.
  return { profile: actor.municipality.profile, units: applicationUnits(actor), now, newMeasureId: randomUUID() };
}

// The draft's title with the unit's name, as the principal's units name it.
export function draftTitle(actor: Actor, draft: ApplicationSnapshot['context']['draft']): string {
  return draftLabel(draft, actor.units.find((u) => u.id === draft.unit?.id)?.name);
}

export function currentStep(snapshot: ApplicationSnapshot): ApplicationStep | undefined {
  return APPLICATION_STEPS.find((step) => snapshot.matches({ editing: step }));
}

const newMeasureHeld = (errors: Record<string, string>) => Object.keys(errors).some((k) => k.startsWith('measure.'));

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
export function renderState(draftId: string, snapshot: ApplicationSnapshot, actor: Actor, now: Date, extras: TurnExtras = {}): AdaptiveCard {
  const context = snapshot.context;
  if (snapshot.matches('confirmDiscard')) return discardConfirmCard({ draftId, label: draftTitle(actor, context.draft) });
  if (snapshot.matches('awaitingSignature')) return awaitingSignatureCard(context.draft);
  if (snapshot.matches({ editing: 'problems' })) {
    const blocked = context.problems.some((p) => p.code === 'followUp.missing') ? (extras.outstandingFollowUps ?? []) : [];
    return problemsCard({
      draftId,
      problems: problemItems(context.problems),
      warnings: problemItems(context.warnings),
      ...(blocked.length > 0 ? { followUps: blocked.map((f) => ({ caseId: f.caseId, term: f.term, caseNumber: f.caseNumber })) } : {}),
    });
  }
  if (snapshot.matches({ editing: 'wrongMunicipality' })) {
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
  // A principal's comment on a returned draft stays until the draft is sent again; other
  // messages of the last turn are history once the draft is opened again.
  const vm = stepViewModel(draftId, extras.reopened ? { ...context, errors: {}, notice: context.returnComment ? context.notice : undefined } : context, step, viewEnv(actor, now));
  if (draftsFor(actor, context.draft.unit?.id)) vm.forSignature = true;
  if (extras.errors) vm.errors = { ...vm.errors, ...extras.errors };
  // What was typed into the new-measure form comes back only while the form has messages: a
  // measure that was added leaves the form empty.
  if (extras.newMeasure && newMeasureHeld(vm.errors)) vm.newMeasure = extras.newMeasure;
  if (extras.notice) vm.notice = { text: extras.notice, style: 'warning' };
  return stepCard(vm);
}

async function discarded(deps: AppDeps, actor: Actor, turn: DraftTurn<ApplicationMachine>): Promise<AdaptiveCard> {
  const draftId = turn.record.id;
  await turn.save({ status: 'discarded' });
  const files = await deps.repos.attachments.listForDraft(draftId);
  await Promise.all(files.map((f) => deps.repos.attachments.removeFromDraft(f.id, draftId)));
  await deps.repos.audit.append({
    municipalityId: actor.municipality.id,
    actorId: actor.person.id,
    action: 'draft.discarded',
    subjectType: 'draft',
    subjectId: draftId,
  });
  // With other drafts still open, "börja om" would be the wrong question: they come first.
  const others = (await deps.repos.snapshots.listOpen(actor.person.id, APPLICATION_MACHINE)).filter((d) => d.id !== draftId);
  if (others.length > 0) {
    return messageCard({
      title: 'Utkastet är slängt',
      text: `Svaren och filerna i utkastet är borttagna. ${others.length === 1 ? 'Du har ett utkast kvar' : `Du har ${others.length} utkast kvar`}.`,
      actions: [{ title: others.length === 1 ? 'Fortsätt med det' : 'Mina utkast', verb: 'app.resume', data: {} }],
    });
  }
  return messageCard({
    title: 'Utkastet är slängt',
    text: 'Svaren och filerna i utkastet är borttagna. Vill du börja om?',
    actions: [{ title: 'Ny ansökan', verb: 'app.new', data: {} }],
  });
}

async function closedDraft(deps: AppDeps, actor: Actor, record: SnapshotRecord): Promise<AdaptiveCard> {
  if (record.status === 'submitted' && record.caseId) {
    const kase = await deps.repos.cases.get(record.caseId);
    if (kase && kase.sourceDraftId !== record.id) return completionReceipt(kase.caseNumber);
    return receiptCardFor(deps, actor, record.caseId);
  }
  return staleDraftCard('Utkastet är slängt. Öppna ett annat utkast eller börja en ny ansökan.');
}

export function applicationFlow(deps: AppDeps, actor: Actor, now: Date, extras: TurnExtras = {}): DraftFlow<ApplicationMachine, DraftReply> {
  return {
    name: APPLICATION_MACHINE,
    ...applicationMachineOf(actor, now, extras.outstandingFollowUps),
    missing: () => ({
      card: staleDraftCard('Utkastet hittades inte. Det kan ha slängts eller skickats in. Öppna dina utkast eller börja en ny ansökan.'),
      kept: false,
    }),
    closed: async (record) => ({ card: await closedDraft(deps, actor, record), kept: false }),
    async act(turn) {
      const { record, snapshot, event } = turn;
      const render = (more: TurnExtras = {}) => renderState(record.id, snapshot, actor, now, { ...extras, ...more });
      if (!event) return { card: render({ reopened: true }), kept: false };
      // An older card of this draft: the machine ignored it, and the principal is told that
      // what it carried was not saved.
      if (turn.emitted.some((e) => e.type === 'draft.staleCard')) return { card: render({ notice: STALE_CARD_NOTICE }), kept: false };
      if (snapshot.matches('submitted')) {
        const persisted = turn.persisted();
        const card = record.caseId
          ? await resubmitDraft(deps, actor, { ...record, caseId: record.caseId }, persisted, snapshot.context.draft, now)
          : await submitDraft(deps, actor, record, persisted, snapshot.context, now);
        return { card, kept: true };
      }
      if (event.type === 'app.sendForSignature' && snapshot.matches('awaitingSignature')) {
        await turn.save({ label: draftLabel(snapshot.context.draft) });
        return { card: await sendForSignature(deps, actor, record.id, snapshot.context.draft, now), kept: true };
      }
      if (snapshot.matches('discarded')) return { card: await discarded(deps, actor, turn), kept: true };
      // Only now, with the owner checked and the file found in this draft by the machine: the
      // attachment row follows what the draft says.
      if (event.type === 'attachment.kind' && turn.emitted.every((e) => e.type !== 'draft.staleCard')) {
        const meta = await deps.repos.attachments.get(event.attachmentId);
        const inDraft = (snapshot.context.draft.attachments ?? []).some((a) => a.id === event.attachmentId && a.kind === event.kind);
        if (meta && meta.draftId === record.id && inDraft) await deps.repos.attachments.setKind(meta.id, event.kind);
      }
      await turn.save({ label: draftTitle(actor, snapshot.context.draft) });
      const held = 'newMeasure' in event && !!event.newMeasure && newMeasureHeld(snapshot.context.errors);
      return { card: render(), kept: true, ...(held ? { held } : {}) };
    },
  };
}

// One event to the principal's draft, built from its freshly loaded state (null: just show it).
export function runApplicationTurn(
  deps: AppDeps,
  actor: Actor,
  draftId: string,
  eventFor: (snapshot: ApplicationSnapshot) => ApplicationEvent | null,
  extras: TurnExtras = {},
): Promise<DraftReply> {
  return runDraft(deps.repos, applicationFlow(deps, actor, deps.clock.now(), extras), actor.person.id, draftId, eventFor, extras.loaded);
}

export async function runApplicationEvent(
  deps: AppDeps,
  actor: Actor,
  draftId: string,
  eventFor: (snapshot: ApplicationSnapshot) => ApplicationEvent | null,
  extras: TurnExtras = {},
): Promise<AdaptiveCard> {
  return (await runApplicationTurn(deps, actor, draftId, eventFor, extras)).card;
}
