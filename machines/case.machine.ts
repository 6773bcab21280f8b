// A case's life on Elevhälsan's side: from submission through review and completion to the
// decision and its delivery. The database's case status stays the source of truth: each turn
// the bot calls applyCaseEvent, which rebuilds the machine at the stored status, sends one event
// and says which status and audit action to write. Who may send what is domain/case-roles; the
// machine adds only which step of the process allows it.
//
//   submitted                          --assign | review-->     in_review
//   submitted | in_review | resubmitted --completion.request-->  completion_requested
//   completion_requested               --resubmit-->            resubmitted
//   resubmitted                        --review-->              in_review
//   submitted | in_review | resubmitted --decide-->              decided.<outcome>.awaitingNotification
//   awaitingNotification               --delivery.failed-->     deliveryFailed
//   awaitingNotification | deliveryFailed --notified-->          notified.appealable (fristående)
//                                                               notified.notAppealable (kommunal)
//   assign is taken in every undecided state; only from 'submitted' does it change the status.
//   submitted | in_review | resubmitted --propose-->           proposed (a handler's proposal for the head)
//   proposed                           --propose | review-->  proposed (a new proposal, a new assessment)
//   proposed                           --decide-->            decided.<outcome>.awaitingNotification
//   proposed                           --completion.request--> completion_requested
//   completion_requested               --decide (reply date passed)--> decided (on what was submitted)
//   handover (to a named handler) is taken like assign: from 'submitted' to in_review, else in place.
//   any undecided state                --withdraw-->          withdrawn (final; the principal's reason kept)
//
// <outcome> is approved / partly_approved / rejected. notified.appealable carries the last day to
// appeal in context.appealDeadline, counted from the local day of notification.
import { and, setup, assign, transition, type SnapshotFrom, type StateValue } from 'xstate';
import { mayPerform, type CaseAction, type CaseActor, type CaseParties } from '../domain/case-roles';
import type { CaseStatus, DeliveryStatus, UnitKind } from '../domain/ports';
import type { TMunicipalityProfile } from '../domain/profile';
import { DECISION_OUTCOMES, type TDecisionOutcome } from '../domain/schemas';
import { appealDeadline } from '../domain/terms';
import { ZCaseStatus, type TAuditAction } from '../domain/vocabulary';

// What the machine needs from the municipality's profile: the appeal window and the time zone
// its calendar days are counted in.
export type CaseProfile = Pick<TMunicipalityProfile, 'appealWindowWeeks' | 'timeZone'>;

export interface CaseEnv {
  profile: CaseProfile;
}

export type CaseEvent =
  // The actor takes the case as its handler.
  | { type: 'case.assign'; by: CaseActor }
  // The actor adjusts Elevhälsan's assessment (stored as a new assessment by the bot).
  | { type: 'case.review'; by: CaseActor }
  | { type: 'case.completion.request'; by: CaseActor; message: string }
  | { type: 'case.resubmit'; by: CaseActor }
  // completionOverdue: the reply date of an unanswered completion request has passed (read by
  // the bot from the request and the clock), so the head may decide on what was submitted.
  | { type: 'case.decide'; by: CaseActor; outcome: TDecisionOutcome; unitKind: UnitKind; completionOverdue?: boolean }
  // A handler's proposal for decision (stored by the bot), sent to the head.
  | { type: 'case.propose'; by: CaseActor }
  // The head gives the case to a named handler, or its handler passes it on.
  | { type: 'case.handover'; by: CaseActor; to: string }
  // The principal takes the application back before the decision.
  | { type: 'case.withdraw'; by: CaseActor; reason: string }
  // Sent by the delivery job, never from a card: no actor, so no person can claim it.
  | { type: 'case.notified'; at: Date }
  | { type: 'case.delivery.failed' };

export type CaseEventType = CaseEvent['type'];

export interface CaseContext {
  kase: CaseParties;
  assignedHandlerId: string | null;
  // Who last adjusted Elevhälsan's assessment.
  reviewedById: string | null;
  // The latest request for completion, for the principal's card.
  completionMessage: string | null;
  // Set by the decision: whether the unit may appeal.
  unitKind: UnitKind | null;
  decidedById: string | null;
  // Who last proposed a decision, and why the principal withdrew the application.
  proposedById: string | null;
  withdrawReason: string | null;
  // ISO instant the principal was notified; the appeal window counts from its local date.
  notifiedAt: string | null;
  // YYYY-MM-DD, the last day a fristående unit may appeal; null for a kommunal unit.
  appealDeadline: string | null;
}

