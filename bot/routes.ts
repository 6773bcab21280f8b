// Routing: every card verb to its use case in one typed table, and the chat commands in another.
// The ids were parsed by action-data.ts; input values are parsed by the use cases, field by field.
// Nothing here decides anything about an application or a case.
import type { CardVerb, VerbData } from '../cards/verbs';
import type { Actor } from '../app/actor';
import { addMeasure, answerStep, cancelLatestDraft, saveDraft, sendApplicationForSignature, sendDraftEvent, setAttachmentKind, submitApplication } from '../app/application/edit';
import { returnDraft, signDraft } from '../app/application/sign';
import { myCases, showDecision } from '../app/application/my-cases';
import { openCompletionDraft } from '../app/application/open-completion';
import { openDraft, resumeDrafts } from '../app/application/resume';
import { startApplication } from '../app/application/start';
import { assignCase } from '../app/case/assign';
import { channelCardFor } from '../app/case/channel-card';
import { decide, openDecisionForm } from '../app/case/decide';
import { offerAttachment } from '../app/case/offer-attachment';
import { offerDecisionPdf } from '../app/case/offer-decision-pdf';
import { queueCard } from '../app/case/queue';
import { openCompletionForm, requestCompletion } from '../app/case/request-completion';
import { resendDecision } from '../app/case/resend-decision';
import { openAssessmentForm, reviewAssessment } from '../app/case/review-assessment';
import { viewCase } from '../app/case/view-case';
import { myReminders, setReminderPaused, snoozeReminder } from '../app/reminders/settings';
import { renewCase } from '../app/application/renew';
import {
  answerFollowUpStep,
  followUpEvent,
  listFollowUps,
  openFollowUp,
  removeFollowUpAttachment,
  setFollowUpAttachmentKind,
  startFollowUp,
  submitFollowUp,
} from '../app/follow-up/dialog';
import { viewFollowUp } from '../app/follow-up/view';
import { handOver, openHandoverForm } from '../app/case/handover';
import { openProposalForm, sendProposal } from '../app/case/propose';
import { openWithdrawForm, withdraw } from '../app/case/withdraw';
import { endDecision, openEndDecisionForm } from '../app/case/end-decision';
import type { AppDeps, Reply, TurnPlace } from '../app/deps';
import { answerQuestion, followUpInfoCard, notPrincipalCard, notUnderstoodCard, welcome } from '../app/help';
import type { ParsedAction } from './action-data';

export type { Reply };

export interface RouteContext {
  deps: AppDeps;
  actor: Actor;
  place: TurnPlace;
}

type Inputs = Record<string, unknown>;
type Route<V extends CardVerb> = (ctx: RouteContext, ids: VerbData[V], inputs: Inputs) => Promise<Reply>;

// Only principals (and the drafters of a unit) start applications; everyone else learns who to ask.
const principalOnly =
  <V extends CardVerb>(route: Route<V>): Route<V> =>
  (ctx, ids, inputs) =>
    ctx.actor.units.length === 0 && (ctx.actor.draftingUnits ?? []).length === 0 ? Promise.resolve(notPrincipalCard(ctx.actor)) : route(ctx, ids, inputs);

