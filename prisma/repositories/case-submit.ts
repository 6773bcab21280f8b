// Submitting an application: everything in one transaction, and idempotent per draft, so a
// double click, a retried invoke or two tabs end in exactly one case.
import { ConflictError, NotFoundError, type CaseRecord, type SubmitApplicationInput } from '../../domain/ports';
import { appendAudit } from './audit';
import { assessmentData, formatCaseNumber, toCase, yearIn } from './case-records';
import { type Db, type Tx, inTransaction, isTransaction, isUniqueViolation, json, jsonObject } from './shared';

export async function submitApplication(db: Db, input: SubmitApplicationInput): Promise<{ case: CaseRecord; created: boolean }> {
  try {
    return await inTransaction(db, (tx) => submitInTransaction(tx, input));
  } catch (error) {
    // The row lock below makes this unreachable on one database; kept as the last line of
    // defence should two writers ever slip past it (the unique index still holds).
    if (isUniqueViolation(error) && !isTransaction(db)) {
      const existing = await db.case.findUnique({ where: { sourceDraftId: input.sourceDraftId } });
      if (existing) return { case: toCase(existing), created: false };
    }
    throw error;
  }
}

async function submitInTransaction(tx: Tx, input: SubmitApplicationInput): Promise<{ case: CaseRecord; created: boolean }> {
  const draftId = input.sourceDraftId;
  // Lock the draft: a concurrent submit of the same draft waits here until this one commits,
  // then finds the case below.
  const drafts = await tx.$queryRaw<{ status: string; version: number }[]>`
    SELECT "status"::text AS "status", "version" FROM "machine_snapshots" WHERE "id" = ${draftId}::uuid FOR UPDATE`;
  const draft = drafts[0];
  if (!draft) throw new NotFoundError('draft', draftId);

  const existing = await tx.case.findUnique({ where: { sourceDraftId: draftId } });
  if (existing) return { case: toCase(existing), created: false };

  if (draft.status !== 'open') {
    throw new ConflictError(`Draft ${draftId} is ${draft.status} and cannot be submitted.`, { entity: 'snapshot', id: draftId, reason: 'draft_not_open' });
  }
  if (input.draftExpectedVersion !== undefined && draft.version !== input.draftExpectedVersion) {
    throw new ConflictError(`Draft ${draftId} is at version ${draft.version}, not ${input.draftExpectedVersion}.`, {
      entity: 'snapshot',
      id: draftId,
      expectedVersion: input.draftExpectedVersion,
      actualVersion: draft.version,
      reason: 'stale_version',
    });
  }

  const timeZone = input.timeZone ?? (await municipalityTimeZone(tx, input.municipalityId));
  const year = yearIn(timeZone, input.now ?? new Date());
  const caseNumber = formatCaseNumber(year, await nextCaseNumber(tx, input.municipalityId, year));

  const created = await tx.case.create({
    data: {
      caseNumber,
      municipalityId: input.municipalityId,
      unitId: input.unitId,
      principalId: input.principalId,
      term: input.term,
      schoolForm: input.schoolForm,
      late: input.late,
      pupilRef: input.pupilRef,
      sourceDraftId: draftId,
      // The injected clock's time, so "inkommen" and the sweeps agree with deadlines and lateness.
      ...(input.now ? { createdAt: input.now } : {}),
    },
  });
  const version = await tx.applicationVersion.create({
    data: { caseId: created.id, version: 1, data: json(input.application), submittedById: input.principalId, ...(input.now ? { submittedAt: input.now } : {}) },
  });
  await tx.assessment.create({
    data: { caseId: created.id, applicationVersionId: version.id, kind: 'application', createdById: input.principalId, ...assessmentData(input.assessment) },
  });
  await tx.machineSnapshot.update({
    where: { id: draftId },
    data: { status: 'submitted', caseId: created.id, version: { increment: 1 }, ...(input.draftSnapshot !== undefined ? { snapshot: json(input.draftSnapshot) } : {}) },
    select: { id: true },
  });
  await tx.attachment.updateMany({ where: { draftId }, data: { caseId: created.id, draftId: null } });
  await appendAudit(tx, {
    municipalityId: input.municipalityId,
    actorId: input.principalId,
    action: 'case.submitted',
    subjectType: 'case',
    subjectId: created.id,
    details: { caseNumber, term: input.term, late: input.late, sourceDraftId: draftId, signedById: input.principalId, ...(input.draftedById ? { draftedById: input.draftedById } : {}) },
  });
  return { case: toCase(created), created: true };
}

async function municipalityTimeZone(tx: Tx, municipalityId: string): Promise<string> {
  const municipality = await tx.municipality.findUnique({ where: { id: municipalityId }, select: { profile: true } });
  if (!municipality) throw new NotFoundError('municipality', municipalityId);
  return String(jsonObject(municipality.profile).timeZone ?? 'Europe/Stockholm');
}

// The counter row is locked by the upsert until the transaction ends, so numbers are handed
// out in commit order without gaps, and a rolled-back submit gives its number back.
async function nextCaseNumber(tx: Tx, municipalityId: string, year: number): Promise<number> {
  const rows = await tx.$queryRaw<{ last_number: number }[]>`
    INSERT INTO "case_counters" ("municipality_id", "year", "last_number") VALUES (${municipalityId}, ${year}::int, 1)
    ON CONFLICT ("municipality_id", "year") DO UPDATE SET "last_number" = "case_counters"."last_number" + 1
    RETURNING "last_number"`;
  return rows[0]!.last_number;
}
