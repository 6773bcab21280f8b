// "Ärenden" for Elevhälsan: the open cases of the municipality, oldest first.
import { caseQueueCard } from '../../cards';
import { CASE_STATUS_FOR_ELEVHALSA, formatSwedishDate } from '../../domain/wording';
import { localDate, termTitle } from '../../domain/terms';
import { hasRole, type Actor } from '../actor';
import type { AppDeps, Reply } from '../deps';

export async function queueCard(deps: AppDeps, actor: Actor): Promise<Reply> {
  if (!(['handler', 'head', 'admin'] as const).some((r) => hasRole(actor, r))) {
    return { toast: 'Kön visas bara för Elevhälsan. Skriv ”mina ärenden” för att se dina egna ansökningar.' };
  }
  const tz = actor.municipality.profile.timeZone;
  const cases = await deps.repos.cases.listQueue(actor.municipality.id);
  const units = new Map((await deps.repos.units.listForMunicipality(actor.municipality.id)).map((u) => [u.id, u.name]));
  const handlerIds = [...new Set(cases.map((c) => c.assignedHandlerId).filter((id): id is string => !!id))];
  const handlers = new Map((await Promise.all(handlerIds.map((id) => deps.repos.people.get(id)))).flatMap((p) => (p ? [[p.id, p.displayName] as const] : [])));
  const noChannel = !(await deps.repos.conversations.getChannel({ municipalityId: actor.municipality.id }));
  return caseQueueCard({
    noChannel,
    cases: cases.map((c) => ({
      caseId: c.id,
      caseNumber: c.caseNumber,
      unitName: units.get(c.unitId) ?? 'Okänd enhet',
      termLabel: termTitle(c.term),
      statusText: CASE_STATUS_FOR_ELEVHALSA[c.status],
      late: c.late,
      ...(c.assignedHandlerId && handlers.get(c.assignedHandlerId) ? { handlerName: handlers.get(c.assignedHandlerId)! } : {}),
      submittedAt: c.createdAt.toISOString(),
      submittedText: formatSwedishDate(localDate(c.createdAt, tz)),
    })),
  });
}
