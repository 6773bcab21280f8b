// The profile versions a database trigger keeps (see the administration migration).
import type { ProfileVersion, ProfileVersionRepository, ProfileVersionSummary } from '../../domain/ports';
import { ZMunicipalityProfile } from '../../domain/profile';
import type { ProfileVersion as ProfileVersionRow } from '../generated/client';
import type { Db } from './shared';

const summary = (row: Omit<ProfileVersionRow, 'profile'>): ProfileVersionSummary => ({
  id: row.id,
  municipalityId: row.municipalityId,
  version: row.version,
  createdById: row.createdById,
  createdAt: row.createdAt,
});

// Parsed like the current profile: defaults added since fill in, so an old version still reads.
const toVersion = (row: ProfileVersionRow): ProfileVersion => ({ ...summary(row), profile: ZMunicipalityProfile.parse(row.profile) });

export function createProfileVersionRepository(db: Db): ProfileVersionRepository {
  return {
    async list(municipalityId) {
      const rows = await db.profileVersion.findMany({
        where: { municipalityId },
        orderBy: { version: 'desc' },
        select: { id: true, municipalityId: true, version: true, createdById: true, createdAt: true },
      });
      return rows.map(summary);
    },
    async get(id) {
      const row = await db.profileVersion.findUnique({ where: { id } });
      return row && toVersion(row);
    },
    async current(municipalityId) {
      const row = await db.profileVersion.findFirst({ where: { municipalityId }, orderBy: { version: 'desc' } });
      return row && toVersion(row);
    },
    async forCase(caseId) {
      const row = await db.case.findUnique({ where: { id: caseId }, select: { profileVersion: true } });
      return row?.profileVersion ? toVersion(row.profileVersion) : null;
    },
  };
}
