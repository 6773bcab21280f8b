// Cases (ärenden): reading, versions, status changes and assessments. Submission is in
// case-submit.ts.
import { ConflictError, NotFoundError, type CaseRepository, type CaseStatus } from '../../domain/ports';
import { appendAudit } from './audit';
import { assessmentData, toAssessment, toCase, toVersion } from './case-records';
import { submitApplication } from './case-submit';
import { type Db, type Tx, inTransaction, json, notFound } from './shared';

// Serialises writers of one case (versions, status) for the rest of the transaction.
async function lockCase(tx: Tx, caseId: string): Promise<{ municipalityId: string; status: CaseStatus; caseNumber: string }> {
  const rows = await tx.$queryRaw<{ municipality_id: string; status: CaseStatus; case_number: string }[]>`
    SELECT "municipality_id", "status"::text AS "status", "case_number" FROM "cases" WHERE "id" = ${caseId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new NotFoundError('case', caseId);
  return { municipalityId: row.municipality_id, status: row.status, caseNumber: row.case_number };
}

export function createCaseRepository(db: Db): CaseRepository {
  return {
    submitApplication: (input) => submitApplication(db, input),

    async get(id) {
      const row = await db.case.findUnique({ where: { id } });
      return row && toCase(row);
    },

    async byNumber(municipalityId, caseNumber) {
      const row = await db.case.findUnique({ where: { municipalityId_caseNumber: { municipalityId, caseNumber } } });
      return row && toCase(row);
    },

    async listForPrincipal(personId) {
      const rows = await db.case.findMany({ where: { principalId: personId }, orderBy: [{ createdAt: 'desc' }, { caseNumber: 'desc' }] });
      return rows.map(toCase);
    },

    async listQueue(municipalityId) {
      const rows = await db.case.findMany({
        // Decided and withdrawn cases are done: the queue is what Elevhälsan still has to do.
        where: { municipalityId, status: { notIn: ['decided', 'withdrawn'] } },
        orderBy: [{ createdAt: 'asc' }, { caseNumber: 'asc' }],
      });
      return rows.map(toCase);
    },

    async versions(caseId) {
      const rows = await db.applicationVersion.findMany({ where: { caseId }, orderBy: { version: 'asc' } });
      return rows.map(toVersion);
    },

    async latestVersion(caseId) {
      const row = await db.applicationVersion.findFirst({ where: { caseId }, orderBy: { version: 'desc' } });
      return row && toVersion(row);
    },

    async addVersion(caseId, data, byPersonId) {
      return inTransaction(db, async (tx) => {
        const locked = await lockCase(tx, caseId);
        const last = await tx.applicationVersion.aggregate({ where: { caseId }, _max: { version: true } });
        const version = (last._max.version ?? 0) + 1;
        const row = await tx.applicationVersion.create({ data: { caseId, version, data: json(data), submittedById: byPersonId } });
        await appendAudit(tx, {
          municipalityId: locked.municipalityId,
          actorId: byPersonId,
          action: 'case.version_added',
          subjectType: 'case',
          subjectId: caseId,
          details: { version },
        });
        return toVersion(row);
      });
    },

    async setStatus(caseId, status, { by, expected, details }) {
      return inTransaction(db, async (tx) => {
        const locked = await lockCase(tx, caseId);
        if (expected && !expected.includes(locked.status)) {
          throw new ConflictError(`Case ${caseId} is ${locked.status}, not ${expected.join(' or ')}.`, { entity: 'case', id: caseId, reason: 'unexpected_status' });
        }
        const row = await tx.case.update({ where: { id: caseId }, data: { status } });
        await appendAudit(tx, {
          municipalityId: locked.municipalityId,
          actorId: by,
          action: 'case.status_changed',
          subjectType: 'case',
          subjectId: caseId,
          details: { ...details, from: locked.status, to: status },
        });
        return toCase(row);
      });
    },

    async assignHandler(caseId, handlerId, by) {
      return inTransaction(db, async (tx) => {
        const row = await tx.case.update({ where: { id: caseId }, data: { assignedHandlerId: handlerId } }).catch(notFound('case', caseId));
        await appendAudit(tx, { municipalityId: row.municipalityId, actorId: by, action: 'case.handler_assigned', subjectType: 'case', subjectId: caseId, details: { handlerId } });
        return toCase(row);
      });
    },

    async addAssessment(caseId, { kind, createdById, applicationVersionId = null, ...figures }) {
      const row = await db.assessment.create({ data: { caseId, kind, createdById, applicationVersionId, ...assessmentData(figures) } });
      return toAssessment(row);
    },

    async assessments(caseId) {
      const rows = await db.assessment.findMany({ where: { caseId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      return rows.map(toAssessment);
    },

    async eraseForRetention(caseId, by) {
      return inTransaction(db, async (tx) => {
        const locked = await lockCase(tx, caseId);
        // Transaction-local: the one door through the application_versions trigger.
        await tx.$executeRaw`SELECT set_config('tillaggsbot.retention', 'on', true)`;
        // The source draft holds the same data, so it goes too. Unlink it first: Postgres must
        // not be asked to SET NULL on the case row it is deleting.
        const { sourceDraftId } = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { sourceDraftId: true } });
        await tx.case.update({ where: { id: caseId }, data: { sourceDraftId: null } });
        if (sourceDraftId) await tx.machineSnapshot.deleteMany({ where: { id: sourceDraftId } });
        await tx.case.delete({ where: { id: caseId } });
        await appendAudit(tx, { municipalityId: locked.municipalityId, actorId: by, action: 'case.erased', subjectType: 'case', subjectId: caseId, details: { caseNumber: locked.caseNumber, reason: 'retention' } });
      });
    },
  };
}
