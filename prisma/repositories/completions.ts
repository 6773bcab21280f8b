// Elevhälsan's requests for completion (komplettering), answered by a resubmitted version.
import type { CompletionRepository, CompletionRequestRecord } from '../../domain/ports';
import type { CompletionRequest as Row } from '../generated/client';
import { type Db, fromDateOnly, notFound, toDateOnly } from './shared';

function toRecord(row: Row): CompletionRequestRecord {
  return {
    id: row.id,
    caseId: row.caseId,
    message: row.message,
    step: row.step,
    requestedById: row.requestedById,
    requestedAt: row.requestedAt,
    deliveryStatus: row.deliveryStatus,
    answeredVersion: row.answeredVersion,
    answeredAt: row.answeredAt,
    replyBy: toDateOnly(row.replyBy),
  };
}

export function createCompletionRepository(db: Db): CompletionRepository {
  return {
    async create({ caseId, message, step, requestedById, requestedAt, replyBy }) {
      return toRecord(
        await db.completionRequest.create({ data: { caseId, message, step, requestedById, ...(requestedAt ? { requestedAt } : {}), replyBy: fromDateOnly(replyBy) } }),
      );
    },

    async get(id) {
      const row = await db.completionRequest.findUnique({ where: { id } });
      return row && toRecord(row);
    },

    async forCase(caseId) {
      const rows = await db.completionRequest.findMany({ where: { caseId }, orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }] });
      return rows.map(toRecord);
    },

    async open(caseId) {
      const row = await db.completionRequest.findFirst({ where: { caseId, answeredVersion: null }, orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }] });
      return row && toRecord(row);
    },

    async markDelivery(id, status) {
      await db.completionRequest.update({ where: { id }, data: { deliveryStatus: status } }).catch(notFound('completion request', id));
    },

    async listUndelivered(olderThan, limit) {
      // On completion_requests_pending_delivery_idx, as SQL for the reason in decisions.ts.
      const rows = await db.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "completion_requests" WHERE "delivery_status" = 'pending' AND "answered_version" IS NULL AND "requested_at" < ${olderThan}
        ORDER BY "requested_at" LIMIT ${limit}`;
      return rows.map((r) => r.id);
    },

    async answer(caseId, version, at = new Date()) {
      await db.completionRequest.updateMany({ where: { caseId, answeredVersion: null }, data: { answeredVersion: version, answeredAt: at } });
    },
  };
}
