// School and preschool units (enheter), municipal or independent.
import type { Unit, UnitInput, UnitRepository } from '../../domain/ports';
import type { TSchoolForm } from '../../domain/schemas';
import type { Unit as UnitRow } from '../generated/client';
import { appendAudit } from './audit';
import { type Db, inTransaction, notFound } from './shared';

export function toUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    municipalityId: row.municipalityId,
    name: row.name,
    kind: row.kind,
    huvudman: row.huvudman,
    schoolForms: row.schoolForms as TSchoolForm[],
    huvudmanOrgNumber: row.huvudmanOrgNumber,
    active: row.active,
  };
}

const unitData = (input: UnitInput) => ({
  name: input.name,
  kind: input.kind,
  huvudman: input.huvudman,
  huvudmanOrgNumber: input.huvudmanOrgNumber,
  schoolForms: input.schoolForms,
});

export function createUnitRepository(db: Db): UnitRepository {
  return {
    async get(id) {
      const row = await db.unit.findUnique({ where: { id } });
      return row && toUnit(row);
    },
    async listForMunicipality(municipalityId) {
      const rows = await db.unit.findMany({ where: { municipalityId }, orderBy: { name: 'asc' } });
      return rows.map(toUnit);
    },
    async create(municipalityId, input, by) {
      return inTransaction(db, async (tx) => {
        const row = await tx.unit.create({ data: { municipalityId, ...unitData(input) } });
        await appendAudit(tx, { municipalityId, actorId: by, action: 'unit.created', subjectType: 'unit', subjectId: row.id, details: { kind: row.kind, huvudmanOrgNumber: row.huvudmanOrgNumber } });
        return toUnit(row);
      });
    },
    async update(id, input, by) {
      return inTransaction(db, async (tx) => {
        const before = await tx.unit.findUnique({ where: { id } });
        const row = await tx.unit.update({ where: { id }, data: unitData(input) }).catch(notFound('unit', id));
        const changed = before ? (Object.keys(unitData(input)) as Array<keyof UnitInput>).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(row[k])) : [];
        await appendAudit(tx, { municipalityId: row.municipalityId, actorId: by, action: 'unit.updated', subjectType: 'unit', subjectId: id, details: { changed } });
        return toUnit(row);
      });
    },
    async setActive(id, active, by) {
      return inTransaction(db, async (tx) => {
        const row = await tx.unit.update({ where: { id }, data: { active } }).catch(notFound('unit', id));
        await appendAudit(tx, { municipalityId: row.municipalityId, actorId: by, action: active ? 'unit.reactivated' : 'unit.deactivated', subjectType: 'unit', subjectId: id });
        return toUnit(row);
      });
    },
    caseCount: (id) => db.case.count({ where: { unitId: id } }),
    async caseCounts(municipalityId) {
      const rows = await db.case.groupBy({ by: ['unitId'], where: { municipalityId }, _count: { _all: true } });
      return new Map(rows.map((r) => [r.unitId, r._count._all]));
    },
  };
}
