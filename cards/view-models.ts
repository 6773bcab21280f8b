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

export type ChecklistItem = { kind: TAttachmentKind; label: string; required: boolean; done: boolean };

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

export type WelcomeViewModel = { displayName?: string; isPrincipal: boolean; openDrafts: number };

export type DraftListViewModel = {
  drafts: Array<{ draftId: string; label: string; stepTitle: string; updatedText: string }>;
};

export type DiscardConfirmViewModel = { draftId: string; label: string };

export type ProblemItem = {
  field: string;
  code: string;
  message: string;
  step: ApplicationStep;
  stepTitle: string;
};

export type ProblemsViewModel = { draftId: string; problems: ProblemItem[]; warnings: ProblemItem[] };

export type ReceiptViewModel = {
  caseNumber: string;
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
  }>;
};

export type MessageAction = { [V in CardVerb]: { title: string; verb: V; data: VerbData[V] } }[CardVerb];

export type MessageViewModel = { title: string; text: string; actions?: MessageAction[] };