export const ROUTES: { [V in CardVerb]: Route<V> } = {
  // The principal's application.
  'app.new': principalOnly(({ deps, actor }) => startApplication(deps, actor)),
  'app.new.confirm': principalOnly(({ deps, actor }) => startApplication(deps, actor, { deliberately: true })),
  'app.resume': ({ deps, actor }) => resumeDrafts(deps, actor),
  'cases.mine': ({ deps, actor }) => myCases(deps, actor),
  help: ({ deps, actor }) => welcome(deps, actor),
  'draft.open': ({ deps, actor }, { draftId }) => openDraft(deps, actor, draftId),
  'step.next': ({ deps, actor }, { draftId, step }, inputs) => answerStep(deps, actor, 'step.next', draftId, step, inputs),
  'step.back': ({ deps, actor }, { draftId, step }, inputs) => answerStep(deps, actor, 'step.back', draftId, step, inputs),
  'step.recalculate': ({ deps, actor }, { draftId, step }, inputs) => answerStep(deps, actor, 'step.recalculate', draftId, step, inputs),
  'draft.save': ({ deps, actor }, { draftId, step }, inputs) => saveDraft(deps, actor, draftId, step, inputs),
  'step.goto': ({ deps, actor }, { draftId, step }) => sendDraftEvent(deps, actor, draftId, { type: 'step.goto', step }),
  'draft.discard': ({ deps, actor }, { draftId }) => sendDraftEvent(deps, actor, draftId, { type: 'draft.discard' }),
  'draft.discard.confirm': ({ deps, actor }, { draftId }) => sendDraftEvent(deps, actor, draftId, { type: 'draft.discard.confirm' }),
  'draft.discard.cancel': ({ deps, actor }, { draftId }) => sendDraftEvent(deps, actor, draftId, { type: 'draft.discard.cancel' }),
  'measure.add': ({ deps, actor }, { draftId, newMeasureId }, inputs) => addMeasure(deps, actor, draftId, newMeasureId, inputs),
  'measure.remove': ({ deps, actor }, { draftId, measureId }) => sendDraftEvent(deps, actor, draftId, { type: 'measure.remove', measureId }),
  'attachment.kind': ({ deps, actor }, { draftId, attachmentId }, inputs) => setAttachmentKind(deps, actor, draftId, attachmentId, inputs),
  'app.submit': ({ deps, actor }, { draftId }, inputs) => submitApplication(deps, actor, draftId, inputs),
  'case.complete.open': ({ deps, actor }, { caseId }) => openCompletionDraft(deps, actor, caseId),
  // Elevhälsan's work on a case.
  'cases.queue': ({ deps, actor }) => queueCard(deps, actor),
  // A drafter's application: to the principal, who signs it or sends it back.
  'app.sendForSignature': ({ deps, actor }, { draftId }, inputs) => sendApplicationForSignature(deps, actor, draftId, inputs),
  'draft.sign': ({ deps, actor }, { draftId }) => signDraft(deps, actor, draftId),
  'draft.return': ({ deps, actor }, { draftId }, inputs) => returnDraft(deps, actor, draftId, inputs),
  // Proposal for decision, a named handler, the principal's withdrawal.
  'case.proposal.form': ({ deps, actor, place }, { caseId }) => openProposalForm(deps, actor, caseId, place),
  'case.proposal.send': ({ deps, actor }, { caseId }, inputs) => sendProposal(deps, actor, caseId, inputs),
  'case.handover.form': ({ deps, actor, place }, { caseId }) => openHandoverForm(deps, actor, caseId, place),
  'case.handover.send': ({ deps, actor }, { caseId }, inputs) => handOver(deps, actor, caseId, inputs),
  'case.withdraw.form': ({ deps, actor }, { caseId }) => openWithdrawForm(deps, actor, caseId),
  'case.withdraw.send': ({ deps, actor }, { caseId }, inputs) => withdraw(deps, actor, caseId, inputs),
  'case.decision.end.form': ({ deps, actor, place }, { caseId }) => openEndDecisionForm(deps, actor, caseId, place),
  'case.decision.end.send': ({ deps, actor }, { caseId }, inputs) => endDecision(deps, actor, caseId, inputs),
  'case.refresh': ({ deps, actor }, { caseId }) => channelCardFor(deps, actor, caseId),
  'case.assign': ({ deps, actor }, { caseId }) => assignCase(deps, actor, caseId),
  'case.view': ({ deps, actor, place }, { caseId }) => viewCase(deps, actor, caseId, place),
  'case.completion.form': ({ deps, actor, place }, { caseId }) => openCompletionForm(deps, actor, caseId, place),
  'case.completion.send': ({ deps, actor }, { caseId }, inputs) => requestCompletion(deps, actor, caseId, inputs),
  'case.assessment.form': ({ deps, actor, place }, { caseId }) => openAssessmentForm(deps, actor, caseId, place),
  'case.assessment.send': ({ deps, actor }, { caseId }, inputs) => reviewAssessment(deps, actor, caseId, inputs),
  'case.decision.form': ({ deps, actor, place }, { caseId }) => openDecisionForm(deps, actor, caseId, place),
  'case.decision.send': ({ deps, actor }, { caseId }, inputs) => decide(deps, actor, caseId, inputs),
  'case.decision.resend': ({ deps, actor }, { caseId }) => resendDecision(deps, actor, caseId),
  'case.decision.show': ({ deps, actor }, { caseId }) => showDecision(deps, actor, caseId),
  'case.attachment.get': ({ deps, actor }, { caseId }, inputs) => offerAttachment(deps, actor, caseId, inputs),
  'case.decision.pdf': ({ deps, actor }, { caseId }) => offerDecisionPdf(deps, actor, caseId),
  // Reminders.
  'reminder.snooze': ({ deps, actor }, { sendId }) => snoozeReminder(deps, actor, sendId),
  'reminder.pause': ({ deps, actor }, { kind }) => setReminderPaused(deps, actor, kind, true),
  'reminder.resume': ({ deps, actor }, { kind }) => setReminderPaused(deps, actor, kind, false),
  'reminders.list': ({ deps, actor }) => myReminders(deps, actor),
  'case.followup.view': ({ deps, actor, place }, { caseId, term }) => viewFollowUp(deps, actor, caseId, term, place),
  // The principal's follow-up, and the renewal for the next term.
  'followup.list': principalOnly(({ deps, actor }) => listFollowUps(deps, actor)),
  'followup.start': principalOnly(({ deps, actor }, { caseId, term }) => startFollowUp(deps, actor, caseId, term)),
  'followup.open': ({ deps, actor }, { draftId }) => openFollowUp(deps, actor, draftId),
  'followup.step.next': ({ deps, actor }, { draftId, step }, inputs) => answerFollowUpStep(deps, actor, 'step.next', draftId, step, inputs),
  'followup.step.back': ({ deps, actor }, { draftId, step }, inputs) => answerFollowUpStep(deps, actor, 'step.back', draftId, step, inputs),
  'followup.draft.save': ({ deps, actor }, { draftId, step }, inputs) => answerFollowUpStep(deps, actor, 'draft.save', draftId, step, inputs),
  'followup.step.goto': ({ deps, actor }, { draftId, step }) => followUpEvent(deps, actor, draftId, { type: 'step.goto', step }),
  'followup.submit': ({ deps, actor }, { draftId }, inputs) => submitFollowUp(deps, actor, draftId, inputs),
  'followup.discard': ({ deps, actor }, { draftId }) => followUpEvent(deps, actor, draftId, { type: 'draft.discard' }),
  'followup.discard.confirm': ({ deps, actor }, { draftId }) => followUpEvent(deps, actor, draftId, { type: 'draft.discard.confirm' }),
  'followup.discard.cancel': ({ deps, actor }, { draftId }) => followUpEvent(deps, actor, draftId, { type: 'draft.discard.cancel' }),
  'followup.attachment.kind': ({ deps, actor }, { draftId, attachmentId }, inputs) => setFollowUpAttachmentKind(deps, actor, draftId, attachmentId, inputs),
  'followup.attachment.remove': ({ deps, actor }, { draftId, attachmentId }) => removeFollowUpAttachment(deps, actor, draftId, attachmentId),
  'case.renew': principalOnly(({ deps, actor }, { caseId }) => renewCase(deps, actor, caseId)),
};

