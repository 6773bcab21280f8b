// A short polite reply: an unknown command, a stale button, a confirmation.
import type { AdaptiveCard, CardAction } from './types';
import type { MessageAction, MessageViewModel } from './view-models';
import { adaptiveCard, heading, text } from './card';
import { execute } from './actions';
import type { CardVerb, VerbData } from './verbs';

function toAction<V extends CardVerb>(a: { title: string; verb: V; data: VerbData[V] }): CardAction {
  return execute(a.title, a.verb, a.data);
}

export function messageCard(vm: MessageViewModel): AdaptiveCard {
  const actions = (vm.actions ?? []).map((a: MessageAction) => toAction(a));
  return adaptiveCard([heading(vm.title), text(vm.text)], actions);
}
