// What the bot hands the cards of Elevhälsan's side (and the cards the principal gets back
// from it). As in view-models.ts, everything is computed and formatted already; the cards
// only lay it out. The channel card's model has no field for the child at all: the channel
// is seen by many and must never show who the child is or what the need is.
import type { TApplication, TAssessment, TDecisionOutcome, TMeasure, TSchoolForm } from '../domain/schemas';
import type { TMunicipalityProfile } from '../domain/profile';
import type { AreaResult } from '../domain/assessment';
import type { UnitKind } from '../domain/ports';
import type { TDeliveryStatus } from '../domain/vocabulary';
import type { ApplicationStep } from '../machines/application.steps';
import type { AssessmentSummary, Notice } from './view-models';

export type { UnitKind };

// Who handles the case, as seen by the person the card is rendered for.
export type CaseHandler = { name: string; isViewer: boolean };

// What the viewer may do, from the viewer's role in the database (never from the card).
// The cards also hide what no longer makes sense, whatever the flags say (e.g. after a decision).
export type CaseActionFlags = {
  view: boolean;
  assign: boolean;
  adjustAssessment: boolean;
  requestCompletion: boolean;
  decide: boolean;
  // The case flow: a proposal for decision, a named handler, the principal's withdrawal.
  propose?: boolean;
  handover?: boolean;
  withdraw?: boolean;
  endDecision?: boolean;
};

// The head ends a granted decision early when the child leaves the unit.
export type EndDecisionFormViewModel = {
  caseId: string;
  caseNumber: string;
  unitName: string;
  termLabel: string;
  // The decision's period (YYYY-MM-DD): the end date must fall within it.
  from: string;
  to: string;
  errors: Record<string, string>;
};

export type CaseDecisionSummary = {
  outcome: TDecisionOutcome;
  // "Upphör från och med 1 december 2027": ended early when the child left the unit.
  endedText?: string;
  // The date alone: "12 maj 2027".
  decidedText: string;
  // Set when something was granted: "18 083 kr" and "1 augusti 2027 – 31 januari 2028".
  amountPerMonthText?: string;
  periodText?: string;
  // Where the letter is: on its way to the principal's chat, there, or not delivered.
  delivery?: TDeliveryStatus;
  // When it reached the principal's chat: "12 maj 2027 kl. 14:05".
  deliveredText?: string;
};

// The card in the Elevhälsa channel, one per case, refreshed per viewer (Universal Actions).
export type CaseChannelViewModel = {
  caseId: string;
  caseNumber: string;
  unitName: string;
  unitKind: UnitKind;
  schoolForm: TSchoolForm;
  termLabel: string;
  hoursPerWeek: number;
  amountPerMonthText: string;
  late: boolean;
  statusText: string;
  handler?: CaseHandler;
  // The latest event, worded in full: "Komplettering begärd 3 mars 2027".
  lastEventText?: string;
  decision?: CaseDecisionSummary;
  // The decision could not be posted in the principal's chat.
  deliveryFailed: boolean;
  // Filed follow-ups, oldest first: "Uppföljning HT 2027 inkommen" and what needs a look (no
  // health details: the flags only say that the need ended or the hours changed a lot).
  followUps?: Array<{ term: string; text: string; flags: string[] }>;
  // The child's current grant is at another unit (a child who changed unit).
  otherUnitText?: string;
  // User MRIs ("29:…") of those whose card Teams refreshes automatically; at most 60 are used.
  refreshUserIds: string[];
  allowed: CaseActionFlags;
};

// One area of the assessment with its hours; the shape of domain AreaResult, so
// computeAssessment(...).areas can be passed as it is.
export type CaseAreaResult = Pick<AreaResult, 'id' | 'label' | 'current' | 'desired' | 'hoursCurrent' | 'hoursDesired'>;

// A field that differs from the previous version: "Behovet", "Beskrivning", old and new value.
export type CaseChange = { section: string; field: string; before: string; after: string };

// The whole application, for Elevhälsa roles only.
export type CaseDetailViewModel = {
  caseId: string;
  caseNumber: string;
  unitName: string;
  unitKind: UnitKind;
  termLabel: string;
  statusText: string;
  // "2 maj 2027 kl. 10:14"
  submittedText: string;
  late: boolean;
  handler?: CaseHandler;
  // 1 for the first submission, +1 for each resubmission after a completion request.
  version: number;
  application: TApplication;
  // Shown instead of name and personnummer when pupil.protectedIdentity is set: "ref. 8F2K".
  protectedReference?: string;
  profile: Pick<TMunicipalityProfile, 'assessment'>;
  assessmentAreas: CaseAreaResult[];
  assessmentSummary: AssessmentSummary;
  // Who signed and when: "Maria Holm, 2 maj 2027 kl. 10:14".
  signedText?: string;
  // Changes since the previous version; shown when version > 1.
  changes: CaseChange[];
  decision?: CaseDecisionSummary;
  notice?: Notice;
  allowed: CaseActionFlags;
};

