// Read-only views across many cases for the tab (queue, statistics, payment list): one query per
// municipality with what a row needs, instead of a bundle per case. Separate from the
// repositories the bot writes through, so those stay as they are.
import type { CaseStatus, UnitKind } from '../../domain/ports';
import type { TDecisionOutcome } from '../../domain/schemas';
import type { PrismaClient } from '../generated/client';
import { toDateOnly, toNumber } from './shared';

export interface CaseOverviewRow {
  id: string;
  caseNumber: string;
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  huvudman: string;
  principalId: string;
  term: string;
  schoolForm: string;
  status: CaseStatus;
  late: boolean;
  assignedHandlerId: string | null;
  handlerName: string | null;
  createdAt: Date;
  versionCount: number;
  completionCount: number;
  decision: {
    id: string;
    outcome: TDecisionOutcome;
    amountPerMonth: number | null;
    from: string | null;
    to: string | null;
    // Ended early (the child left the unit): the first day the grant no longer applies.
    endedFrom: string | null;
    decidedAt: Date;
    decidedById: string;
  } | null;
}

export interface CaseOverviewQueries {
  /** Every case of the municipality (or of one principal), oldest first. */
  list(where: { municipalityId: string; principalId?: string }): Promise<CaseOverviewRow[]>;
}

export function createCaseOverviewQueries(prisma: PrismaClient): CaseOverviewQueries {
  return {
    async list(where) {
      const rows = await prisma.case.findMany({
        where: { municipalityId: where.municipalityId, ...(where.principalId ? { principalId: where.principalId } : {}) },
        orderBy: [{ createdAt: 'asc' }, { caseNumber: 'asc' }],
        include: {
          unit: { select: { name: true, kind: true, huvudman: true } },
          assignedHandler: { select: { displayName: true } },
          decisions: { orderBy: { decidedAt: 'desc' }, take: 1 },
          _count: { select: { versions: true, completions: true } },
        },
      });
      return rows.map((r) => {
        const d = r.decisions[0];
        return {
          id: r.id,
          caseNumber: r.caseNumber,
          unitId: r.unitId,
          unitName: r.unit.name,
          unitKind: r.unit.kind,
          huvudman: r.unit.huvudman,
          principalId: r.principalId,
          term: r.term,
          schoolForm: r.schoolForm,
          status: r.status,
          late: r.late,
          assignedHandlerId: r.assignedHandlerId,
          handlerName: r.assignedHandler?.displayName ?? null,
          createdAt: r.createdAt,
          versionCount: r._count.versions,
          completionCount: r._count.completions,
          decision: d
            ? {
                id: d.id,
                outcome: d.outcome,
                amountPerMonth: toNumber(d.amountPerMonth),
                from: toDateOnly(d.from),
                to: toDateOnly(d.to),
                endedFrom: toDateOnly(d.endedFrom),
                decidedAt: d.decidedAt,
                decidedById: d.decidedById,
              }
            : null,
        };
      });
    },
  };
}
