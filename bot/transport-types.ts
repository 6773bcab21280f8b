// The contract between the Teams transport and the dialog logic. Handlers see only these types,
// never the Teams SDK's, so they can be driven by the HTTP harness, a unit-test double or a
// future transport alike. Activity shapes follow the Bot Framework wire format that Teams sends.

export const CHANNEL_ID = 'msteams';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** A file a user dropped into the personal chat (manifest: bots[].supportsFiles = true). */
export const FILE_DOWNLOAD_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.file.download.info';
export const INVOKE_RESPONSE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
export const INVOKE_RESPONSE_MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';
export const INVOKE_RESPONSE_ERROR_TYPE = 'application/vnd.microsoft.error';

// ---------------------------------------------------------------- inbound activities

export type ChannelAccount = {
  /** Teams user id (29:...) or bot id (28:...). Not the Entra object id. */
  id: string;
  name?: string;
  /** Entra object id of a user; the identity the domain keys principals on. */
  aadObjectId?: string;
  role?: string;
};

export type ConversationType = 'personal' | 'groupChat' | 'channel';

export type ConversationAccount = {
  id: string;
  conversationType?: ConversationType | (string & {});
  tenantId?: string;
  isGroup?: boolean;
  name?: string;
};

export type Attachment = {
  contentType: string;
  content?: unknown;
  contentUrl?: string;
  name?: string;
};

export type TeamsChannelData = {
  tenant?: { id: string };
  team?: { id: string; name?: string };
  channel?: { id: string; name?: string };
  eventType?: string;
  [key: string]: unknown;
};

type InboundBase = {
  id?: string;
  channelId: string;
  serviceUrl: string;
  from: ChannelAccount;
  recipient: ChannelAccount;
  conversation: ConversationAccount;
  channelData?: TeamsChannelData;
  locale?: string;
  timestamp?: string;
  replyToId?: string;
};

/**
 * A chat message. Also carries Action.Submit from cards without Action.Execute: then `value`
 * holds the card's input values and `text` is usually empty.
 */
export type MessageActivity = InboundBase & {
  type: 'message';
  text?: string;
  value?: unknown;
  attachments?: Attachment[];
};

export type AdaptiveCardAction = {
  type: 'Action.Execute' | 'Action.Submit';
  id?: string;
  verb?: string;
  /** The card's `data` merged with its input values, keyed by input id. */
  data: Record<string, unknown>;
};

/** Action.Execute (Universal Actions): the response replaces the card in place. */
export type CardActionActivity = InboundBase & {
  type: 'invoke';
  name: 'adaptiveCard/action';
  value: { action: AdaptiveCardAction; trigger?: 'manual'; state?: string };
};

export type FileUploadInfo = {
  name?: string;
  uploadUrl?: string;
  contentUrl?: string;
  uniqueId?: string;
  fileType?: string;
};

/** The user answered a FileConsentCard the bot sent (bot -> user file transfer). */
export type FileConsentActivity = InboundBase & {
  type: 'invoke';
  name: 'fileConsent/invoke';
  value: { action: 'accept' | 'decline'; context?: unknown; uploadInfo?: FileUploadInfo };
};

export type InstallationUpdateActivity = InboundBase & {
  type: 'installationUpdate';
  action: 'add' | 'remove' | 'add-upgrade' | 'remove-upgrade' | (string & {});
};

export type ConversationUpdateActivity = InboundBase & {
  type: 'conversationUpdate';
  membersAdded?: ChannelAccount[];
  membersRemoved?: ChannelAccount[];
};

/** Either install signal: Teams sends both for one install, in no guaranteed order. */
export type InstallActivity = InstallationUpdateActivity | ConversationUpdateActivity;

export type InboundActivity =
  | MessageActivity
  | CardActionActivity
  | FileConsentActivity
  | InstallActivity;

// ---------------------------------------------------------------- files

/** Metadata of a file the user attached in personal chat; the bytes are not fetched yet. */
export type IncomingFile = {
  name: string;
  /** Pre-authorized, short-lived (minutes) URL: fetch with a plain GET, no Authorization header. */
  downloadUrl: string;
  /** Extension without the dot, e.g. "pdf". */
  fileType?: string;
  uniqueId?: string;
  /** Browsable OneDrive link; not fetchable for bytes. */
  contentUrl?: string;
};

// ---------------------------------------------------------------- outbound

export type AdaptiveCard = { type: 'AdaptiveCard'; version: string; [key: string]: unknown };

export type OutgoingMessage = {
  type?: 'message';
  text?: string;
  textFormat?: 'markdown' | 'plain' | 'xml';
  attachments?: Attachment[];
  attachmentLayout?: 'list' | 'carousel';
  /** Shown in notifications instead of the card. */
  summary?: string;
};

/** What a handler can send: plain text, a message, or a typing indicator. */
export type OutgoingActivity = string | OutgoingMessage | { type: 'typing' };

export type SentRef = { id: string };

export function adaptiveCardAttachment(card: AdaptiveCard): Attachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}

