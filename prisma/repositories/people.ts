// People and their roles. A role comes from here, never from what a card sends.
import { ConflictError, NotFoundError, type ActingPerson, type Municipality, type PeopleRepository, type Person, type PersonWithRoles, type Role, type RoleGrant, type Unit } from '../../domain/ports';
import { ZMunicipalityProfile, type TMunicipalityProfile } from '../../domain/profile';
import type { Person as PersonRow, RoleAssignment } from '../generated/client';
import { appendAudit } from './audit';
import { type Db, inTransaction, notFound } from './shared';
import { toUnit } from './units';

interface ActingRow {
  id: string;
  municipality_id: string;
  tenant_id: string;
  aad_object_id: string;
  display_name: string;
  email: string | null;
  m_name: string;
  m_tenant_id: string;
  m_profile: string;
  m_team_id: string | null;
  m_channel_id: string | null;
  roles: { role: Role; unitId: string | null }[];
  units: Unit[];
  drafting_units: Unit[];
  chat_conversation_id: string | null;
  chat_service_url: string | null;
}

// Every turn starts here, so it is one statement: the person, their grants and led units as
// JSON aggregates, the municipality and the personal chat. Roles are read on every turn, never
// cached, so a grant or revoke takes effect on the next turn on every instance. Grants order by
// role (the enum's order) then unit, as findByAad does.
const ACTING_SQL = `
  SELECT p."id", p."municipality_id", p."tenant_id", p."aad_object_id", p."display_name", p."email",
         m."name" AS "m_name", m."tenant_id" AS "m_tenant_id", m."profile"::text AS "m_profile",
         m."elevhalsa_team_id" AS "m_team_id", m."elevhalsa_channel_id" AS "m_channel_id",
         COALESCE((SELECT json_agg(json_build_object('role', r."role", 'unitId', r."unit_id") ORDER BY r."role", r."unit_id")
                   FROM "role_assignments" r WHERE r."person_id" = p."id"), '[]'::json) AS "roles",
         COALESCE((SELECT json_agg(json_build_object('id', u."id", 'municipalityId', u."municipality_id", 'name', u."name",
                                                     'kind', u."kind", 'huvudman', u."huvudman", 'huvudmanOrgNumber', u."huvudman_org_number", 'active', u."active",
                                                     'schoolForms', u."school_forms") ORDER BY u."name")
                   FROM "role_assignments" r JOIN "units" u ON u."id" = r."unit_id"
                   WHERE r."person_id" = p."id" AND r."role" = 'principal'), '[]'::json) AS "units",
         COALESCE((SELECT json_agg(json_build_object('id', u."id", 'municipalityId', u."municipality_id", 'name', u."name",
                                                     'kind', u."kind", 'huvudman', u."huvudman", 'huvudmanOrgNumber', u."huvudman_org_number", 'active', u."active",
                                                     'schoolForms', u."school_forms") ORDER BY u."name")
                   FROM "role_assignments" r JOIN "units" u ON u."id" = r."unit_id"
                   WHERE r."person_id" = p."id" AND r."role" = 'drafter'), '[]'::json) AS "drafting_units",
         c."conversation_id" AS "chat_conversation_id", c."service_url" AS "chat_service_url"
  FROM "people" p
  JOIN "municipalities" m ON m."id" = p."municipality_id"
  LEFT JOIN "conversation_references" c ON c."person_id" = p."id"
  WHERE p."tenant_id" = $1 AND p."aad_object_id" = $2`;

// Parsing the profile with zod is most of the CPU of identifying someone, and it changes
// rarely: the parse is reused while the stored text is the same (the text is read every turn,
// so an edited profile is parsed, and checked, on the first turn after the edit).
type ProfileCache = Map<string, { text: string; profile: TMunicipalityProfile }>;

function parsedProfile(cache: ProfileCache, municipalityId: string, text: string): TMunicipalityProfile {
  const hit = cache.get(municipalityId);
  if (hit && hit.text === text) return hit.profile;
  const profile = ZMunicipalityProfile.parse(JSON.parse(text));
  cache.set(municipalityId, { text, profile });
  return profile;
}

function toActing(row: ActingRow, cache: ProfileCache): ActingPerson {
  const roles = row.roles.map((r) => ({ role: r.role, unitId: r.unitId }));
  const municipality: Municipality = {
    id: row.municipality_id,
    name: row.m_name,
    tenantId: row.m_tenant_id,
    profile: parsedProfile(cache, row.municipality_id, row.m_profile),
    elevhalsaTeamId: row.m_team_id,
    elevhalsaChannelId: row.m_channel_id,
  };
  return {
    person: {
      id: row.id,
      municipalityId: row.municipality_id,
      tenantId: row.tenant_id,
      aadObjectId: row.aad_object_id,
      displayName: row.display_name,
      email: row.email,
      roles,
      ledUnitIds: roles.filter((r) => r.role === 'principal' && r.unitId !== null).map((r) => r.unitId as string),
      draftUnitIds: roles.filter((r) => r.role === 'drafter' && r.unitId !== null).map((r) => r.unitId as string),
    },
    municipality,
    units: row.units,
    ...(row.drafting_units.length > 0 ? { draftingUnits: row.drafting_units } : {}),
    personalChat: row.chat_conversation_id !== null && row.chat_service_url !== null ? { conversationId: row.chat_conversation_id, serviceUrl: row.chat_service_url } : null,
  };
}

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

// One cache per process (the root repositories live as long as it does); see parsedProfile.
const profileCache: ProfileCache = new Map();

export function createPeopleRepository(db: Db): PeopleRepository {
  const rolesInclude = { roles: { orderBy: [{ role: 'asc' as const }, { unitId: 'asc' as const }] } };
  return {
    async findByAad(tenantId, aadObjectId) {
      const row = await db.person.findUnique({ where: { tenantId_aadObjectId: { tenantId, aadObjectId } }, include: rolesInclude });
      return row && withRoles(row);
    },

    async acting(tenantId, aadObjectId) {
      const rows = await db.$queryRawUnsafe<ActingRow[]>(ACTING_SQL, tenantId, aadObjectId);
      return rows[0] ? toActing(rows[0], profileCache) : null;
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

    async chatUserIdsByRole(municipalityId, roles) {
      const rows = await db.$queryRawUnsafe<{ user_id: string }[]>(
        `SELECT c."reference"->'user'->>'id' AS "user_id"
         FROM "people" p
         JOIN "role_assignments" r ON r."person_id" = p."id" AND r."role"::text = ANY($2::text[])
         JOIN "conversation_references" c ON c."person_id" = p."id"
         WHERE p."municipality_id" = $1 AND c."reference"->'user'->>'id' IS NOT NULL
         GROUP BY p."id", p."display_name", c."reference"
         ORDER BY min(array_position($2::text[], r."role"::text)), p."display_name", p."id"`,
        municipalityId,
        roles,
      );
      return rows.map((r) => r.user_id);
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

    async bindByEmail(tenantId, emails, aadObjectId, via) {
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
        await appendAudit(tx, { municipalityId: candidate.municipalityId, actorId: candidate.id, action: 'person.bound', subjectType: 'person', subjectId: candidate.id, details: { by: 'email', ...(via ? { via } : {}) } });
        const row = await tx.person.findUniqueOrThrow({ where: { id: candidate.id }, include: rolesInclude });
        return withRoles(row);
      });
    },
  };
}

function notFoundPerson(id: string) {
  return new NotFoundError('person', id);
}
