// People and their roles. A role comes from here, never from what a card sends.
import type { PeopleRepository, Person, PersonWithRoles, Role } from '../../domain/ports';
import type { Person as PersonRow, RoleAssignment } from '../generated/client';
import { type Db, inTransaction } from './shared';
import { toUnit } from './units';

export function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    municipalityId: row.municipalityId,
    tenantId: row.tenantId,
    aadObjectId: row.aadObjectId,
    displayName: row.displayName,
    email: row.email,
  };
}

function withRoles(row: PersonRow & { roles: RoleAssignment[] }): PersonWithRoles {
  return {
    ...toPerson(row),
    roles: row.roles.map((r) => ({ role: r.role, unitId: r.unitId })),
    ledUnitIds: row.roles.filter((r) => r.role === 'principal' && r.unitId !== null).map((r) => r.unitId as string),
    draftUnitIds: row.roles.filter((r) => r.role === 'drafter' && r.unitId !== null).map((r) => r.unitId as string),
  };
}

// Principals and drafters hold one grant per unit they lead or draft for; the other roles are
// municipality-wide.
const UNIT_ROLES: readonly Role[] = ['principal', 'drafter'];
function checkGrant(role: Role, unitId: string | null): void {
  if (UNIT_ROLES.includes(role) && unitId === null) throw new TypeError(`A ${role} grant needs the unit it is for.`);
  if (!UNIT_ROLES.includes(role) && unitId !== null) throw new TypeError(`A ${role} grant is for the whole municipality, not a unit.`);
}

export function createPeopleRepository(db: Db): PeopleRepository {
  const rolesInclude = { roles: { orderBy: [{ role: 'asc' as const }, { unitId: 'asc' as const }] } };
  return {
    async findByAad(tenantId, aadObjectId) {
      const row = await db.person.findUnique({ where: { tenantId_aadObjectId: { tenantId, aadObjectId } }, include: rolesInclude });
      return row && withRoles(row);
    },

    async get(id) {
      const row = await db.person.findUnique({ where: { id }, include: rolesInclude });
      return row && withRoles(row);
    },

    async unitsLedBy(personId) {
      const rows = await db.unit.findMany({ where: { roleAssignments: { some: { personId, role: 'principal' } } }, orderBy: { name: 'asc' } });
      return rows.map(toUnit);
    },

    async unitsDraftedBy(personId) {
      const rows = await db.unit.findMany({ where: { roleAssignments: { some: { personId, role: 'drafter' } } }, orderBy: { name: 'asc' } });
      return rows.map(toUnit);
    },

    async principalsOf(unitId) {
      const rows = await db.person.findMany({ where: { roles: { some: { role: 'principal', unitId } } }, orderBy: { displayName: 'asc' } });
      return rows.map(toPerson);
    },

    async listByRole(municipalityId, role) {
      const rows = await db.person.findMany({ where: { municipalityId, roles: { some: { role } } }, orderBy: { displayName: 'asc' } });
      return rows.map(toPerson);
    },

    async upsert({ municipalityId, tenantId, aadObjectId, displayName, email = null }) {
      const row = await db.person.upsert({
        where: { tenantId_aadObjectId: { tenantId, aadObjectId } },
        create: { municipalityId, tenantId, aadObjectId, displayName, email },
        update: { municipalityId, displayName, email },
      });
      return toPerson(row);
    },

    async grantRole(personId, role, unitId = null) {
      checkGrant(role, unitId);
      // NULLs are distinct in the unique index, so municipality-wide grants are checked first.
      return inTransaction(db, async (tx) => {
        const existing = await tx.roleAssignment.findFirst({ where: { personId, role, unitId } });
        if (!existing) await tx.roleAssignment.create({ data: { personId, role, unitId } });
      });
    },

    async revokeRole(personId, role, unitId = null) {
      await db.roleAssignment.deleteMany({ where: { personId, role, unitId } });
    },
  };
}
