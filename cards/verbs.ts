// The verbs of every card button and the ids each one carries. The bot routes on `verb` and
// trusts only these ids (never user data) to find the draft; one table keeps both sides in step.
import type { ApplicationStep } from '../machines/application.steps';

export const CARD_VERBS = [
  'app.new',
  'app.resume',
  'cases.mine',
  'help',
  'draft.open',
  'step.next',
  'step.back',
  'step.goto',
  'draft.save',
  'step.recalculate',
  'draft.discard',
  'draft.discard.confirm',
  'draft.discard.cancel',
  'measure.add',
  'measure.remove',
  'attachment.kind',
  'app.submit',
  // Elevhälsan's side: the channel card, the full application and the decision.
  'case.refresh',
  'case.assign',
  'case.view',
  'case.completion.form',
  'case.completion.send',
  'case.assessment.form',
  'case.assessment.send',
  'case.decision.form',
  'case.decision.send',
  'case.complete.open',
  'case.decision.resend',
  'case.attachment.get',
  'cases.queue',
] as const;
export type CardVerb = (typeof CARD_VERBS)[number];

type Draft = { draftId: string };
// `step` is the step the card shows for step.next/step.back (the bot moves on from there) and
// the target step for step.goto.
type DraftStep = Draft & { step: ApplicationStep };
type Empty = Record<string, never>;
// A case's uuid: the bot looks the case up and checks the viewer's role before anything else.
type Case = { caseId: string };

export interface VerbData {
  'app.new': Empty;
  'app.resume': Empty;
  'cases.mine': Empty;
  help: Empty;
  'draft.open': Draft;
  'step.next': DraftStep;
  'step.back': DraftStep;
  'step.goto': DraftStep;
  // The step too, so the bot can tell a stale card from the current one.
  'draft.save': DraftStep;
  // Saves the step's answers and shows the same step again, recomputed (hours and amount).
  'step.recalculate': DraftStep;
  'draft.discard': Draft;
  'draft.discard.confirm': Draft;
  'draft.discard.cancel': Draft;
  'measure.add': Draft;
  'measure.remove': Draft & { measureId: string };
  'attachment.kind': Draft & { attachmentId: string };
  'app.submit': Draft;
  // Universal Actions refresh of the Elevhälsa channel card (per viewer: buttons follow the role).
  'case.refresh': Case;
  'case.assign': Case;
  'case.view': Case;
  'case.completion.form': Case;
  // Inputs: completion.message, completion.step.
  'case.completion.send': Case;
  'case.assessment.form': Case;
  // Inputs: assessment.<areaId>.current and .desired for every area of the profile.
  'case.assessment.send': Case;
  'case.decision.form': Case;
  // Inputs: decision.outcome, decision.amountPerMonth, decision.from, decision.to, decision.reason,
  // decision.approvedMeasures (comma-separated measure ids), decision.significantDifficulties.
  'case.decision.send': Case;
  // The principal reopens the application at the step Elevhälsan asked to be completed.
  'case.complete.open': Case;
  // The decision could not be delivered: try the principal's chat again (after a reinstall).
  'case.decision.resend': Case;
  // Input: attachment.id. Sends that file of the case to the person's 1:1 chat (Teams asks them
  // to accept it).
  'case.attachment.get': Case;
  'cases.queue': Empty;
}

// Compile-time proof that the table and the list name the same verbs.
type SameKeys = [keyof VerbData] extends [CardVerb] ? ([CardVerb] extends [keyof VerbData] ? true : false) : false;
const sameKeys: SameKeys = true;
void sameKeys;

// The same table at run time: the bot checks an incoming action's data with it, and the card
// tests check every button against it.
export const VERB_DATA_KEYS: { readonly [V in CardVerb]: ReadonlyArray<keyof VerbData[V] & string> } = {
  'app.new': [],
  'app.resume': [],
  'cases.mine': [],
  help: [],
  'draft.open': ['draftId'],
  'step.next': ['draftId', 'step'],
  'step.back': ['draftId', 'step'],
  'step.goto': ['draftId', 'step'],
  'draft.save': ['draftId', 'step'],
  'step.recalculate': ['draftId', 'step'],
  'draft.discard': ['draftId'],
  'draft.discard.confirm': ['draftId'],
  'draft.discard.cancel': ['draftId'],
  'measure.add': ['draftId'],
  'measure.remove': ['draftId', 'measureId'],
  'attachment.kind': ['draftId', 'attachmentId'],
  'app.submit': ['draftId'],
  'case.refresh': ['caseId'],
  'case.assign': ['caseId'],
  'case.view': ['caseId'],
  'case.completion.form': ['caseId'],
  'case.completion.send': ['caseId'],
  'case.assessment.form': ['caseId'],
  'case.assessment.send': ['caseId'],
  'case.decision.form': ['caseId'],
  'case.decision.send': ['caseId'],
  'case.complete.open': ['caseId'],
  'case.decision.resend': ['caseId'],
  'case.attachment.get': ['caseId'],
  'cases.queue': [],
};

const verbSet: ReadonlySet<string> = new Set(CARD_VERBS);
export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && verbSet.has(value);
}
