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
        // The case stops waiting for its card in the same statement, so both happen or neither
        // (raw: the case's updated_at keeps meaning a change of the case itself).
        const rows = await db.$queryRaw<{ case_id: string; conversation_id: string; activity_id: string; posted_at: Date; updated_at: Date }[]>`
          WITH "flag" AS (UPDATE "cases" SET "awaiting_channel_post" = false WHERE "id" = ${caseId}::uuid AND "awaiting_channel_post")
          INSERT INTO "channel_posts" ("case_id", "conversation_id", "activity_id") VALUES (${caseId}::uuid, ${conversationId}, ${activityId})
          RETURNING "case_id", "conversation_id", "activity_id", "posted_at", "updated_at"`;
        const r = rows[0]!;
        return { post: { caseId: r.case_id, conversationId: r.conversation_id, activityId: r.activity_id, postedAt: r.posted_at, updatedAt: r.updated_at }, created: true };
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
      // On cases_awaiting_channel_post_idx, so the cost follows the cases still waiting; the
      // NOT EXISTS stays as the truth should a post ever be recorded without clearing the flag.
      // (Raw: Prisma writes `channelPost: null` as NOT IN over every channel post.)
      const rows = await db.$queryRaw<{ id: string }[]>`
        SELECT c."id" FROM "cases" c
        WHERE c."awaiting_channel_post" AND c."created_at" < ${olderThan}
          AND NOT EXISTS (SELECT 1 FROM "channel_posts" p WHERE p."case_id" = c."id")
        ORDER BY c."created_at" LIMIT ${limit}`;
      return rows.map((r) => r.id);
    },
  };
}
