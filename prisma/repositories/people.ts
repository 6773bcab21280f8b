// People and their roles. A role comes from here, never from what a card sends.
import { ConflictError, NotFoundError, type PeopleRepository, type Person, type PersonWithRoles, type Role, type RoleGrant } from '../../domain/ports';
import type { Person as PersonRow, RoleAssignment } from '../generated/client';
import { appendAudit } from './audit';
import { type Db, inTransaction, notFound } from './shared';
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
  };
}

// Principals hold one grant per unit they lead; the other roles are municipality-wide.
function checkGrant(role: Role, unitId: string | null): void {
  if (role === 'principal' && unitId === null) throw new TypeError('A principal grant needs the unit the person leads.');
  if (role !== 'principal' && unitId !== null) throw new TypeError(`A ${role} grant is for the whole municipality, not a unit.`);
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
      // A deactivated unit takes no new applications, so its principal is not offered it.
      const rows = await db.unit.findMany({ where: { active: true, roleAssignments: { some: { personId, role: 'principal' } } }, orderBy: { name: 'asc' } });
      return rows.map(toUnit);
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

    async listForMunicipality(municipalityId) {
      const rows = await db.person.findMany({ where: { municipalityId }, include: rolesInclude, orderBy: [{ displayName: 'asc' }, { id: 'asc' }] });
      return rows.map(withRoles);
    },

    async findByEmail(municipalityId, email) {
      const row = await db.person.findFirst({ where: { municipalityId, email: { equals: email.trim(), mode: 'insensitive' } }, include: rolesInclude, orderBy: { id: 'asc' } });
      return row && withRoles(row);
    },

    async register({ municipalityId, tenantId, email, displayName }, by) {
      const normalized = email.trim().toLowerCase();
      return inTransaction(db, async (tx) => {
        const taken = await tx.person.findFirst({ where: { municipalityId, email: { equals: normalized, mode: 'insensitive' } } });
        if (taken) throw new ConflictError(`${normalized} is registered already`, { entity: 'person', id: taken.id, reason: 'email_taken' });
        const row = await tx.person.create({ data: { municipalityId, tenantId, aadObjectId: null, displayName, email: normalized } });
        await appendAudit(tx, { municipalityId, actorId: by, action: 'person.registered', subjectType: 'person', subjectId: row.id });
        return toPerson(row);
      });
    },

    async update(id, { email, displayName }, by) {
      const normalized = email.trim().toLowerCase();
      return inTransaction(db, async (tx) => {
        const current = await tx.person.findUnique({ where: { id } });
        if (!current) throw notFoundPerson(id);
        const taken = await tx.person.findFirst({ where: { municipalityId: current.municipalityId, id: { not: id }, email: { equals: normalized, mode: 'insensitive' } } });
        if (taken) throw new ConflictError(`${normalized} is registered already`, { entity: 'person', id: taken.id, reason: 'email_taken' });
        const row = await tx.person.update({ where: { id }, data: { email: normalized, displayName } }).catch(notFound('person', id));
        const changed = [current.email !== row.email && 'email', current.displayName !== row.displayName && 'displayName'].filter(Boolean);
        await appendAudit(tx, { municipalityId: row.municipalityId, actorId: by, action: 'person.updated', subjectType: 'person', subjectId: id, details: { changed } });
        return toPerson(row);
      });
    },

    async setRoles(id, grants, by) {
      grants.forEach((g) => checkGrant(g.role, g.unitId));
      return inTransaction(db, async (tx) => {
        const current = await tx.person.findUnique({ where: { id }, include: rolesInclude });
        if (!current) throw notFoundPerson(id);
        const key = (g: RoleGrant) => `${g.role}:${g.unitId ?? ''}`;
        const wanted = new Map(grants.map((g) => [key(g), g]));
        const held = new Map(current.roles.map((r) => [key(r), r]));
        const removed = [...held.values()].filter((r) => !wanted.has(key(r)));
        const added = [...wanted.values()].filter((g) => !held.has(key(g)));
        if (removed.length > 0) await tx.roleAssignment.deleteMany({ where: { id: { in: removed.map((r) => r.id) } } });
        if (added.length > 0) await tx.roleAssignment.createMany({ data: added.map((g) => ({ personId: id, role: g.role, unitId: g.unitId })) });
        if (removed.length + added.length > 0) {
          await appendAudit(tx, {
            municipalityId: current.municipalityId,
            actorId: by,
            action: 'person.roles_set',
            subjectType: 'person',
            subjectId: id,
            details: { added: added.map(key), removed: removed.map((r) => key(r)) },
          });
        }
        const row = await tx.person.findUniqueOrThrow({ where: { id }, include: rolesInclude });
        return withRoles(row);
      });
    },

    async hasUnbound(tenantId) {
      return (await db.person.count({ where: { tenantId, aadObjectId: null }, take: 1 })) > 0;
    },

    async bindByEmail(tenantId, emails, aadObjectId) {
      const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter((e) => e.includes('@')))];
      if (wanted.length === 0) return null;
      return inTransaction(db, async (tx) => {
        const candidates = await tx.person.findMany({ where: { tenantId, aadObjectId: null, OR: wanted.map((e) => ({ email: { equals: e, mode: 'insensitive' as const } })) }, orderBy: { id: 'asc' } });
        // Two unbound people with the same address (in two municipalities of one tenant) would
        // make the choice a guess; nobody is bound then, and the admin sees them both unbound.
        if (candidates.length !== 1) return null;
        const candidate = candidates[0]!;
        // Only while still unbound: a second, concurrent first message binds nothing more.
        const { count } = await tx.person.updateMany({ where: { id: candidate.id, aadObjectId: null }, data: { aadObjectId } });
        if (count !== 1) return null;
        await appendAudit(tx, { municipalityId: candidate.municipalityId, actorId: candidate.id, action: 'person.bound', subjectType: 'person', subjectId: candidate.id, details: { by: 'email' } });
        const row = await tx.person.findUniqueOrThrow({ where: { id: candidate.id }, include: rolesInclude });
        return withRoles(row);
      });
    },
  };
}

function notFoundPerson(id: string) {
  return new NotFoundError('person', id);
}
