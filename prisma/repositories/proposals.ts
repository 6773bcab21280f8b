// Proposals for decision (förslag till beslut) written by a handler for the head of Elevhälsan.
import type { ProposalRecord, ProposalRepository } from '../../domain/ports';
import type { Proposal } from '../generated/client';
import { type Db, fromDateOnly, grantTermsOf } from './shared';

function toProposal(row: Proposal): ProposalRecord {
  return {
    id: row.id,
    caseId: row.caseId,
    ...grantTermsOf(row),
    proposedById: row.proposedById,
    proposedAt: row.proposedAt,
  };
}

export function createProposalRepository(db: Db): ProposalRepository {
  return {
    async record(input) {
      const row = await db.proposal.create({
        data: {
          caseId: input.caseId,
          outcome: input.outcome,
          amountPerMonth: input.amountPerMonth,
          from: fromDateOnly(input.from),
          to: fromDateOnly(input.to),
          reason: input.reason,
          approvedMeasureIds: input.approvedMeasureIds,
          proposedById: input.proposedById,
          ...(input.proposedAt ? { proposedAt: input.proposedAt } : {}),
        },
      });
      return toProposal(row);
    },

    async latest(caseId) {
      const row = await db.proposal.findFirst({ where: { caseId }, orderBy: [{ proposedAt: 'desc' }, { id: 'desc' }] });
      return row && toProposal(row);
    },
  };
}
