// What a card button sends, parsed on the server whatever the client checked: the verb must
// be one of ours and its ids must have the shape the verb table says. Input values travel
// alongside and are parsed per field later (card-input.ts); ids never come from them.
import { z } from 'zod';
import { CARD_VERBS, VERB_SCHEMAS, type CardVerb, type VerbData } from '../cards/verbs';

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