export interface CaseInput {
  kase: CaseParties;
  assignedHandlerId?: string | null;
}

// The audit entry each accepted event writes.
export const CASE_AUDIT_ACTIONS = {
  'case.assign': 'case.assigned',
  'case.review': 'case.reviewed',
  'case.completion.request': 'case.completion_requested',
  'case.resubmit': 'case.resubmitted',
  'case.decide': 'case.decided',
  'case.notified': 'case.notified',
  'case.delivery.failed': 'case.delivery_failed',
  'case.propose': 'case.proposed',
  'case.handover': 'case.handed_over',
  'case.withdraw': 'case.withdrawn',
} as const satisfies Record<CaseEventType, TAuditAction>;
export type CaseAuditAction = (typeof CASE_AUDIT_ACTIONS)[CaseEventType];

type PersonEvent = Extract<CaseEvent, { by: CaseActor }>;

function isPersonEvent(event: CaseEvent): event is PersonEvent {
  return 'by' in event;
}

// Each person event is the case action of the same name.
const actionOf = (event: PersonEvent): CaseAction => event.type;

const permitted = (event: CaseEvent, context: Pick<CaseContext, 'kase' | 'assignedHandlerId'>): boolean =>
  isPersonEvent(event) && mayPerform(actionOf(event), event.by, { ...context.kase, assignedHandlerId: context.assignedHandlerId }).ok;

// A case as it stands before anything has happened to it but (perhaps) an assignment.
function initialContext(kase: CaseParties, assignedHandlerId: string | null): CaseContext {
  return {
    kase,
    assignedHandlerId,
    reviewedById: null,
    completionMessage: null,
    unitKind: null,
    decidedById: null,
    proposedById: null,
    withdrawReason: null,
    notifiedAt: null,
    appealDeadline: null,
  };
}

// The appeal deadline is the one thing the machine needs the municipality for: supplied per case
// with provide() (caseMachineFor); the machine itself is built once.
function notificationRecorder(profile: CaseProfile) {
  return assign<CaseContext, CaseEvent, undefined, CaseEvent, never>(({ context, event }) => {
    if (event.type !== 'case.notified') return {};
    return {
      notifiedAt: event.at.toISOString(),
      appealDeadline: context.unitKind === 'fristaende' ? appealDeadline(event.at, profile) : null,
    };
  });
}

const NO_PROFILE: CaseProfile = {
  get appealWindowWeeks(): never {
    throw new Error('the case machine needs the municipality profile: use caseMachineFor(env)');
  },
  get timeZone(): never {
    throw new Error('the case machine needs the municipality profile: use caseMachineFor(env)');
  },
};

