// Cases (ärenden): reading, versions, status changes and assessments. Submission is in
// case-submit.ts.
import { ConflictError, NotFoundError, type CaseRecord, type CaseRepository, type CaseStatus } from '../../domain/ports';
import { appendAudit } from './audit';
import { assessmentData, toAssessment, toCase, toVersion } from './case-records';
import { submitApplication } from './case-submit';
import { type Db, type Tx, inTransaction, json, notFound } from './shared';

const CASE_COLUMNS = `c."id", c."case_number", c."municipality_id", c."unit_id", c."principal_id", c."term", c."school_form",
  c."status"::text AS "status", c."late", c."source_draft_id", c."pupil_ref", c."assigned_handler_id", c."created_at", c."updated_at"`;

interface CaseSqlRow {
  id: string;
  case_number: string;
  municipality_id: string;
  unit_id: string;
  principal_id: string;
  term: string;
  school_form: string;
  status: CaseStatus;
  late: boolean;
  source_draft_id: string | null;
  pupil_ref: string;
  assigned_handler_id: string | null;
  created_at: Date;
  updated_at: Date;
}

function fromSql(row: CaseSqlRow): CaseRecord {
  return {
    id: row.id,
    caseNumber: row.case_number,
    municipalityId: row.municipality_id,
    unitId: row.unit_id,
    principalId: row.principal_id,
    term: row.term,
    schoolForm: row.school_form,
    status: row.status,
    late: row.late,
    sourceDraftId: row.source_draft_id,
    pupilRef: row.pupil_ref,
    assignedHandlerId: row.assigned_handler_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// The counts and the page in one statement, both on cases_undecided_idx (a partial index: its
// size follows the open cases, not the decided history). With no open case the page is empty
// and the one row carries the zero counts.
const QUEUE_PAGE_SQL = `
  SELECT k."total", k."unassigned", ${CASE_COLUMNS}, u."name" AS "unit_name", h."display_name" AS "handler_name"
  FROM (SELECT count(*)::int AS "total", (count(*) FILTER (WHERE "assigned_handler_id" IS NULL))::int AS "unassigned"
        FROM "cases" WHERE "municipality_id" = $1 AND "status" <> 'decided') k
  LEFT JOIN LATERAL (SELECT * FROM "cases" WHERE "municipality_id" = $1 AND "status" <> 'decided'
                     ORDER BY "created_at", "case_number" LIMIT $2 OFFSET $3) c ON true
  LEFT JOIN "units" u ON u."id" = c."unit_id"
  LEFT JOIN "people" h ON h."id" = c."assigned_handler_id"
  ORDER BY c."created_at", c."case_number"`;

const PRINCIPAL_PAGE_SQL = `
  SELECT k."total", ${CASE_COLUMNS}
  FROM (SELECT count(*)::int AS "total" FROM "cases" WHERE "principal_id" = $1::uuid) k
  LEFT JOIN LATERAL (SELECT * FROM "cases" WHERE "principal_id" = $1::uuid
                     ORDER BY "created_at" DESC, "case_number" DESC LIMIT $2 OFFSET $3) c ON true
  ORDER BY c."created_at" DESC, c."case_number" DESC`;

// Granted cases, oldest first; narrowed to a principal's (theirs or their units') and to one
// child. The child is found through application_versions_personnummer_idx, with the expression
// written exactly as the index has it; = ANY(ARRAY(…)) reads the child's few cases first (an
// IN let the planner scan every case and decision).
export const GRANTED_SQL = `
  SELECT ${CASE_COLUMNS} FROM "cases" c
  WHERE c."municipality_id" = $1
    AND EXISTS (SELECT 1 FROM "decisions" d WHERE d."case_id" = c."id" AND d."outcome" IN ('approved', 'partly_approved'))
    AND (($2::uuid IS NULL AND $3::uuid[] IS NULL) OR c."principal_id" = $2::uuid OR c."unit_id" = ANY($3::uuid[]))
    AND ($4::text IS NULL OR c."id" = ANY(ARRAY(SELECT v."case_id" FROM "application_versions" v WHERE (v."data" #>> '{pupil,personnummer}') = $4::text)))
  ORDER BY c."created_at", c."case_number"`;

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

    async listGranted(municipalityId, where = {}) {
      const rows = await db.$queryRawUnsafe<CaseSqlRow[]>(
        GRANTED_SQL,
        municipalityId,
        where.principalId ?? null,
        where.unitIds ?? null,
        where.personnummer ?? null,
      );
      return rows.map(fromSql);
    },

    async listQueue(municipalityId) {
      const rows = await db.case.findMany({
        // Decided and withdrawn cases are done: the queue is what Elevhälsan still has to do.
        where: { municipalityId, status: { notIn: ['decided', 'withdrawn'] } },
        orderBy: [{ createdAt: 'asc' }, { caseNumber: 'asc' }],
      });
      return rows.map(toCase);
    },

    async queuePage(municipalityId, { limit, offset = 0 }) {
      const rows = await db.$queryRawUnsafe<(CaseSqlRow & { total: number; unassigned: number; unit_name: string | null; handler_name: string | null })[]>(
        QUEUE_PAGE_SQL,
        municipalityId,
        limit,
        offset,
      );
      const first = rows[0];
      return {
        total: first?.total ?? 0,
        unassigned: first?.unassigned ?? 0,
        cases: rows.filter((r) => r.id !== null).map((r) => ({ ...fromSql(r), unitName: r.unit_name ?? '', handlerName: r.handler_name })),
      };
    },

    async principalPage(personId, { limit, offset = 0 }) {
      const rows = await db.$queryRawUnsafe<(CaseSqlRow & { total: number })[]>(PRINCIPAL_PAGE_SQL, personId, limit, offset);
      return { total: rows[0]?.total ?? 0, cases: rows.filter((r) => r.id !== null).map(fromSql) };
    },

    async versions(caseId) {
      const rows = await db.applicationVersion.findMany({ where: { caseId }, orderBy: { version: 'asc' } });
      return rows.map(toVersion);
    },

    async latestVersion(caseId) {
      const row = await db.applicationVersion.findFirst({ where: { caseId }, orderBy: { version: 'desc' } });
      return row && toVersion(row);
    },

    async latestVersions(caseIds) {
      if (caseIds.length === 0) return new Map();
      // A case has a few versions (the application and its completions): read them all, keep the last.
      const rows = await db.applicationVersion.findMany({ where: { caseId: { in: [...caseIds] } }, orderBy: [{ caseId: 'asc' }, { version: 'asc' }] });
      return new Map(rows.map((row) => [row.caseId, toVersion(row)]));
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
