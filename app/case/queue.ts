// "Ärenden" for Elevhälsan: the open cases of the municipality, oldest first.
import { caseQueueCard, MAX_LIST_ROWS } from '../../cards';
import { CASE_STATUS_FOR_ELEVHALSA, formatSwedishDate } from '../../domain/wording';
import { localDate, termTitle } from '../../domain/terms';
import { hasRole, type Actor } from '../actor';
import type { AppDeps, Reply } from '../deps';

export async function queueCard(deps: AppDeps, actor: Actor): Promise<Reply> {
  if (!(['handler', 'head', 'admin'] as const).some((r) => hasRole(actor, r))) {
    return { toast: 'Kön visas bara för Elevhälsan. Skriv ”mina ärenden” för att se dina egna ansökningar.' };
  }
  const tz = actor.municipality.profile.timeZone;
  // One page, oldest first, with the counts the card shows: one statement however long the
  // history (the card shows MAX_LIST_ROWS rows at most).
  const page = await deps.repos.cases.queuePage(actor.municipality.id, { limit: MAX_LIST_ROWS });
  const cases = page.cases;
  const noChannel = !(await deps.repos.conversations.getChannel({ municipalityId: actor.municipality.id }));
  return caseQueueCard({
    noChannel,
    total: page.total,
    unassigned: page.unassigned,
    cases: cases.map((c) => ({
      caseId: c.id,
      caseNumber: c.caseNumber,
      unitName: c.unitName || 'Okänd enhet',
      termLabel: termTitle(c.term),
      statusText: CASE_STATUS_FOR_ELEVHALSA[c.status],
      late: c.late,
      ...(c.handlerName ? { handlerName: c.handlerName } : {}),
      submittedAt: c.createdAt.toISOString(),
      submittedText: formatSwedishDate(localDate(c.createdAt, tz)),
    })),
  });
}
