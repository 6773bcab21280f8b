// What an edited profile would give before it is saved: the field errors, or a sample
// assessment computed under the current profile and under the edited one, side by side.
// The sample is the caller's, or every area at the first extraordinary level for a child
// there 30 hours a week.
import { computeAssessment, type AssessmentResult } from '../../domain/assessment';
import type { FieldError } from '../../domain/admin';
import type { TMunicipalityProfile } from '../../domain/profile';
import { ZAssessment, type TAssessment } from '../../domain/schemas';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { checkProfile } from './profile-input';
import { asAdmin, ok, type AdminResult } from './result';

export interface ProfileSample {
  ratings: TAssessment;
  attendanceHoursPerWeek: number;
}

export type ProfilePreview =
  | { valid: false; errors: FieldError[] }
  | { valid: true; sample: ProfileSample; current: AssessmentResult; edited: AssessmentResult; difference: number };

export function defaultSample(profile: TMunicipalityProfile): ProfileSample {
  const level = profile.assessment.extraordinaryFromLevel;
  return {
    ratings: Object.fromEntries(profile.assessment.areas.map((a) => [a.id, { current: level, desired: Math.max(...profile.assessment.levels.filter((l) => l < level)) }])),
    attendanceHoursPerWeek: 30,
  };
}

export function previewProfile(deps: AppDeps, actor: Actor, input: unknown, sample?: unknown): Promise<AdminResult<ProfilePreview>> {
  return asAdmin(actor, async () => {
    const checked = checkProfile(actor, input);
    if (!checked.ok) return ok<ProfilePreview>({ valid: false, errors: checked.errors });
    const current = (await deps.repos.municipalities.get(actor.municipality.id))?.profile ?? actor.municipality.profile;
    const given = sample as Partial<ProfileSample> | undefined;
    const ratings = ZAssessment.safeParse(given?.ratings);
    const attendance = typeof given?.attendanceHoursPerWeek === 'number' && given.attendanceHoursPerWeek > 0 ? given.attendanceHoursPerWeek : undefined;
    const used: ProfileSample = ratings.success && attendance !== undefined ? { ratings: ratings.data, attendanceHoursPerWeek: attendance } : defaultSample(checked.value);
    const before = computeAssessment(used.ratings, current, used.attendanceHoursPerWeek);
    const after = computeAssessment(used.ratings, checked.value, used.attendanceHoursPerWeek);
    return ok<ProfilePreview>({ valid: true, sample: used, current: before, edited: after, difference: after.amountPerMonth - before.amountPerMonth });
  });
}
