// The audit trail: who did what to which record, when. Append-only in the database itself.
import type { AuditEntry, AuditEntryInput, AuditRepository } from '../../domain/ports';
import { ZAuditAction } from '../../domain/vocabulary';
import type { AuditLog, Prisma } from '../generated/client';
import { type Db, jsonObject } from './shared';

export function toAuditEntry(row: AuditLog): AuditEntry {
  return {
    id: row.id.toString(),
    at: row.at,
    municipalityId: row.municipalityId,
    actorId: row.actorId,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    details: jsonObject(row.details),
  };
}

// Used by the other repositories inside their transactions, so the entry commits with the change.
export async function appendAudit(db: Db, entry: AuditEntryInput): Promise<AuditEntry> {
  const row = await db.auditLog.create({
    data: {
      municipalityId: entry.municipalityId ?? null,
      actorId: entry.actorId ?? null,
      // The type already says so; checked again because the column itself is free text.
      action: ZAuditAction.parse(entry.action),
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      details: (entry.details ?? {}) as object,
    },
  });
  return toAuditEntry(row);
}

export function createAuditRepository(db: Db): AuditRepository {
  return {
    append: (entry) => appendAudit(db, entry),
    async list(subjectType, subjectId) {
      const rows = await db.auditLog.findMany({ where: { subjectType, subjectId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
      return rows.map(toAuditEntry);
    },
    async search({ municipalityId, caseId, personId, from, to, limit, before }) {
      const and: Prisma.AuditLogWhereInput[] = [{ municipalityId }];
      if (caseId) and.push({ OR: [{ subjectType: 'case', subjectId: caseId }, { details: { path: ['caseId'], equals: caseId } }] });
      if (personId) and.push({ OR: [{ actorId: personId }, { subjectType: 'person', subjectId: personId }] });
      if (from) and.push({ at: { gte: from } });
      if (to) and.push({ at: { lt: to } });
      if (before) and.push({ id: { lt: BigInt(before) } });
      const rows = await db.auditLog.findMany({ where: { AND: and }, orderBy: { id: 'desc' }, take: limit + 1 });
      const page = rows.slice(0, limit).map(toAuditEntry);
      return { entries: page, next: rows.length > limit ? page.at(-1)!.id : null };
    },
  };
}
