// Sends to the acting person's own 1:1 chat with the bot: where cards with a child's details and
// files go, never a channel. Without a stored chat the person is told how to open one.
import type { Repositories } from '../domain/ports';
import type { Actor } from './identity';
import type { ConversationRef, OutgoingActivity, ProactiveSender } from './transport-types';

export const NO_OWN_CHAT = 'Öppna en chatt med Tilläggsbot först (skriv ”hej” till den), och tryck sedan på knappen igen.';

// true when sent; false when the person has no chat with the bot (or no sender is wired).
export async function sendToOwnChat(
  deps: { repos: Repositories; proactive?: ProactiveSender },
  actor: Actor,
  activity: OutgoingActivity,
): Promise<boolean> {
  const chat = await deps.repos.conversations.getPersonal(actor.person.id);
  if (!chat || !deps.proactive) return false;
  await deps.proactive.send(chat.reference as ConversationRef, activity);
  return true;
}
