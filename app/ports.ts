// What the use cases and jobs need from the outside world, implemented by bot/ (which knows
// Teams): a person's own 1:1 chat, and sending cards to stored conversations. No Teams types:
// a conversation reference is whatever bot/ stored, passed back to it as is.
import type { AdaptiveCard } from '../cards';

// Which file an offer is: an attachment of a case, or a decision's PDF. Comes back with the
// person's answer and is checked again then (app/case/consented-file.ts).
export type FileOfferContext = { caseId: string; attachmentId: string } | { caseId: string; decisionId: string };

export interface FileOffer {
  name: string;
  size: number;
  description: string;
  context: FileOfferContext;
}

export interface OwnChat {
  // true when sent; false when the person has no chat with the bot.
  sendCard(personId: string, card: AdaptiveCard): Promise<boolean>;
  // Offers a file for the person to accept into their own storage.
  offerFile(personId: string, offer: FileOffer): Promise<boolean>;
}

export interface Messenger {
  // A new message in a stored conversation; its id and conversation, to update it later.
  send(reference: unknown, card: AdaptiveCard, summary: string): Promise<{ id: string; conversationId: string }>;
  // Replaces a message sent earlier in the same place (another thread of the same channel).
  update(reference: unknown, message: { conversationId: string; activityId: string }, card: AdaptiveCard, summary: string): Promise<void>;
  // Offers a file in a stored 1:1 chat, for the person to accept into their own storage.
  offerFile(reference: unknown, offer: FileOffer): Promise<void>;
}

// The recipient is gone for good (the bot was removed, the conversation deleted): a retry would
// fail the same way, so the job records the failure instead.
export class RecipientGone extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(reason);
  }
}
