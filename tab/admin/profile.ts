// The municipality profile: the current one (or a saved version), saving an edited one as the
// next version, and a preview of what a sample assessment gives under the current and the edited
// profile. The form's fields are the profile's own dotted paths, so the errors land next to them.
import { z } from 'zod';
import { getProfile, type ProfileView } from '../../app/admin/get-profile';
import { previewProfile, type ProfilePreview } from '../../app/admin/preview-profile';
import { saveProfile } from '../../app/admin/save-profile';
import type { AssessmentResult } from '../../domain/assessment';
import { localDate } from '../../domain/terms';
import { formatKronor, formatNumber, formatSwedishDate } from '../../domain/wording';
import type { TMunicipalityProfile } from '../../domain/profile';
import type { AppDeps } from '../../app/deps';
import type { Actor } from '../../app/actor';
import { json } from '../http';
import { SCHOOL_FORM_CHOICES } from './choices';
import { invalidBody, respond } from './respond';
import { route } from './route';

const ZProfileBody = z.object({ profile: z.record(z.string(), z.unknown(), { error: 'Profilen saknas.' }) });
const ZPreviewBody = ZProfileBody.extend({
  sample: z.object({ ratings: z.record(z.string(), z.unknown()), attendanceHoursPerWeek: z.number().positive() }).optional(),
});
const ZVersionQuery = z.object({ version: z.uuid('Ogiltig version.').optional() });

export function dateTimeText(at: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('sv-SE', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${formatSwedishDate(localDate(at, timeZone))} ${time}`;
}

async function profileView(deps: AppDeps, actor: Actor, view: ProfileView) {
  const tz = actor.municipality.profile.timeZone;
  const names = new Map<string, string>();
  for (const id of new Set(view.versions.map((v) => v.createdById).filter((x): x is string => !!x))) {
    const p = await deps.repos.people.get(id);
    if (p) names.set(id, p.displayName);
  }
  return {
    profile: view.profile,
    version: view.version,
    versionId: view.versionId,
    currentVersionId: view.versions[0]?.id ?? null,
    versions: view.versions.map((v) => ({
      id: v.id,
      version: v.version,
      createdText: dateTimeText(v.createdAt, tz),
      byName: v.createdById ? (names.get(v.createdById) ?? 'Okänd person') : 'Tilläggsbot',
    })),
    choices: { schoolForms: SCHOOL_FORM_CHOICES },
  };
}

const amountView = (r: AssessmentResult) => ({ hoursPerWeek: r.hoursCurrent, amountPerMonth: r.amountPerMonth, amountText: formatKronor(r.amountPerMonth), explanation: r.explanation });

// The sample in words: "Alla 8 områden på nivå 2 (…)" or, for a sample of mixed levels, how many.
function sampleText(p: Extract<ProfilePreview, { valid: true }>, profile: TMunicipalityProfile): string {
  const levels = [...new Set(Object.values(p.sample.ratings).map((r) => r.current))];
  const rated = Object.keys(p.sample.ratings).length;
  const level = levels.length === 1 ? levels[0]! : null;
  const label = level !== null ? profile.assessment.levelLabels[profile.assessment.levels.indexOf(level)] : undefined;
  const where = level !== null ? `Alla ${rated} områden på nivå ${level}${label ? ` (${label.toLowerCase()})` : ''}` : `${rated} bedömda områden`;
  return `${where}, vistelsetid ${formatNumber(p.sample.attendanceHoursPerWeek)} timmar i veckan.`;
}

function previewView(p: Extract<ProfilePreview, { valid: true }>, profile: TMunicipalityProfile) {
  return {
    valid: true,
    sampleText: sampleText(p, profile),
    current: amountView(p.current),
    edited: amountView(p.edited),
    difference: p.difference,
    differenceText: p.difference === 0 ? 'Ingen skillnad' : `${p.difference > 0 ? '+' : '−'}${formatKronor(Math.abs(p.difference))} i månaden`,
  };
}

export const PROFILE_ROUTES = [
  route({
    method: 'GET',
    path: '/tab/api/admin/profile',
    run: async ({ deps, actor, query }) => {
      const q = ZVersionQuery.safeParse({ version: query.version || undefined });
      if (!q.success) return invalidBody([{ field: 'version', message: 'Ogiltig version.' }]);
      return respond(getProfile(deps, actor, q.data.version), (v) => profileView(deps, actor, v));
    },
  }),
  route({ method: 'PUT', path: '/tab/api/admin/profile', body: ZProfileBody, run: ({ deps, actor, body }) => respond(saveProfile(deps, actor, body.profile)) }),
  route({
    method: 'POST',
    path: '/tab/api/admin/profile/preview',
    body: ZPreviewBody,
    run: async ({ deps, actor, body }) => {
      const result = await previewProfile(deps, actor, body.profile, body.sample);
      if (!result.ok) return respond(result);
      return result.value.valid ? json(200, previewView(result.value, actor.municipality.profile)) : invalidBody(result.value.errors);
    },
  }),
];
