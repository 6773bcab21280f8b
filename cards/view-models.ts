// What the bot hands the cards. Everything computed (hours, amounts, dates, problem lists) is
// already plain, formatted data here: cards only lay it out.
import type { TApplicationDraft, TAttachmentKind, TMeasureType } from '../domain/schemas';
import type { TMunicipalityProfile } from '../domain/profile';
import type { UnitKind } from '../domain/ports';
import type { ApplicationStep } from '../machines/application.steps';
import type { NoticeStyle } from './card';
import type { CardVerb, VerbData } from './verbs';

export type Notice = { text: string; style: NoticeStyle };

export type UnitOption = { id: string; name: string; kind: UnitKind };

export type TermOption = {
  term: string;
  label: string;
  // The whole phrase, shown as is: "Sista ansökningsdag 15 april 2027".
  deadlineText: string;
  late: boolean;
};

export type AssessmentSummary = {
  hoursCurrent: number;
  hoursDesired: number;
  amountPerMonthText: string;
  explanation: string;
};

// One requirement of the attachments step: a document kind, or one of several kinds ("minst ett
// underlag"). `field` is the review's field for it, so its message can stand beside the line.
export type ChecklistItem = { field: string; label: string; required: boolean; done: boolean };

export type SummarySection = {
  step: ApplicationStep;
  title: string;
  facts: Array<{ title: string; value: string }>;
};

// What the principal typed into the new-measure form when "Lägg till insats" was refused, so
// the form comes back filled in next to the error messages.
export type NewMeasureValues = {
  type?: TMeasureType;
  description?: string;
  hoursPerWeek?: number;
  cost?: number;
};

export type StepViewModel = {
  draftId: string;
  step: ApplicationStep;
  draft: TApplicationDraft;
  profile: TMunicipalityProfile;
  units: UnitOption[];
  termOptions: TermOption[];
  // Server-side messages keyed by data-dictionary path ("pupil.personnummer", "measures[0].cost").
  errors: Record<string, string>;
  notice?: Notice;
  assessmentSummary?: AssessmentSummary;
  // Keyed by measure id: the "ordinary measure" warning shown beside that measure.
  measureNotices?: Record<string, string>;
  newMeasure?: NewMeasureValues;
  // The id the next measure added from this card gets (see 'measure.add' in verbs.ts).
  newMeasureId: string;
  attachmentChecklist?: ChecklistItem[];
  // The uploaded file whose kind the bot asks for.
  pendingAttachment?: { id: string; name: string };
  summarySections?: SummarySection[];
  // A drafter's draft: the summary sends it to the principal instead of carrying a signature.
  forSignature?: boolean;
};

// The principal's card for a draft a drafter sent for signature.
export type SignatureRequestViewModel = {
  draftId: string;
  label: string;
  drafterName: string;
  unitName: string;
  sentText: string;
  summarySections: SummarySection[];
  errors?: Record<string, string>;
  notice?: string;
};

// Who is greeted: each role the person holds adds its part of the card. A principal is someone
// who leads at least one unit (the role alone, without a unit, gives nothing to apply for).
export type WelcomeRoles = { principal: boolean; handler: boolean; head: boolean; admin: boolean };

export type WelcomeViewModel = { displayName?: string; roles: WelcomeRoles; openDrafts: number };

export type DraftListViewModel = {
  drafts: Array<{ draftId: string; label: string; stepTitle: string; updatedText: string }>;
  // Asked for a new application while drafts are open: continue one, or start another on purpose.
  offerNew?: boolean;
  // With no open draft: the principal's latest submitted application, so a receipt lost in a
  // crash (or scrolled away) is one "fortsätt" away.
  lastSubmitted?: { caseNumber: string; pupilRef: string; submittedText: string };
};

export type DiscardConfirmViewModel = { draftId: string; label: string };

export type ProblemItem = {
  field: string;
  code: string;
  message: string;
  step: ApplicationStep;
  stepTitle: string;
};

export type ProblemsViewModel = {
  draftId: string;
  problems: ProblemItem[];
  warnings: ProblemItem[];
  // Overdue follow-ups that block the application: one button each opens the follow-up.
  followUps?: Array<{ caseId: string; term: string; caseNumber: string }>;
};

export type ReceiptViewModel = {
  caseNumber: string;
  pupilName: string;
  unitName: string;
  termLabel: string;
  late: boolean;
  // The date alone, e.g. "15 april 2027": the card words the sentence around it.
  deadlineText: string;
  submittedText: string;
  hoursCurrent: number;
  amountPerMonthText: string;
  nextSteps: string[];
};

export type CaseListViewModel = {
  cases: Array<{
    caseNumber: string;
    termLabel: string;
    unitName: string;
    statusText: string;
    submittedText: string;
    pupilLabel: string;
    // Once decided: the case id for "Visa beslutet".
    decidedCaseId?: string;
    // Buttons for the case: the follow-up due, "Ansök för nästa termin".
    actions?: MessageAction[];
  }>;
  // When `cases` is one page (the newest first): how many the principal has in all.
  total?: number;
};

export type MessageAction = { [V in CardVerb]: { title: string; verb: V; data: VerbData[V] } }[CardVerb];

export type MessageViewModel = { title: string; text: string; actions?: MessageAction[] };
