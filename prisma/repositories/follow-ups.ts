// Follow-ups (uppföljningar): one per case and term.
import type { FollowUpRecord, FollowUpRepository } from '../../domain/ports';
import type { TAssessment } from '../../domain/schemas';
import type { FollowUp } from '../generated/client';
import { appendAudit } from './audit';
import { type Db, inTransaction, json } from './shared';

function toFollowUp(row: FollowUp): FollowUpRecord {
  return {
    id: row.id,
    caseId: row.caseId,
    term: row.term,
    results: row.results,
    continuedNeed: row.continuedNeed,
    comment: row.comment,
    ratings: row.ratings as TAssessment,
    details: row.details,
    submittedById: row.submittedById,
    submittedAt: row.submittedAt,
  };
}

export function createFollowUpRepository(db: Db): FollowUpRepository {
  // Oldest first: one case's follow-ups and a page's are the same read.
  const forCases: FollowUpRepository['forCases'] = async (caseIds) => {
    if (caseIds.length === 0) return [];
    const rows = await db.followUp.findMany({ where: { caseId: { in: [...caseIds] } }, orderBy: [{ submittedAt: 'asc' }, { term: 'asc' }] });
    return rows.map(toFollowUp);
  };
  return {
    async submit(input) {
      return inTransaction(db, async (tx) => {
        // ON CONFLICT DO NOTHING: a repeat neither fails nor aborts the surrounding transaction.
        const { count } = await tx.followUp.createMany({
          data: [{ caseId: input.caseId, term: input.term, results: input.results, continuedNeed: input.continuedNeed, comment: input.comment ?? null, ratings: json(input.ratings), details: json(input.details ?? {}), submittedById: input.submittedById, ...(input.submittedAt ? { submittedAt: input.submittedAt } : {}) }],
          skipDuplicates: true,
        });
        const row = await tx.followUp.findUniqueOrThrow({ where: { caseId_term: { caseId: input.caseId, term: input.term } }, include: { case: { select: { municipalityId: true } } } });
        if (count === 1) {
          await appendAudit(tx, { municipalityId: row.case.municipalityId, actorId: input.submittedById, action: 'followup.submitted', subjectType: 'case', subjectId: input.caseId, details: { followUpId: row.id, term: input.term } });
        }
        return { followUp: toFollowUp(row), created: count === 1 };
      });
    },

    async get(caseId, term) {
      const row = await db.followUp.findUnique({ where: { caseId_term: { caseId, term } } });
      return row && toFollowUp(row);
    },

    forCase: (caseId) => forCases([caseId]),

    forCases,
  };
}