function buildCaseMachine() {
  const lifecycle = setup({
    types: {
      context: {} as CaseContext,
      events: {} as CaseEvent,
      input: {} as CaseInput,
    },
    guards: {
      // Role guards: one per case action, each asking domain/case-roles.
      mayAssign: ({ context, event }) => event.type === 'case.assign' && permitted(event, context),
      mayReview: ({ context, event }) => event.type === 'case.review' && permitted(event, context),
      mayRequestCompletion: ({ context, event }) => event.type === 'case.completion.request' && permitted(event, context),
      mayResubmit: ({ context, event }) => event.type === 'case.resubmit' && permitted(event, context),
      mayDecide: ({ context, event }) => event.type === 'case.decide' && permitted(event, context),
      mayPropose: ({ context, event }) => event.type === 'case.propose' && permitted(event, context),
      mayHandover: ({ context, event }) => event.type === 'case.handover' && permitted(event, context),
      mayWithdraw: ({ context, event }) => event.type === 'case.withdraw' && permitted(event, context),
      isNewHandover: ({ context, event }) => event.type === 'case.handover' && event.to !== context.assignedHandlerId,
      hasWithdrawReason: ({ event }) => event.type === 'case.withdraw' && event.reason.trim() !== '',
      // The principal did not answer by the reply date: decided on what was submitted.
      completionOverdue: ({ event }) => event.type === 'case.decide' && event.completionOverdue === true,
      // Taking a case one already has is a repeat, not a change.
      isNewHandler: ({ context, event }) => event.type === 'case.assign' && event.by.personId !== context.assignedHandlerId,
      // The principal must be told what to complete.
      hasCompletionMessage: ({ event }) => event.type === 'case.completion.request' && event.message.trim() !== '',
      isOutcome: ({ event }, params: { outcome: TDecisionOutcome }) => event.type === 'case.decide' && event.outcome === params.outcome,
      // Only independent units may appeal (a municipal unit is part of the municipality).
      isIndependent: ({ context }) => context.unitKind === 'fristaende',
    },
    actions: {
      assignHandler: assign({
        assignedHandlerId: ({ context, event }) => (event.type === 'case.assign' ? event.by.personId : context.assignedHandlerId),
      }),
      recordReview: assign({
        reviewedById: ({ context, event }) => (event.type === 'case.review' ? event.by.personId : context.reviewedById),
      }),
      handOver: assign({
        assignedHandlerId: ({ context, event }) => (event.type === 'case.handover' ? event.to : context.assignedHandlerId),
      }),
      recordProposal: assign({
        proposedById: ({ context, event }) => (event.type === 'case.propose' ? event.by.personId : context.proposedById),
      }),
      recordWithdrawal: assign({
        withdrawReason: ({ context, event }) => (event.type === 'case.withdraw' ? event.reason.trim() : context.withdrawReason),
      }),
      recordCompletionRequest: assign({
        completionMessage: ({ context, event }) =>
          event.type === 'case.completion.request' ? event.message.trim() : context.completionMessage,
      }),
      recordDecision: assign(({ event }) =>
        event.type === 'case.decide' ? { unitKind: event.unitKind, decidedById: event.by.personId } : {},
      ),
      recordNotification: notificationRecorder(NO_PROFILE),
    },
  });

  type StateConfig = Parameters<typeof lifecycle.createStateConfig>[0];
  type Transitions = NonNullable<StateConfig['on']>;

  // Outside 'submitted', taking the case changes the handler, not the status.
  const assignInPlace: Transitions['case.assign'] = { guard: and(['mayAssign', 'isNewHandler']), actions: 'assignHandler' };
  const requestCompletion: Transitions['case.completion.request'] = {
    guard: and(['mayRequestCompletion', 'hasCompletionMessage']),
    target: '#case.completion_requested',
    actions: 'recordCompletionRequest',
  };
  const decide: Transitions['case.decide'] = DECISION_OUTCOMES.map((outcome) => ({
    guard: and(['mayDecide', { type: 'isOutcome', params: { outcome } }]),
    target: `#case.decided.${outcome}`,
    actions: 'recordDecision' as const,
  }));
  // The reply date passed without an answer: the head may decide on what was submitted.
  const decideOverdue: Transitions['case.decide'] = DECISION_OUTCOMES.map((outcome) => ({
    guard: and(['mayDecide', 'completionOverdue', { type: 'isOutcome', params: { outcome } }]),
    target: `#case.decided.${outcome}`,
    actions: 'recordDecision' as const,
  }));
  const propose: Transitions['case.propose'] = { guard: 'mayPropose', target: '#case.proposed', actions: 'recordProposal' };
  const handOverInPlace: Transitions['case.handover'] = { guard: and(['mayHandover', 'isNewHandover']), actions: 'handOver' };
  const withdraw: Transitions['case.withdraw'] = {
    guard: and(['mayWithdraw', 'hasWithdrawReason']),
    target: '#case.withdrawn',
    actions: 'recordWithdrawal',
  };

  // The letter's way to the principal, the same under every outcome.
  const notify: Transitions['case.notified'] = [
    { guard: 'isIndependent', target: 'notified.appealable', actions: 'recordNotification' },
    { target: 'notified.notAppealable', actions: 'recordNotification' },
  ];
  // createStateConfig keeps the literal shape, so the machine's state value type names the
  // delivery states too (snapshot.matches is checked against them).
  const delivery = () =>
    lifecycle.createStateConfig({
      initial: 'awaitingNotification',
      states: {
        awaitingNotification: {
          on: { 'case.notified': notify, 'case.delivery.failed': 'deliveryFailed' },
        },
        // The job retries; a later success still notifies.
        deliveryFailed: {
          on: { 'case.notified': notify },
        },
        // Entered only through an explicit child: `initial` just satisfies the compound state.
        notified: {
          initial: 'notAppealable',
          states: {
            notAppealable: {},
            appealable: {},
          },
        },
      },
    });

  return lifecycle.createMachine({
    id: 'case',
    initial: 'submitted',
    context: ({ input }) => initialContext(input.kase, input.assignedHandlerId ?? null),
    states: {
      submitted: {
        on: {
          // Even by the handler already on record: taking the case starts the review.
          'case.assign': { guard: 'mayAssign', target: 'in_review', actions: 'assignHandler' },
          'case.review': { guard: 'mayReview', target: 'in_review', actions: 'recordReview' },
          'case.completion.request': requestCompletion,
          'case.decide': decide,
          'case.propose': propose,
          'case.handover': { guard: 'mayHandover', target: 'in_review', actions: 'handOver' },
          'case.withdraw': withdraw,
        },
      },
      in_review: {
        on: {
          'case.assign': assignInPlace,
          'case.propose': propose,
          'case.handover': handOverInPlace,
          'case.withdraw': withdraw,
          // A further adjustment: a new assessment, the status stays. (A transition needs an
          // effect: one with neither target nor action is not an accepted event in XState.)
          'case.review': { guard: 'mayReview', actions: 'recordReview' },
          'case.completion.request': requestCompletion,
          'case.decide': decide,
        },
      },
      // The application is back with the principal: nothing is assessed or decided until the
      // completion arrives.
      completion_requested: {
        on: {
          'case.assign': assignInPlace,
          'case.resubmit': { guard: 'mayResubmit', target: 'resubmitted' },
          'case.decide': decideOverdue,
          'case.handover': handOverInPlace,
          'case.withdraw': withdraw,
        },
      },
      resubmitted: {
        on: {
          'case.assign': assignInPlace,
          'case.propose': propose,
          'case.handover': handOverInPlace,
          'case.withdraw': withdraw,
          'case.review': { guard: 'mayReview', target: 'in_review', actions: 'recordReview' },
          // Still incomplete: another round.
          'case.completion.request': requestCompletion,
          'case.decide': decide,
        },
      },
      // The handler's proposal waits for the head, whose decision form opens prefilled with it.
      proposed: {
        on: {
          'case.assign': assignInPlace,
          'case.handover': handOverInPlace,
          // A new assessment or a revised proposal: the case stays with the head.
          'case.review': { guard: 'mayReview', actions: 'recordReview' },
          'case.propose': { guard: 'mayPropose', actions: 'recordProposal' },
          'case.completion.request': requestCompletion,
          'case.decide': decide,
          'case.withdraw': withdraw,
        },
      },
      // The principal took the application back: nothing more happens to the case.
      withdrawn: { type: 'final' },
      // Entered only through an explicit outcome: `initial` just satisfies the compound state.
      decided: {
        initial: 'approved',
        states: {
          approved: delivery(),
          partly_approved: delivery(),
          rejected: delivery(),
        },
      },
    },
  });
}

