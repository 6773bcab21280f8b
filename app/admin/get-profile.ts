// The municipality's current profile, the version it is, and every earlier version (newest
// first). `versionId` gives one stored version instead of the current one.
import type { TMunicipalityProfile } from '../../domain/profile';
import type { ProfileVersionSummary } from '../../domain/ports';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { asAdmin, notFound, ok, type AdminResult } from './result';

export interface ProfileView {
  profile: TMunicipalityProfile;
  // Null only for a municipality created before profile versions existed and never edited.
  versionId: string | null;
  version: number | null;
  versions: ProfileVersionSummary[];
}

export function getProfile(deps: AppDeps, actor: Actor, versionId?: string): Promise<AdminResult<ProfileView>> {
  return asAdmin(actor, async () => {
    const versions = await deps.repos.profileVersions.list(actor.municipality.id);
    if (versionId !== undefined) {
      if (!versions.some((v) => v.id === versionId)) return notFound('Den versionen av profilen finns inte.');
      const stored = await deps.repos.profileVersions.get(versionId);
      if (!stored) return notFound('Den versionen av profilen finns inte.');
      return ok({ profile: stored.profile, versionId: stored.id, version: stored.version, versions });
    }
    const current = await deps.repos.municipalities.get(actor.municipality.id);
    const profile = current?.profile ?? actor.municipality.profile;
    return ok({ profile, versionId: versions[0]?.id ?? null, version: versions[0]?.version ?? null, versions });
  });
}
