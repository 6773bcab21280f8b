// The acting person's own 1:1 chat with the bot: where cards with a child's details and files go,
// never a channel. The app's OwnChat port, on the proactive sender and the stored chat.
import type { AdaptiveCard } from '../cards';
import type { FileOffer, OwnChat } from '../app/ports';
import type { Repositories } from '../domain/ports';
import { fileConsentActivity } from './file-transfer';
import { cardMessage, type ConversationRef, type OutgoingActivity, type ProactiveSender } from './transport-types';

// true when sent; false when the person has no chat with the bot (or no sender is wired).
async function sendToPerson(repos: Repositories, proactive: ProactiveSender | undefined, personId: string, activity: OutgoingActivity): Promise<boolean> {
  const chat = await repos.conversations.getPersonal(personId);
  if (!chat || !proactive) return false;
  await proactive.send(chat.reference as ConversationRef, activity);
  return true;
}

export function createOwnChat(repos: Repositories, proactive: ProactiveSender | undefined): OwnChat {
  return {
    sendCard: (personId: string, card: AdaptiveCard) => sendToPerson(repos, proactive, personId, cardMessage(card)),
    offerFile: (personId: string, offer: FileOffer) => sendToPerson(repos, proactive, personId, fileConsentActivity(offer)),
  };
}