export type CompletionFormViewModel = {
  caseId: string;
  caseNumber: string;
  unitName: string;
  termLabel: string;
  // What was typed when the bot refused the form, so it comes back filled in.
  values?: { message?: string; step?: ApplicationStep; replyBy?: string };
  // Keyed by "completion.message" and "completion.step".
  errors: Record<string, string>;
  // YYYY-MM-DD: the reply date's default (the profile's) and the earliest allowed (today).
  replyByDefault?: string;
  today?: string;
};

// Sent to the principal's chat.
export type CompletionRequestViewModel = {
  caseId: string;
  caseNumber: string;
  termLabel: string;
  unitName: string;
  // As in Mina ärenden ("Elsa Lindqvist", "Skyddad identitet, ref. 8F2K"): the principal's own
  // chat may name the child. Left out, the card names the case only.
  pupilLabel?: string;
  message: string;
  step: ApplicationStep;
  // "3 mars 2027"
  requestedText: string;
  requestedBy?: string;
  // "17 mars 2027": by when the principal should answer.
  replyByText?: string;
};

export type AssessmentReviewViewModel = {
  caseId: string;
  caseNumber: string;
  unitName: string;
  termLabel: string;
  profile: Pick<TMunicipalityProfile, 'assessment'>;
  // The rating the drop-downs start from: the handler's latest, or the principal's.
  assessment: TAssessment;
  // The principal's rating, shown under each area the handler has changed.
  principalAssessment?: TAssessment;
  summary: AssessmentSummary;
  errors: Record<string, string>;
  notice?: Notice;
};

export type DecisionFormValues = {
  outcome?: TDecisionOutcome;
  amountPerMonth?: number;
  from?: string;
  to?: string;
  reason?: string;
  approvedMeasures?: string[];
  significantDifficulties?: boolean;
  // How the principal follows up: every term (default), once at the end of the period, a date.
  followUpSchedule?: 'every_term' | 'end_of_period' | 'date';
  followUpDate?: string;
};

// For the head of Elevhälsan.
export type DecisionFormViewModel = {
  caseId: string;
  caseNumber: string;
  unitName: string;
  unitKind: UnitKind;
  termLabel: string;
  late: boolean;
  proposedHoursPerWeek: number;
  // Whole kronor; the default of decision.amountPerMonth.
  proposedAmountPerMonth: number;
  // The term's first and last day (YYYY-MM-DD): the default period.
  termStart: string;
  termEnd: string;
  measures: TMeasure[];
  // What was typed when the bot refused the form; the defaults above apply where unset.
  values?: DecisionFormValues;
  // Keyed by "decision.outcome", "decision.amountPerMonth", ….
  errors: Record<string, string>;
  // The handler's proposal the form is prefilled with, shown above the fields.
  proposal?: ProposalSummary;
};

// A handler's proposal for decision, as the head reads it.
export type ProposalSummary = {
  byName: string;
  dateText: string;
  facts: Array<{ title: string; value: string }>;
};

// The handler's form for a proposal for decision (the decision's fields, sent to the head).
export type ProposalFormViewModel = Omit<DecisionFormViewModel, 'proposal'>;

// The head assigns a named handler; a handler passes the case on.
export type HandoverFormViewModel = {
  caseId: string;
  caseNumber: string;
  unitName: string;
  termLabel: string;
  currentHandler?: string;
  handlers: Array<{ id: string; name: string }>;
  errors: Record<string, string>;
};

// The principal withdraws the application before the decision.
export type WithdrawFormViewModel = {
  caseId: string;
  caseNumber: string;
  unitName: string;
  termLabel: string;
  errors: Record<string, string>;
};

// Posted in the principal's chat.
export type DecisionViewModel = {
  // Set where the card offers the decision as a PDF ("Spara beslutet som PDF").
  caseId?: string;
  // The letter is the principal's: only they are told to keep it, and offered the PDF and their
  // cases. Elevhälsan reading it again sees the letter alone.
  forPrincipal: boolean;
  caseNumber: string;
  termLabel: string;
  unitName: string;
  // As in CompletionRequestViewModel.
  pupilLabel?: string;
  outcome: TDecisionOutcome;
  amountPerMonthText?: string;
  periodText?: string;
  // The decision letter; paragraphs separated by blank lines.
  text: string;
  // The date alone, for independent units: "21 april 2027".
  appealDeadlineText?: string;
};

export type CaseQueueItem = {
  caseId: string;
  caseNumber: string;
  unitName: string;
  termLabel: string;
  statusText: string;
  late: boolean;
  handlerName?: string;
  // ISO timestamp, for the order; submittedText for the eye: "2 maj 2027".
  submittedAt: string;
  submittedText: string;
};

// Undecided cases only; the card shows the oldest first.
// noChannel: no Elevhälsa channel is registered, so new cases are posted nowhere yet.
// `cases` may be one page (the oldest first): then `total` and `unassigned` count the whole queue.
export type CaseQueueViewModel = { cases: CaseQueueItem[]; noChannel?: boolean; total?: number; unassigned?: number };