// Built once per process; each case provides its municipality's profile.
export const caseMachine = buildCaseMachine();
export type CaseMachine = typeof caseMachine;

export function caseMachineFor(env: CaseEnv): CaseMachine {
  return caseMachine.provide({ actions: { recordNotification: notificationRecorder(env.profile) } });
}

// The name tests and older callers know.
export const createCaseMachine = caseMachineFor;
export type CaseSnapshot = SnapshotFrom<CaseMachine>;

const UNDECIDED: readonly CaseStatus[] = ZCaseStatus.exclude(['decided']).options;

// The database status of a snapshot (live or persisted: only `value` is read).
export function statusOf(snapshot: { value: StateValue }): CaseStatus {
  const { value } = snapshot;
  if (typeof value === 'string') {
    if ((UNDECIDED as readonly string[]).includes(value)) return value as CaseStatus;
  } else if ('decided' in value) {
    return 'decided';
  }
  throw new RangeError(`Not a case state: ${JSON.stringify(value)}`);
}

function decidedValue(snapshot: { value: StateValue }): Partial<Record<string, StateValue>> | null {
  const { value } = snapshot;
  if (typeof value === 'string') return null;
  const decided = value.decided;
  return decided && typeof decided === 'object' ? decided : null;
}

export function outcomeOf(snapshot: { value: StateValue }): TDecisionOutcome | null {
  const decided = decidedValue(snapshot);
  return (DECISION_OUTCOMES.find((o) => decided && o in decided) ?? null) as TDecisionOutcome | null;
}

