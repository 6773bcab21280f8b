// Saves an edited profile as the municipality's next version. Cases already submitted keep the
// version they were assessed under (the database stamps it on each case), so a new hourly
// rate shows in new assessments only. Audited as municipality.profile_set with the version.
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { checkProfile } from './profile-input';
import { asAdmin, invalid, ok, type AdminResult } from './result';

export function saveProfile(deps: AppDeps, actor: Actor, input: unknown): Promise<AdminResult<{ versionId: string; version: number }>> {
  return asAdmin(actor, async () => {
    const checked = checkProfile(actor, input);
    if (!checked.ok) return invalid(checked.errors);
    await deps.repos.municipalities.setProfile(actor.municipality.id, checked.value, actor.person.id);
    const current = await deps.repos.profileVersions.current(actor.municipality.id);
    if (!current) throw new Error('The profile was saved but no version was recorded (is the profile-version trigger missing?)');
    return ok({ versionId: current.id, version: current.version });
  });
}
