// The audit log, filtered by case (its number or id), person and date, newest first, a page at
// a time. Dates are the municipality's local calendar dates, both ends included.
import { z } from 'zod';
import { validate } from '../../domain/admin';
import { localMinutes } from '../../domain/calendar';
import { addDays, isIsoDate, localDate } from '../../domain/terms';
import { auditActionLabel } from '../../domain/wording';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { asAdmin, invalid, ok, type AdminResult } from './result';
import { CASE_GONE, ownPerson, PERSON_GONE } from './shared';

const date = z
  .string()
  .trim()
  .refine(isIsoDate, 'Skriv datumet som ÅÅÅÅ-MM-DD.')
  .optional()
  .or(z.literal('').transform(() => undefined));

export const ZAuditLogQuery = z
  .object({
    // "TB-2027-0001" or the case's id.
    case: z.string().trim().optional(),
    personId: z.string().trim().optional(),
    from: date,
    to: date,
    limit: z.coerce.number().int('Ange ett heltal.').min(1, 'Minst 1.').max(200, 'Högst 200 per sida.').default(50),
    // `next` of the previous page.
    before: z.string().regex(/^\d+$/, 'Ogiltig sida.').optional(),
  })
  .superRefine((q, ctx) => {
    // zod runs this even when a date failed its own check; compare only two real dates.
    if (q.from && q.to && isIsoDate(q.from) && isIsoDate(q.to) && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Slutdatumet ligger före startdatumet.' });
  });

export interface AuditLogRow {
  id: string;
  at: Date;
  action: string;
  // The Swedish wording of the action.
  label: string;
  actorId: string | null;
  actorName: string | null;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
}

// The instant a local calendar day begins (the offset is read at UTC midnight of that day,
// which lies on the same side of a daylight-saving change as the local midnight in Sweden).
export function localMidnight(isoDate: string, timeZone: string): Date {
  const utcMidnight = new Date(`${isoDate}T00:00:00.000Z`);
  const sameDay = localDate(utcMidnight, timeZone) === isoDate;
  const offsetMinutes = sameDay ? localMinutes(utcMidnight, timeZone) : localMinutes(utcMidnight, timeZone) - 24 * 60;
  return new Date(utcMidnight.getTime() - offsetMinutes * 60_000);
}

export function searchAuditLog(deps: AppDeps, actor: Actor, query: unknown): Promise<AdminResult<{ entries: AuditLogRow[]; next: string | null }>> {
  return asAdmin(actor, async () => {
    const checked = validate(ZAuditLogQuery, query ?? {});
    if (!checked.ok) return invalid(checked.errors);
    const q = checked.value;
    const tz = actor.municipality.profile.timeZone;
    let caseId: string | undefined;
    if (q.case) {
      const kase = /^[0-9a-f-]{36}$/i.test(q.case) ? await deps.repos.cases.get(q.case) : await deps.repos.cases.byNumber(actor.municipality.id, q.case.toUpperCase());
      // An erased case has no row left, but its trail stays: its id is still searchable.
      caseId = kase && kase.municipalityId === actor.municipality.id ? kase.id : /^[0-9a-f-]{36}$/i.test(q.case) ? q.case : undefined;
      if (!caseId) return invalid([{ field: 'case', message: CASE_GONE }]);
    }
    if (q.personId && !(await ownPerson(deps, actor, q.personId))) return invalid([{ field: 'personId', message: PERSON_GONE }]);
    const page = await deps.repos.audit.search({
      municipalityId: actor.municipality.id,
      caseId,
      personId: q.personId,
      from: q.from ? localMidnight(q.from, tz) : undefined,
      to: q.to ? localMidnight(addDays(q.to, 1), tz) : undefined,
      limit: q.limit,
      before: q.before,
    });
    const actorIds = [...new Set(page.entries.map((e) => e.actorId).filter((id): id is string => id !== null))];
    const names = new Map(
      (await Promise.all(actorIds.map((id) => (/^[0-9a-f-]{36}$/i.test(id) ? deps.repos.people.get(id) : Promise.resolve(null))))).flatMap((p) => (p ? [[p.id, p.displayName] as const] : [])),
    );
    return ok({
      entries: page.entries.map((e) => ({ ...e, label: auditActionLabel(e.action), actorName: e.actorId ? (names.get(e.actorId) ?? null) : null })),
      next: page.next,
    });
  });
}
