// School and preschool units (enheter), municipal or independent.
import type { Unit, UnitRepository } from '../../domain/ports';
import type { TSchoolForm } from '../../domain/schemas';
import type { Unit as UnitRow } from '../generated/client';
import type { Db } from './shared';

export function toUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    municipalityId: row.municipalityId,
    name: row.name,
    kind: row.kind,
    huvudman: row.huvudman,
    schoolForms: row.schoolForms as TSchoolForm[],
    orgNumber: row.orgNumber,
  };
}

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
  };
}
