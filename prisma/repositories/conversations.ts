// Conversation references kept for proactive messages: a principal's 1:1 chat with the bot and
// the Elevhälsa team channel.
import type { ConversationRecord, ConversationRepository } from '../../domain/ports';
import type { ConversationReference } from '../generated/client';
import { type Db, json } from './shared';

function toConversation(row: ConversationReference): ConversationRecord {
  return {
    id: row.id,
    tenantId: row.tenantId,
    kind: row.kind,
    personId: row.personId,
    teamId: row.teamId,
    channelId: row.channelId,
    conversationId: row.conversationId,
    serviceUrl: row.serviceUrl,
    reference: row.reference,
    updatedAt: row.updatedAt,
  };
}

export function createConversationRepository(db: Db): ConversationRepository {
  return {
    async upsertPersonal({ personId, tenantId, conversationId, serviceUrl, reference }) {
      const data = { tenantId, kind: 'personal' as const, conversationId, serviceUrl, reference: json(reference), teamId: null, channelId: null };
      const row = await db.conversationReference.upsert({ where: { personId }, create: { personId, ...data }, update: data });
      return toConversation(row);
    },

    async upsertChannel({ tenantId, teamId, channelId, conversationId, serviceUrl, reference }) {
      const data = { tenantId, kind: 'channel' as const, teamId, channelId, serviceUrl, reference: json(reference), personId: null };
      const row = await db.conversationReference.upsert({ where: { conversationId }, create: { conversationId, ...data }, update: data });
      return toConversation(row);
    },

    async getPersonal(personId) {
      const row = await db.conversationReference.findUnique({ where: { personId } });
      return row && toConversation(row);
    },

    async getChannel(where) {
      let teamId: string;
      let channelId: string | undefined;
      if ('municipalityId' in where) {
        const m = await db.municipality.findUnique({ where: { id: where.municipalityId }, select: { elevhalsaTeamId: true, elevhalsaChannelId: true } });
        if (!m?.elevhalsaTeamId) return null;
        teamId = m.elevhalsaTeamId;
        channelId = m.elevhalsaChannelId ?? undefined;
      } else {
        ({ teamId, channelId } = where);
      }
      const row = await db.conversationReference.findFirst({
        where: { kind: 'channel', teamId, ...(channelId !== undefined && { channelId }) },
        orderBy: { updatedAt: 'desc' },
      });
      return row && toConversation(row);
    },
  };
}
