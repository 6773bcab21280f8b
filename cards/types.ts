// Adaptive Card JSON as plain objects. Deliberately loose: the cards are checked against the
// real schema by the adaptivecards parser in the tests, not by hand-written types.
export type CardElement = { type: string } & Record<string, unknown>;
export type CardAction = { type: string; title: string } & Record<string, unknown>;

// Universal Actions: Teams sends `action` (an Action.Execute) when one of `userIds` (user MRIs,
// at most 60) opens the card, and shows the card the bot answers with to that user only.
export interface CardRefresh {
  action: CardAction;
  userIds: string[];
}

// A type, not an interface, so a card is assignable where the transport takes any JSON card.
export type AdaptiveCard = {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  type: 'AdaptiveCard';
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  refresh?: CardRefresh;
};

export interface CardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: AdaptiveCard;
}