// How far the decision's delivery got, in the decisions table's words; null when undecided.
export function deliveryOf(snapshot: { value: StateValue }): DeliveryStatus | null {
  const decided = decidedValue(snapshot);
  const outcome = outcomeOf(snapshot);
  if (!decided || !outcome) return null;
  const delivery = decided[outcome];
  if (delivery === 'awaitingNotification') return 'pending';
  if (delivery === 'deliveryFailed') return 'failed';
  return 'delivered';
}

// ---- the bot's entry point ----------------------------------------------------------------------

// What the bot has read from the database for the case.
export interface StoredCase extends CaseParties {
  status: CaseStatus;
  assignedHandlerId: string | null;
  // Required to deliver a decided case: the decision's outcome, the unit's kind, and how far
  // delivery got. Undecided cases have none.
  decision?: {
    outcome: TDecisionOutcome;
    unitKind: UnitKind;
    deliveryStatus: DeliveryStatus;
    decidedById?: string | null;
    notifiedAt?: Date | string | null;
    appealDeadline?: string | null;
  } | null;
  // The municipality's profile (only the appeal window and time zone are read).
  profile: CaseProfile;
}

export type CaseEventResult =
  | { ok: true; status: CaseStatus; auditAction: CaseAuditAction; snapshot: CaseSnapshot }
  | { ok: false; code: string; message: string };

type Refusal = Extract<CaseEventResult, { ok: false }>;

const refuse = (code: string, message: string): Refusal => ({ ok: false, code, message });

// The machine at the stored status, or null for a decided case whose decision was not given.
export function restoreCase(machine: CaseMachine, current: StoredCase): CaseSnapshot | null {
  const { decision, profile } = current;
  const context = initialContext(
    { municipalityId: current.municipalityId, principalId: current.principalId, unitId: current.unitId },
    current.assignedHandlerId,
  );
  if (current.status !== 'decided') return machine.resolveState({ value: current.status, context });
  if (!decision) return null;

  const independent = decision.unitKind === 'fristaende';
  const notifiedAt = decision.notifiedAt ? new Date(decision.notifiedAt) : null;
  const delivery: StateValue =
    decision.deliveryStatus === 'pending'
      ? 'awaitingNotification'
      : decision.deliveryStatus === 'failed'
        ? 'deliveryFailed'
        : { notified: independent ? 'appealable' : 'notAppealable' };
  return machine.resolveState({
    value: { decided: { [decision.outcome]: delivery } },
    context: {
      ...context,
      unitKind: decision.unitKind,
      decidedById: decision.decidedById ?? null,
      notifiedAt: notifiedAt?.toISOString() ?? null,
      // Stored when known; otherwise recomputed the same way it was set.
      appealDeadline: independent
        ? (decision.appealDeadline ?? (notifiedAt && decision.deliveryStatus === 'delivered' ? appealDeadline(notifiedAt, profile) : null))
        : null,
    },
  });
}

