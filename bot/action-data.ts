// What a card button sends, parsed on the server whatever the client checked: the verb must
// be one of ours and its ids must have the shape the verb table says. Input values travel
// alongside and are parsed per field later (card-input.ts); ids never come from them.
import { z } from 'zod';
import { CARD_VERBS, type CardVerb, type VerbData } from '../cards/verbs';
import { APPLICATION_STEPS } from '../machines/application.steps';

const draftId = z.uuid();
const step = z.enum(APPLICATION_STEPS);
const shortId = z.string().trim().min(1).max(100);
const empty = z.object({});
const draft = z.object({ draftId });
const draftStep = z.object({ draftId, step });
const kase = z.object({ caseId: z.uuid() });

const VERB_SCHEMAS = {
  'app.new': empty,
  'app.resume': empty,
  'cases.mine': empty,
  help: empty,
  'draft.open': draft,
  'step.next': draftStep,
  'step.back': draftStep,
  'step.goto': draftStep,
  'draft.save': draftStep,
  'step.recalculate': draftStep,
  'draft.discard': draft,
  'draft.discard.confirm': draft,
  'draft.discard.cancel': draft,
  'measure.add': draft,
  'measure.remove': draft.extend({ measureId: shortId }),
  'attachment.kind': draft.extend({ attachmentId: shortId }),
  'app.submit': draft,
  'case.refresh': kase,
  'case.assign': kase,
  'case.view': kase,
  'case.completion.form': kase,
  'case.completion.send': kase,
  'case.assessment.form': kase,
  'case.assessment.send': kase,
  'case.decision.form': kase,
  'case.decision.send': kase,
  'case.complete.open': kase,
  'case.decision.resend': kase,
  'case.attachment.get': kase,
  'cases.queue': empty,
} satisfies { [V in CardVerb]: z.ZodType<VerbData[V]> };

export type ParsedAction = { [V in CardVerb]: { verb: V; ids: VerbData[V]; inputs: Record<string, unknown> } }[CardVerb];

export type ActionParseResult = { ok: true; action: ParsedAction } | { ok: false; reason: 'unknown_verb' | 'bad_ids' };

const ZVerb = z.enum(CARD_VERBS);

// `verb` comes from Action.Execute's own field, or from `data.verb` for the Action.Submit
// fallback; `data` is the card's data merged with its inputs.
export function parseAction(verb: unknown, data: unknown): ActionParseResult {
  const record = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const v = ZVerb.safeParse(verb ?? record.verb);
  if (!v.success) return { ok: false, reason: 'unknown_verb' };
  const ids = VERB_SCHEMAS[v.data].safeParse(record);
  if (!ids.success) return { ok: false, reason: 'bad_ids' };
  return { ok: true, action: { verb: v.data, ids: ids.data, inputs: record } as ParsedAction };
}
