// The card each case has in the Elevhälsa channel. The primary key is the case, so two workers
// racing on one case record one post, and a retry finds the card to update.
import type { ChannelPost, ChannelPostRepository } from '../../domain/ports';
import type { ChannelPost as Row } from '../generated/client';
import { type Db, isUniqueViolation } from './shared';

function toPost(row: Row): ChannelPost {
  return { caseId: row.caseId, conversationId: row.conversationId, activityId: row.activityId, postedAt: row.postedAt, updatedAt: row.updatedAt };
}

export function createChannelPostRepository(db: Db): ChannelPostRepository {
  return {
    async get(caseId) {
      const row = await db.channelPost.findUnique({ where: { caseId } });
      return row && toPost(row);
    },

    async record({ caseId, conversationId, activityId }) {
      try {
        const row = await db.channelPost.create({ data: { caseId, conversationId, activityId } });
        return { post: toPost(row), created: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await db.channelPost.findUniqueOrThrow({ where: { caseId } });
        return { post: toPost(existing), created: false };
      }
    },

    async touch(caseId, at = new Date()) {
      await db.channelPost.updateMany({ where: { caseId }, data: { updatedAt: at } });
    },

    async replace({ caseId, conversationId, activityId }) {
      await db.channelPost.update({ where: { caseId }, data: { conversationId, activityId, updatedAt: new Date() } });
    },

    async casesWithoutPost(olderThan, limit) {
      const rows = await db.case.findMany({
        where: { channelPost: null, createdAt: { lt: olderThan } },
        select: { id: true },
        orderBy: { createdAt: 'asc' },
        take: limit,
      });
      return rows.map((r) => r.id);
    },
  };
}