/** A message that carries one Adaptive Card. */
export function cardMessage(card: AdaptiveCard, summary?: string): OutgoingMessage {
  return { type: 'message', attachments: [adaptiveCardAttachment(card)], ...(summary ? { summary } : {}) };
}

// ---------------------------------------------------------------- invoke responses

export type CardActionResponse =
  | { statusCode: 200; type: typeof INVOKE_RESPONSE_CARD_TYPE; value: AdaptiveCard }
  | { statusCode: 200; type: typeof INVOKE_RESPONSE_MESSAGE_TYPE; value: string }
  | {
      statusCode: 400 | 500;
      type: typeof INVOKE_RESPONSE_ERROR_TYPE;
      value: { code: string; message: string };
    };

/** Replace the card the user acted on with `card`. */
export function cardResponse(card: AdaptiveCard): CardActionResponse {
  return { statusCode: 200, type: INVOKE_RESPONSE_CARD_TYPE, value: card };
}

/** Leave the card as it is and show `text` to the user. */
export function messageResponse(text: string): CardActionResponse {
  return { statusCode: 200, type: INVOKE_RESPONSE_MESSAGE_TYPE, value: text };
}

// ---------------------------------------------------------------- conversation reference

/**
 * Everything needed to post into a conversation later (reminders, decisions, Elevhälsan
 * notifications). Plain JSON: store it as is.
 */
export type ConversationRef = {
  channelId: string;
  serviceUrl: string;
  conversationId: string;
  conversationType?: string;
  tenantId?: string;
  bot: { id: string; name?: string };
  /** The user who caused the turn; absent for references built for channels. */
  user?: { id: string; aadObjectId?: string; name?: string };
  locale?: string;
};

// ---------------------------------------------------------------- turn context

export type TurnContext<A extends InboundActivity = InboundActivity> = {
  readonly activity: A;
  /** Tenant of the conversation (conversation.tenantId, else channelData.tenant.id). */
  readonly tenantId: string | undefined;
  /** Entra object id of the sender; absent for system activities. */
  readonly aadObjectId: string | undefined;
  readonly userName: string | undefined;
  readonly conversationId: string;
  readonly conversationType: string;
  readonly serviceUrl: string;
  readonly reference: ConversationRef;
  /** Files attached to a personal-chat message (file.download.info attachments); else empty. */
  readonly files: readonly IncomingFile[];
  send(activity: OutgoingActivity): Promise<SentRef>;
  /** Replace an earlier bot message (e.g. a card) in this conversation. */
  update(activityId: string, activity: OutgoingActivity): Promise<void>;
  /**
   * The sender as a member of this conversation (Teams' member lookup gives the e-mail and UPN,
   * which activities leave out). Absent in test doubles that cannot look anyone up.
   */
  member?(): Promise<MemberInfo | null>;
};

export type MemberInfo = { email?: string; userPrincipalName?: string; name?: string };

export type InstallTrigger = 'installationUpdate' | 'membersAdded';

/**
 * The dialog logic. An exception thrown from any of these is caught by the transport, logged,
 * and answered with a polite apology; the server keeps running.
 */
export interface BotHandlers {
  /** Chat text, attached files (ctx.files), and Action.Submit values when onSubmit is absent. */
  onMessage(ctx: TurnContext<MessageActivity>): Promise<void>;
  /** Action.Submit from a card (a message with `value`). Falls back to onMessage when absent. */
  onSubmit?(ctx: TurnContext<MessageActivity>): Promise<void>;
  /** Action.Execute. Return cardResponse(card) to replace the card, or messageResponse(text). */
  onCardAction(ctx: TurnContext<CardActionActivity>): Promise<CardActionResponse>;
  /**
   * The bot was installed or added to a conversation. Teams sends two signals for one install
   * (conversationUpdate with the bot in membersAdded, and installationUpdate "add"), so this can
   * run twice for one install: store the reference idempotently and welcome only once.
   */
  onInstall(ctx: TurnContext<InstallActivity>, trigger: InstallTrigger): Promise<void>;
  /** The bot was uninstalled or removed (installationUpdate "remove" / bot in membersRemoved). */
  onUninstall?(ctx: TurnContext<InstallActivity>): Promise<void>;
  /** Answer to a FileConsentCard the bot sent. */
  onFileConsent?(ctx: TurnContext<FileConsentActivity>): Promise<void>;
}

/** Sends outside a turn, to a stored reference. */
export interface ProactiveSender {
  send(reference: ConversationRef, activity: OutgoingActivity): Promise<SentRef>;
  update(reference: ConversationRef, activityId: string, activity: OutgoingActivity): Promise<void>;
  /**
   * Open (or find) the 1:1 chat between the bot and a user who installed the app, and return a
   * reference to it. Teams returns the same conversation id for the same user each time.
   */
  createPersonalConversation(input: {
    serviceUrl: string;
    tenantId: string;
    /** Teams user id (29:...), from a stored reference's user.id. */
    userId: string;
  }): Promise<ConversationRef>;
}
