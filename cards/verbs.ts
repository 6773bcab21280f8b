// The verbs of every card button and the ids each one carries, as one table of zod schemas. The
// bot routes on `verb` and trusts only these ids (never user data) to find the draft or case;
// it parses what a button sends with the same schemas the verb list, the data types and the
// data keys are derived from, so the cards and the bot cannot drift apart.
import { z } from 'zod';
import { REMINDER_KINDS } from '../domain/vocabulary';
import { APPLICATION_STEPS } from '../machines/application.steps';
import { FOLLOW_UP_STEPS } from '../machines/follow-up.steps';

const draftId = z.uuid();
// `step` is the step the card shows for step.next/step.back (the bot moves on from there) and
// the target step for step.goto.
const step = z.enum(APPLICATION_STEPS);
// Ids of items inside a draft (a measure, an attachment), made by the bot.
const shortId = z.string().trim().min(1).max(100);
const empty = z.object({});
const draft = z.object({ draftId });
const draftStep = z.object({ draftId, step });
// A case's uuid: the bot looks the case up and checks the viewer's role before anything else.
const kase = z.object({ caseId: z.uuid() });
const term = z.string().regex(/^(HT|VT)\d{4}$/);
const followUpStep = z.object({ draftId, step: z.enum(FOLLOW_UP_STEPS) });

export const VERB_SCHEMAS = {
  'app.new': empty,
  // A new application although drafts are open: the principal chose it on the draft list.
  'app.new.confirm': empty,
  'app.resume': empty,
  'cases.mine': empty,
  help: empty,
  'draft.open': draft,
  'step.next': draftStep,
  'step.back': draftStep,
  'step.goto': draftStep,
  // The step too, so the bot can tell a stale card from the current one.
  'draft.save': draftStep,
  // Saves the step's answers and shows the same step again, recomputed (hours and amount).
  'step.recalculate': draftStep,
  'draft.discard': draft,
  'draft.discard.confirm': draft,
  'draft.discard.cancel': draft,
  // The card's own id for the measure it adds: the same card pressed twice (a double click, a
  // retried invoke) adds it once. A fresh card carries a fresh id.
  'measure.add': draft.extend({ newMeasureId: z.uuid() }),
  'measure.remove': draft.extend({ measureId: shortId }),
  // Attachments are rows with uuid ids.
  'attachment.kind': draft.extend({ attachmentId: z.uuid() }),
  'app.submit': draft,
  // Elevhälsan's side: the channel card, the full application and the decision.
  // Universal Actions refresh of the Elevhälsa channel card (per viewer: buttons follow the role).
  'case.refresh': kase,
  'case.assign': kase,
  'case.view': kase,
  'case.completion.form': kase,
  // Inputs: completion.message, completion.step.
  'case.completion.send': kase,
  'case.assessment.form': kase,
  // Inputs: assessment.<areaId>.current and .desired for every area of the profile.
  'case.assessment.send': kase,
  'case.decision.form': kase,
  // Inputs: decision.outcome, decision.amountPerMonth, decision.from, decision.to, decision.reason,
  // decision.approvedMeasures (comma-separated measure ids), decision.significantDifficulties.
  'case.decision.send': kase,
  // The principal reopens the application at the step Elevhälsan asked to be completed.
  'case.complete.open': kase,
  // The principal opens the decision letter again from "Mina ärenden".
  'case.decision.show': kase,
  // The decision could not be delivered: try the principal's chat again (after a reinstall).
  'case.decision.resend': kase,
  // Input: attachment.id. Sends that file of the case to the person's 1:1 chat (Teams asks them
  // to accept it).
  'case.attachment.get': kase,
  // The decision's stored PDF, offered in the principal's own chat (file consent).
  'case.decision.pdf': kase,
  'cases.queue': empty,
  // Reminders: "Påminn mig igen om en vecka", and `påminnelser`'s switch per kind.
  'reminder.snooze': z.object({ sendId: z.uuid() }),
  'reminder.pause': z.object({ kind: z.enum(REMINDER_KINDS) }),
  'reminder.resume': z.object({ kind: z.enum(REMINDER_KINDS) }),
  'reminders.list': empty,
  // The per-term follow-up (uppföljning): the list of what is due, one case's follow-up for a
  // term (a new draft, or the open one), and the dialog's own steps on its draft.
  'followup.list': empty,
  'followup.start': kase.extend({ term }),
  'followup.open': draft,
  'followup.step.next': followUpStep,
  'followup.step.back': followUpStep,
  'followup.step.goto': followUpStep,
  'followup.draft.save': followUpStep,
  'followup.submit': draft,
  'followup.discard': draft,
  'followup.discard.confirm': draft,
  'followup.discard.cancel': draft,
  'followup.attachment.kind': draft.extend({ attachmentId: z.uuid() }),
  'followup.attachment.remove': draft.extend({ attachmentId: z.uuid() }),
  // Elevhälsan opens a filed follow-up (1:1 chat), with the changes against the previous assessment.
  'case.followup.view': kase.extend({ term }),
  // "Ansök för nästa termin": a new draft prefilled from a granted case.
  'case.renew': kase,
  // A drafter's application and its principal. Input on the summary: the step's answers.
  'app.sendForSignature': draft,
  // The principal's card for a draft sent for signature: sign it (submits), or send it back
  // (input: signature.comment).
  'draft.sign': draft,
  'draft.return': draft,
  // A handler's proposal for decision (förslag till beslut); the same inputs as the decision.
  'case.proposal.form': kase,
  'case.proposal.send': kase,
  // A named handler (input: handover.to, a person id the bot checks is a handler).
  'case.handover.form': kase,
  'case.handover.send': kase,
  // The principal withdraws the application (input: withdrawal.reason).
  'case.withdraw.form': kase,
  'case.withdraw.send': kase,
  // The head ends a granted decision early (inputs: decision.endFrom, decision.endReason).
  'case.decision.end.form': kase,
  'case.decision.end.send': kase,
} as const;

export type CardVerb = keyof typeof VERB_SCHEMAS;
export const CARD_VERBS = Object.keys(VERB_SCHEMAS) as [CardVerb, ...CardVerb[]];

export type VerbData = { [V in CardVerb]: z.infer<(typeof VERB_SCHEMAS)[V]> };

// The ids each verb carries, for the card tests that check every button.
function dataKeys<V extends CardVerb>(verb: V): ReadonlyArray<keyof VerbData[V] & string> {
  return Object.keys(VERB_SCHEMAS[verb].shape) as Array<keyof VerbData[V] & string>;
}
type VerbDataKeys = { readonly [V in CardVerb]: ReadonlyArray<keyof VerbData[V] & string> };
// fromEntries forgets which key holds which list; dataKeys above is what keeps them paired.
export const VERB_DATA_KEYS = Object.fromEntries(CARD_VERBS.map((v) => [v, dataKeys(v)])) as unknown as VerbDataKeys;

const verbSet: ReadonlySet<string> = new Set(CARD_VERBS);
export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && verbSet.has(value);
}
