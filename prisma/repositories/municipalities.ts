// Municipalities: the tenant a Teams activity comes from, its profile and its Elevhälsa channel.
import { ConflictError, type Municipality, type MunicipalityRepository } from '../../domain/ports';
import { ZMunicipalityProfile } from '../../domain/profile';
import type { Municipality as MunicipalityRow } from '../generated/client';
import { appendAudit } from './audit';
import { type Db, inTransaction, isUniqueViolation, json, notFound } from './shared';

// The profile is parsed on every read: a profile edited into an invalid shape fails here, with
// zod's message, instead of deep inside a rule.
export function toMunicipality(row: MunicipalityRow): Municipality {
  return {
    id: row.id,
    name: row.name,
    tenantId: row.tenantId,
    profile: ZMunicipalityProfile.parse(row.profile),
    elevhalsaTeamId: row.elevhalsaTeamId,
    elevhalsaChannelId: row.elevhalsaChannelId,
  };
}

export function createMunicipalityRepository(db: Db): MunicipalityRepository {
  return {
    async list() {
      return (await db.municipality.findMany({ orderBy: { id: 'asc' } })).map(toMunicipality);
    },

    async get(id) {
      const row = await db.municipality.findUnique({ where: { id } });
      return row && toMunicipality(row);
    },

    async byTenant(tenantId) {
      const row = await db.municipality.findUnique({ where: { tenantId } });
      return row && toMunicipality(row);
    },

    async setElevhalsaChannel(id, { teamId, channelId }, by = null) {
      return inTransaction(db, async (tx) => {
        const row = await tx.municipality.update({ where: { id }, data: { elevhalsaTeamId: teamId, elevhalsaChannelId: channelId } }).catch(notFound('municipality', id));
        await appendAudit(tx, { municipalityId: id, actorId: by, action: 'municipality.elevhalsa_channel_set', subjectType: 'municipality', subjectId: id, details: { teamId, channelId } });
        return toMunicipality(row);
      });
    },

    async setProfile(id, profile, by = null) {
      const parsed = ZMunicipalityProfile.parse(profile);
      return inTransaction(db, async (tx) => {
        // The profile-version trigger reads who made the change from here (transaction-local).
        await setActor(tx, by);
        const row = await tx.municipality.update({ where: { id }, data: { profile: json(parsed) } }).catch(notFound('municipality', id));
        const version = await tx.profileVersion.findFirst({ where: { municipalityId: id }, orderBy: { version: 'desc' }, select: { id: true, version: true } });
        await appendAudit(tx, { municipalityId: id, actorId: by, action: 'municipality.profile_set', subjectType: 'municipality', subjectId: id, details: { profileVersionId: version?.id, version: version?.version } });
        return toMunicipality(row);
      });
    },

    async create({ id, name, tenantId, profile }, by = null) {
      const parsed = ZMunicipalityProfile.parse(profile);
      return inTransaction(db, async (tx) => {
        const taken = await tx.municipality.findFirst({ where: { OR: [{ id }, { tenantId }] } });
        if (taken) throw new ConflictError(`municipality ${id} or tenant ${tenantId} exists`, { entity: 'municipality', id: taken.id, reason: taken.id === id ? 'id_taken' : 'tenant_taken' });
        await setActor(tx, by);
        const row = await tx.municipality.create({ data: { id, name, tenantId, profile: json(parsed) } }).catch((error: unknown) => {
          if (isUniqueViolation(error)) throw new ConflictError(`municipality ${id} exists`, { entity: 'municipality', id, reason: 'id_taken' });
          throw error;
        });
        await appendAudit(tx, { municipalityId: id, actorId: by, action: 'municipality.created', subjectType: 'municipality', subjectId: id, details: { tenantId } });
        return toMunicipality(row);
      });
    },
  };
}

async function setActor(tx: Db, by: string | null): Promise<void> {
  await tx.$executeRaw`SELECT set_config('tillaggsbot.actor', ${by ?? ''}, true)`;
}
