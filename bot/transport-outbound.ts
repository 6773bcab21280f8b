// Outbound calls to the Bot Framework connector through the Teams SDK's API client: the mapping
// of our outgoing activities to its input type, and proactive sends to stored references.
import type { App } from '@microsoft/teams.apps';
import type { ActivityParams } from '@microsoft/teams.api';
import {
  CHANNEL_ID,
  type ConversationRef,
  type OutgoingActivity,
  type ProactiveSender,
  type SentRef,
} from './transport-types';
import { normalizeServiceUrl } from './transport-context';

type ApiClient = App['api'];

export function toSdkActivity(activity: OutgoingActivity): ActivityParams {
  if (typeof activity === 'string') return { type: 'message', text: activity };
  if (activity.type === 'typing') return { type: 'typing' };
  // Attachments are our plain JSON; the SDK's Attachment type is the same wire shape.
  return { ...activity, type: 'message' } as ActivityParams;
}

function requireMessage(activity: OutgoingActivity): ActivityParams {
  const params = toSdkActivity(activity);
  if (params.type !== 'message') throw new Error('Only messages can be updated, not typing indicators');
  return params;
}

/**
 * Sends to stored references with the connector at each reference's own serviceUrl (Teams
 * routes conversations regionally; the SDK's app.send would use one global URL and refuses to
 * run without a client id, which local development and the harness do not have).
 * Tokens: the API client asks the app's token provider per request (MSAL client-credentials
 * with BOT_ID/BOT_PASSWORD, cached by MSAL); with no client id it sends no Authorization header.
 */
export function createProactiveSender(api: ApiClient, botAccountId: string): ProactiveSender {
  const clientFor = (serviceUrl: string) => api.clone({ serviceUrl: normalizeServiceUrl(serviceUrl) });
  const conversationOf = (ref: ConversationRef) => ({
    id: ref.conversationId,
    ...(ref.conversationType ? { conversationType: ref.conversationType } : {}),
    ...(ref.tenantId ? { tenantId: ref.tenantId } : {}),
  });

  return {
    async send(ref, activity): Promise<SentRef> {
      const payload = { ...toSdkActivity(activity), from: ref.bot, conversation: conversationOf(ref) };
      const res = await clientFor(ref.serviceUrl).conversations.createActivity(
        ref.conversationId,
        payload as ActivityParams,
      );
      return { id: res.id };
    },

    async update(ref, activityId, activity): Promise<void> {
      const payload = { ...requireMessage(activity), id: activityId, from: ref.bot, conversation: conversationOf(ref) };
      await clientFor(ref.serviceUrl).conversations.updateActivity(
        ref.conversationId,
        activityId,
        payload as ActivityParams,
      );
    },

    async createPersonalConversation({ serviceUrl, tenantId, userId }): Promise<ConversationRef> {
      const res = await clientFor(serviceUrl).conversations.create({
        bot: { id: botAccountId },
        members: [{ id: userId, role: 'user' }],
        tenantId,
        channelData: { tenant: { id: tenantId } },
      });
      return {
        channelId: CHANNEL_ID,
        serviceUrl: normalizeServiceUrl(serviceUrl),
        conversationId: res.id,
        conversationType: 'personal',
        tenantId,
        bot: { id: botAccountId },
        user: { id: userId },
      };
    },
  };
}
