// Decisions (beslut) by the head of Elevhälsan, and whether the principal has been told.
import { ConflictError, NotFoundError, type DecisionRecord, type DecisionRepository } from '../../domain/ports';
import type { Decision } from '../generated/client';
import { DEFAULT_FOLLOW_UP_SCHEDULE, parseFollowUpSchedule } from '../../domain/follow-up-schedule';
import { appendAudit } from './audit';
import { type Db, fromDateOnly, grantTermsOf, json, inTransaction, notFound, toDateOnly } from './shared';

function toDecision(row: Decision): DecisionRecord {
  return {
    id: row.id,
    caseId: row.caseId,
    ...grantTermsOf(row),
    significantDifficulties: row.significantDifficulties,
    text: row.text,
    decidedById: row.decidedById,
    decidedAt: row.decidedAt,
    notifiedAt: row.notifiedAt,
    deliveryStatus: row.deliveryStatus,
    appealDeadline: toDateOnly(row.appealDeadline),
    followUpSchedule: parseFollowUpSchedule(row.followUpSchedule),
    endedFrom: toDateOnly(row.endedFrom),
    endedReason: row.endedReason,
  };
}

export function createDecisionRepository(db: Db): DecisionRepository {
  // Newest first, per case: one case's list and a page's lists are the same read.
  const forCases: DecisionRepository['forCases'] = async (caseIds) => {
    const out = new Map<string, DecisionRecord[]>();
    if (caseIds.length === 0) return out;
    const rows = await db.decision.findMany({ where: { caseId: { in: [...caseIds] } }, orderBy: [{ decidedAt: 'desc' }, { id: 'asc' }] });
    for (const row of rows) out.set(row.caseId, [...(out.get(row.caseId) ?? []), toDecision(row)]);
    return out;
  };
  return {
    async end(id, { from, reason, by }) {
      return inTransaction(db, async (tx) => {
        // Conditional on not yet ended, so two clicks end it once.
        const { count } = await tx.decision.updateMany({ where: { id, endedFrom: null }, data: { endedFrom: fromDateOnly(from), endedReason: reason, endedById: by } });
        const row = await tx.decision.findUnique({ where: { id }, include: { case: { select: { municipalityId: true } } } });
        if (!row) throw new NotFoundError('decision', id);
        if (count === 0) throw new ConflictError(`Decision ${id} is already ended.`, { entity: 'decision', id, reason: 'already_ended' });
        await appendAudit(tx, {
          municipalityId: row.case.municipalityId,
          actorId: by,
          action: 'case.decision_ended',
          subjectType: 'case',
          subjectId: row.caseId,
          details: { decisionId: id, from, reason },
        });
        return toDecision(row);
      });
    },

    async record(input) {
      return inTransaction(db, async (tx) => {
        // One decision per case. The case's status is not this repository's business: the case
        // machine names it, and the use case writes it in the same transaction.
        const kase = await tx.case.findUnique({ where: { id: input.caseId }, select: { id: true } });
        if (!kase) throw new NotFoundError('case', input.caseId);
        if ((await tx.decision.count({ where: { caseId: input.caseId } })) > 0) {
          throw new ConflictError(`Case ${input.caseId} is already decided.`, { entity: 'case', id: input.caseId, reason: 'already_decided' });
        }
        const row = await tx.decision.create({
          data: {
            caseId: input.caseId,
            outcome: input.outcome,
            amountPerMonth: input.amountPerMonth ?? null,
            from: fromDateOnly(input.from),
            to: fromDateOnly(input.to),
            reason: input.reason ?? null,
            approvedMeasureIds: input.approvedMeasureIds ?? [],
            significantDifficulties: input.significantDifficulties ?? false,
            text: input.text,
            decidedById: input.decidedById,
            ...(input.decidedAt ? { decidedAt: input.decidedAt } : {}),
            appealDeadline: fromDateOnly(input.appealDeadline),
            followUpSchedule: json(input.followUpSchedule ?? DEFAULT_FOLLOW_UP_SCHEDULE),
          },
          include: { case: { select: { municipalityId: true } } },
        });
        await appendAudit(tx, {
          municipalityId: row.case.municipalityId,
          actorId: input.decidedById,
          action: 'case.decided',
          subjectType: 'case',
          subjectId: input.caseId,
          details: { decisionId: row.id, outcome: row.outcome, followUpSchedule: input.followUpSchedule?.kind ?? 'every_term' },
        });
        return toDecision(row);
      });
    },

    async forCase(caseId) {
      return (await forCases([caseId])).get(caseId) ?? [];
    },

    forCases,

    async markDelivery(id, status, at = new Date(), appealDeadline) {
      const row = await db.decision
        .update({
          where: { id },
          data: {
            deliveryStatus: status,
            ...(status === 'delivered' && { notifiedAt: at }),
            ...(status === 'failed' && { deliveryFailedAt: at }),
            ...(appealDeadline !== undefined && { appealDeadline: fromDateOnly(appealDeadline) }),
          },
        })
        .catch(notFound('decision', id));
      return toDecision(row);
    },

    async get(id) {
      const row = await db.decision.findUnique({ where: { id } });
      return row && toDecision(row);
    },

    async listUndelivered(olderThan, limit) {
      // On decisions_pending_delivery_idx. As SQL: Prisma compares the status with a cast
      // parameter, which the planner cannot match to the partial index's predicate, so it read
      // every decision (11 ms at 70 000 decided cases, every minute on every instance).
      const rows = await db.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "decisions" WHERE "delivery_status" = 'pending' AND "decided_at" < ${olderThan}
        ORDER BY "decided_at" LIMIT ${limit}`;
      return rows.map((r) => r.id);
    },
  };
}
