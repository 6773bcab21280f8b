// The closed vocabularies of the system: each value list once, as a zod enum with its inferred
// type beside it. Where the database has an enum of the same name (prisma/schema.prisma), the
// lists are equal, which test/domain/vocabulary.test.ts checks. Swedish wording of these
// values lives in wording.ts, never here.
import { z } from 'zod';

// A drafter fills in applications for a unit; the unit's principal signs them.
export const ZRole = z.enum(['principal', 'handler', 'head', 'admin', 'drafter']);
export type TRole = z.infer<typeof ZRole>;
export const ROLES = ZRole.options;

export const ZUnitKind = z.enum(['kommunal', 'fristaende']);
export type TUnitKind = z.infer<typeof ZUnitKind>;
export const UNIT_KINDS = ZUnitKind.options;

// proposed: a handler's proposal waits for the head's decision. withdrawn: the principal took the
// application back before the decision.
export const ZCaseStatus = z.enum(['submitted', 'in_review', 'completion_requested', 'resubmitted', 'decided', 'proposed', 'withdrawn']);
export type TCaseStatus = z.infer<typeof ZCaseStatus>;
export const CASE_STATUSES = ZCaseStatus.options;

export const ZSnapshotStatus = z.enum(['open', 'submitted', 'discarded']);
export type TSnapshotStatus = z.infer<typeof ZSnapshotStatus>;

export const ZAssessmentKind = z.enum(['application', 'review', 'followup']);
export type TAssessmentKind = z.infer<typeof ZAssessmentKind>;

// Of a decision letter or a completion request sent to the principal's chat.
export const ZDeliveryStatus = z.enum(['pending', 'delivered', 'failed']);
export type TDeliveryStatus = z.infer<typeof ZDeliveryStatus>;
export const DELIVERY_STATUSES = ZDeliveryStatus.options;

export const ZConversationKind = z.enum(['personal', 'channel']);
export type TConversationKind = z.infer<typeof ZConversationKind>;

// What a person may try to do with a case; domain/case-roles says who may.
export const ZCaseAction = z.enum([
  'case.view',
  'case.assign',
  // Adjust Elevhälsan's assessment of the need (a new assessment on the case).
  'case.review',
  'case.completion.request',
  'case.resubmit',
  'case.decide',
  // Send a decision again after its delivery failed (the letter is unchanged).
  'case.decision.resend',
  // The decision reached the principal. Only the delivery job can say so: see SYSTEM_CASE_ACTIONS.
  'case.notified',
  // Write a proposal for decision (förslag till beslut) and send it to the head.
  'case.propose',
  // Give the case to a named handler (the head), or pass it on (its handler).
  'case.handover',
  // The principal takes the application back before the decision.
  'case.withdraw',
  // End a granted decision early, from a date, when the child leaves the unit.
  'case.decision.end',
]);
export type TCaseAction = z.infer<typeof ZCaseAction>;
export const CASE_ACTIONS = ZCaseAction.options;

// The reminders the planner (reminders.ts) sends; text column reminder_sends.kind.
export const ZReminderKind = z.enum([
  'application_deadline',
  'draft_deadline',
  'completion_unanswered',
  'follow_up_due',
  'follow_up_overdue',
  'new_case_waiting',
  'undecided_near_term',
  'delivery_failed',
  'follow_up_overdue_summary',
]);
export type TReminderKind = z.infer<typeof ZReminderKind>;
export const REMINDER_KINDS = ZReminderKind.options;

// Every action the audit log records: dotted, past tense, subject first. The column is plain
// text (old entries must stay readable if a name is retired), so this list is the gate: the
// repository refuses anything else.
export const ZAuditAction = z.enum([
  'municipality.elevhalsa_channel_set',
  'municipality.profile_set',
  'draft.created',
  'draft.discarded',
  // A drafter's application: sent to the principal, sent back with a comment.
  'draft.sent_for_signature',
  'draft.returned',
  'case.submitted',
  'case.version_added',
  'case.status_changed',
  'case.handler_assigned',
  'case.channel_posted',
  // One per accepted case-machine event (machines/case.machine.ts CASE_AUDIT_ACTIONS).
  'case.assigned',
  'case.reviewed',
  'case.completion_requested',
  'case.resubmitted',
  'case.decided',
  'case.notified',
  'case.delivery_failed',
  'case.proposed',
  'case.handed_over',
  'case.withdrawn',
  // The head's decision departed from the handler's proposal (the departures in the details).
  'case.decision_departed_from_proposal',
  // A granted decision ended early because the child left the unit.
  'case.decision_ended',
  'case.erased',
  'draft.erased',
  // Gallring ran: counts only, never what was erased.
  'retention.ran',
  'reminder.undeliverable',
  'reminder.paused',
  'reminder.resumed',
  'attachment.sent',
  // The decision's stored PDF was saved to the principal's OneDrive (its sha256 in the details).
  'decision.document_sent',
  'followup.submitted',
  'followup.viewed',
  // Administration (app/admin): units, people and roles, the profile, access requests.
  'municipality.created',
  'unit.created',
  'unit.updated',
  'unit.deactivated',
  'unit.reactivated',
  'person.registered',
  'person.updated',
  'person.roles_set',
  // The bot bound a person registered by e-mail to their Entra object id on first contact.
  'person.bound',
  'import.applied',
  'case.access_exported',
]);
export type TAuditAction = z.infer<typeof ZAuditAction>;
export const AUDIT_ACTIONS = ZAuditAction.options;
