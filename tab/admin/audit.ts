// The audit log for the administrator, filtered by case number, person and dates, newest first,
// a page at a time; each entry in words, with who did it and what it was about.
import { searchAuditLog, type AuditLogRow } from '../../app/admin/audit-log';
import type { Actor } from '../../app/actor';
import type { AppDeps } from '../../app/deps';
import { respond } from './respond';
import { route } from './route';
import { dateTimeText } from './profile';

const SUBJECT_WORDS: Record<string, string> = { case: 'Ärende', person: 'Person', unit: 'Enhet', municipality: 'Kommunen', draft: 'Utkast', reminder: 'Påminnelse' };

// What an entry was about, by name where the record is still there (an erased case is not).
async function subjectNames(deps: AppDeps, actor: Actor, entries: AuditLogRow[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const uuid = /^[0-9a-f-]{36}$/i;
  for (const e of entries) {
    const key = `${e.subjectType}:${e.subjectId}`;
    if (names.has(key) || !uuid.test(e.subjectId)) continue;
    if (e.subjectType === 'case') {
      const kase = await deps.repos.cases.get(e.subjectId);
      if (kase?.municipalityId === actor.municipality.id) names.set(key, kase.caseNumber);
    } else if (e.subjectType === 'person') {
      const person = await deps.repos.people.get(e.subjectId);
      if (person?.municipalityId === actor.municipality.id) names.set(key, person.displayName);
    } else if (e.subjectType === 'unit') {
      const unit = await deps.repos.units.get(e.subjectId);
      if (unit?.municipalityId === actor.municipality.id) names.set(key, unit.name);
    }
  }
  return names;
}

function detailsText(e: AuditLogRow): string | null {
  const d = e.details ?? {};
  if (e.action === 'person.bound') return d.via === 'tab' ? 'när personen öppnade fliken' : 'när personen skrev till boten';
  if (e.action === 'municipality.profile_set' && typeof d.version === 'number') return `version ${d.version}`;
  if (e.action === 'case.access_exported' && typeof d.format === 'string') return d.format.toUpperCase();
  if (e.action === 'import.applied' && d.units !== undefined) return `${String(d.units)} enheter, ${String(d.people)} personer, ${String(d.grants)} roller`;
  return null;
}

export const AUDIT_ROUTES = [
  route({
    method: 'GET',
    path: '/tab/api/admin/audit',
    run: ({ deps, actor, query }) =>
      respond(searchAuditLog(deps, actor, Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''))), async (page) => {
        const tz = actor.municipality.profile.timeZone;
        const subjects = await subjectNames(deps, actor, page.entries);
        const people = await deps.repos.people.listForMunicipality(actor.municipality.id);
        return {
          entries: page.entries.map((e) => ({
            id: e.id,
            atText: dateTimeText(e.at, tz),
            action: e.action,
            label: e.label,
            actorName: e.actorName ?? (e.actorId ? 'Okänd person' : 'Tilläggsbot'),
            subjectText: `${SUBJECT_WORDS[e.subjectType] ?? e.subjectType}${subjects.has(`${e.subjectType}:${e.subjectId}`) ? ` ${subjects.get(`${e.subjectType}:${e.subjectId}`)}` : ''}`,
            detailsText: detailsText(e),
          })),
          next: page.next,
          choices: { people: people.map((p) => ({ value: p.id, text: p.displayName })) },
        };
      }),
  }),
];