// Why the machine would not take the event here, in Swedish for the person who tried. Roles
// come first: someone without the right gets no hint about where the case stands.
export function explainRefusal(
  current: Pick<StoredCase, 'status' | 'assignedHandlerId' | 'municipalityId' | 'principalId' | 'unitId'>,
  delivery: DeliveryStatus | null,
  event: CaseEvent,
): Refusal {
  if (isPersonEvent(event)) {
    const permission = mayPerform(actionOf(event), event.by, current);
    if (!permission.ok) return refuse(permission.code, permission.message);
  }
  const { status } = current;

  if (status === 'withdrawn') {
    if (isPersonEvent(event)) return refuse('case.withdrawn', 'Ansökan är återkallad av rektorn. Det går inte att göra något mer i ärendet.');
    return refuse('case.notDecided', 'Ärendet är inte beslutat, så det finns inget beslut att skicka.');
  }

  if (status === 'decided') {
    if (isPersonEvent(event)) {
      return refuse(
        'case.alreadyDecided',
        'Ärendet är redan beslutat och kan inte ändras. Behövs fortsatt stöd görs en ny ansökan.',
      );
    }
    if (delivery === null) return refuse('case.decision.missing', 'Beslutet i ärendet kunde inte läsas in. Försök igen om en stund.');
    if (delivery === 'delivered') return refuse('case.notified.already', 'Beslutet är redan delgivet rektorn.');
    if (delivery === 'failed' && event.type === 'case.delivery.failed') {
      return refuse('case.delivery.alreadyFailed', 'Leveransen av beslutet har redan misslyckats och väntar på ett nytt försök.');
    }
    return refuse('case.event.notAllowed', 'Det går inte att göra det i ärendets nuvarande läge. Uppdatera kortet och försök igen.');
  }

  switch (event.type) {
    case 'case.notified':
    case 'case.delivery.failed':
      return refuse('case.notDecided', 'Ärendet är inte beslutat än, så det finns inget beslut att skicka.');
    case 'case.assign':
      if (current.assignedHandlerId === event.by.personId) return refuse('case.assign.already', 'Du är redan handläggare för ärendet.');
      break;
    case 'case.review':
      if (status === 'completion_requested') {
        return refuse(
          'case.review.awaitingCompletion',
          'Ärendet väntar på komplettering från rektorn. Bedömningen kan justeras när kompletteringen har kommit in.',
        );
      }
      break;
    case 'case.completion.request':
      if (status === 'completion_requested') {
        return refuse('case.completion.alreadyRequested', 'Komplettering är redan begärd. Ärendet väntar på svar från rektorn.');
      }
      if (event.message.trim() === '') {
        return refuse('case.completion.message.missing', 'Skriv vad rektorn behöver komplettera, så att det framgår vad som saknas.');
      }
      break;
    case 'case.resubmit':
      if (status === 'resubmitted') return refuse('case.resubmit.already', 'Kompletteringen är redan inskickad och ligger hos Elevhälsan.');
      if (status !== 'completion_requested') return refuse('case.resubmit.notRequested', 'Ärendet väntar inte på någon komplettering just nu.');
      break;
    case 'case.decide':
      if (status === 'completion_requested') {
        return refuse(
          'case.decide.awaitingCompletion',
          'Ärendet väntar på komplettering från rektorn. Beslut kan fattas när kompletteringen har kommit in, eller på inlämnat underlag när svarsdatumet har passerat.',
        );
      }
      if (!(DECISION_OUTCOMES as readonly string[]).includes(event.outcome)) {
        return refuse('case.decide.outcomeInvalid', 'Välj ett beslut: bevilja, bevilja delvis eller avslå.');
      }
      break;
    case 'case.propose':
      if (status === 'completion_requested') {
        return refuse('case.propose.awaitingCompletion', 'Ärendet väntar på komplettering från rektorn. Förslag till beslut kan skrivas när kompletteringen har kommit in.');
      }
      break;
    case 'case.handover':
      if (event.to === current.assignedHandlerId) return refuse('case.handover.already', 'Ärendet har redan den handläggaren.');
      break;
    case 'case.withdraw':
      if (event.reason.trim() === '') return refuse('case.withdraw.reason.missing', 'Skriv varför ansökan återkallas.');
      break;
  }
  return refuse('case.event.notAllowed', 'Det går inte att göra det i ärendets nuvarande läge. Uppdatera kortet och försök igen.');
}

// One turn: the stored case and one event in; the status to store and the audit action to
// write out, or a refusal with a reason. A refused event changes nothing, so a repeated click or
// a retried job is harmless: it never moves the case twice.
export function applyCaseEvent(current: StoredCase, event: CaseEvent): CaseEventResult {
  const machine = caseMachineFor({ profile: current.profile });
  const restored = restoreCase(machine, current);
  if (!restored || !restored.can(event)) {
    return explainRefusal(current, restored ? deliveryOf(restored) : null, event);
  }
  const [next] = transition(machine, restored, event);
  return { ok: true, status: statusOf(next), auditAction: CASE_AUDIT_ACTIONS[event.type], snapshot: next };
}
