// Every button is an Action.Execute (Universal Actions: the bot can answer with an updated
// card) with an Action.Submit fallback for clients without Action.Execute. The fallback puts
// the verb into `data` because a plain submit has no verb of its own; the bot reads either.
import type { CardAction, CardRefresh } from './types';
import type { CardVerb, VerbData } from './verbs';

export type ExecuteOptions = {
  style?: 'default' | 'positive' | 'destructive';
  // 'none' for buttons that only navigate: a client refuses to send a card whose required
  // inputs are empty, and going back or pausing must never be blocked by a half-filled step.
  associatedInputs?: 'auto' | 'none';
  tooltip?: string;
};

export function execute<V extends CardVerb>(
  title: string,
  verb: V,
  data: VerbData[V],
  opts: ExecuteOptions = {},
): CardAction {
  const shared: Record<string, unknown> = {};
  if (opts.style && opts.style !== 'default') shared.style = opts.style;
  if (opts.associatedInputs) shared.associatedInputs = opts.associatedInputs;
  if (opts.tooltip) shared.tooltip = opts.tooltip;
  return {
    type: 'Action.Execute',
    title,
    verb,
    data: { ...data },
    ...shared,
    fallback: { type: 'Action.Submit', title, data: { verb, ...data }, ...shared },
  };
}

// Teams accepts at most 60 user ids in a refresh; the others refresh from the card's menu.
export const MAX_REFRESH_USERS = 60;

// The refresh action has no Action.Submit fallback: a client without Action.Execute does not
// refresh at all, and the schema allows only Action.Execute there.
export function cardRefresh<V extends CardVerb>(verb: V, data: VerbData[V], userIds: readonly string[]): CardRefresh {
  return {
    action: { type: 'Action.Execute', title: 'Uppdatera', verb, data: { ...data } },
    userIds: [...new Set(userIds)].slice(0, MAX_REFRESH_USERS),
  };
}
