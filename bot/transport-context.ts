// Builds the transport-independent TurnContext from one inbound activity and two send functions.
// Kept free of the Teams SDK so the same builder serves the SDK adapter and test doubles.
import {
  CHANNEL_ID,
  FILE_DOWNLOAD_INFO_CONTENT_TYPE,
  type ConversationRef,
  type InboundActivity,
  type IncomingFile,
  type MemberInfo,
  type OutgoingActivity,
  type SentRef,
  type TurnContext,
} from './transport-types';

export type ContextSenders = {
  send(activity: OutgoingActivity): Promise<SentRef>;
  update(activityId: string, activity: OutgoingActivity): Promise<void>;
  member?(): Promise<MemberInfo | null>;
};

/** Tenant from the conversation, else from channel data (Teams puts it in either, by activity). */
export function tenantOf(activity: InboundActivity): string | undefined {
  return activity.conversation?.tenantId || activity.channelData?.tenant?.id || undefined;
}

export function normalizeServiceUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

export function referenceOf(activity: InboundActivity): ConversationRef {
  const tenantId = tenantOf(activity);
  const ref: ConversationRef = {
    channelId: activity.channelId || CHANNEL_ID,
    serviceUrl: normalizeServiceUrl(activity.serviceUrl),
    conversationId: activity.conversation.id,
    bot: { id: activity.recipient.id, ...(activity.recipient.name ? { name: activity.recipient.name } : {}) },
  };
  if (activity.conversation.conversationType) ref.conversationType = activity.conversation.conversationType;
  if (tenantId) ref.tenantId = tenantId;
  if (activity.from?.id) {
    ref.user = {
      id: activity.from.id,
      ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
      ...(activity.from.name ? { name: activity.from.name } : {}),
    };
  }
  if (activity.locale) ref.locale = activity.locale;
  return ref;
}

/**
 * The files of a personal-chat message. Teams sends each dropped file as an attachment
 * `{ contentType: 'application/vnd.microsoft.teams.file.download.info', name, contentUrl,
 *    content: { downloadUrl, uniqueId, fileType } }`; malformed entries are skipped.
 */
export function filesOf(activity: InboundActivity): IncomingFile[] {
  if (activity.type !== 'message' || !Array.isArray(activity.attachments)) return [];
  const files: IncomingFile[] = [];
  for (const a of activity.attachments) {
    if (a?.contentType !== FILE_DOWNLOAD_INFO_CONTENT_TYPE) continue;
    const content = (typeof a.content === 'object' && a.content !== null ? a.content : {}) as Record<string, unknown>;
    const downloadUrl = content.downloadUrl;
    if (typeof downloadUrl !== 'string' || !downloadUrl || typeof a.name !== 'string' || !a.name) continue;
    const file: IncomingFile = { name: a.name, downloadUrl };
    if (typeof content.fileType === 'string') file.fileType = content.fileType;
    if (typeof content.uniqueId === 'string') file.uniqueId = content.uniqueId;
    if (typeof a.contentUrl === 'string') file.contentUrl = a.contentUrl;
    files.push(file);
  }
  return files;
}

export function createTurnContext<A extends InboundActivity>(activity: A, senders: ContextSenders): TurnContext<A> {
  const reference = referenceOf(activity);
  return {
    activity,
    tenantId: reference.tenantId,
    aadObjectId: activity.from?.aadObjectId || undefined,
    userName: activity.from?.name || undefined,
    conversationId: activity.conversation.id,
    conversationType: activity.conversation.conversationType ?? 'personal',
    serviceUrl: reference.serviceUrl,
    reference,
    files: filesOf(activity),
    send: senders.send,
    update: senders.update,
    ...(senders.member ? { member: senders.member } : {}),
  };
}