export function route(ctx: RouteContext, action: ParsedAction): Promise<Reply> {
  // The table is indexed by the verb the action carries, so its ids fit that route.
  const run = ROUTES[action.verb] as Route<CardVerb>;
  return run(ctx, action.ids as VerbData[CardVerb], action.inputs);
}

const verb =
  (v: 'app.new' | 'app.resume' | 'cases.mine' | 'help') =>
  (ctx: RouteContext): Promise<Reply> =>
    route(ctx, { verb: v, ids: {}, inputs: {} });

// Chat commands (DESIGN.md), case-insensitive, with or without an @mention of the bot.
const COMMANDS: Record<string, (ctx: RouteContext) => Promise<Reply>> = {
  'ny ansökan': verb('app.new'),
  'ny ansokan': verb('app.new'),
  ny: verb('app.new'),
  fortsätt: verb('app.resume'),
  fortsatt: verb('app.resume'),
  'mina ärenden': verb('cases.mine'),
  'mina arenden': verb('cases.mine'),
  // Elevhälsan's queue for Elevhälsa roles, a principal's own cases for a principal.
  ärenden: (ctx) => (ctx.actor.person.roles.some((r) => r.role !== 'principal') ? queueCard(ctx.deps, ctx.actor) : verb('cases.mine')(ctx)),
  arenden: (ctx) => COMMANDS['ärenden']!(ctx),
  avbryt: ({ deps, actor }) => cancelLatestDraft(deps, actor),
  // A principal gets what is due; anyone else learns the dates and who files.
  uppföljning: (ctx) => (ctx.actor.units.length > 0 ? route(ctx, { verb: 'followup.list', ids: {}, inputs: {} }) : Promise.resolve(followUpInfoCard(ctx.actor))),
  uppfoljning: (ctx) => COMMANDS['uppföljning']!(ctx),
  påminnelser: ({ deps, actor }) => myReminders(deps, actor),
  paminnelser: ({ deps, actor }) => myReminders(deps, actor),
  hjälp: verb('help'),
  hjalp: verb('help'),
  help: verb('help'),
};

export function normalizeCommand(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/gi, ' ')
    .toLowerCase()
    .replace(/[.!?"”]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function routeText(deps: AppDeps, actor: Actor | null, text: string, place: TurnPlace & { displayName?: string }): Promise<Reply> {
  if (!actor) return welcome(deps, null, place.displayName);
  const command = COMMANDS[normalizeCommand(text)];
  if (command) return command({ deps, actor, place });
  return answerQuestion(actor, normalizeCommand(text)) ?? notUnderstoodCard(actor);
}

