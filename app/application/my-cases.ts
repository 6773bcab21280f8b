// "Mina ärenden": the principal's own cases, newest first, in the principal's words.
import { caseListCard, MAX_LIST_ROWS, type AdaptiveCard } from '../../cards';
import { CASE_STATUS_FOR_PRINCIPAL, formatSwedishDate } from '../../domain/wording';
import { localDate, termTitle } from '../../domain/terms';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';

export async function myCases(deps: AppDeps, actor: Actor): Promise<AdaptiveCard> {
  // The page the card shows and the count, in one statement.
  const { cases, total } = await deps.repos.cases.principalPage(actor.person.id, { limit: MAX_LIST_ROWS });
  const units = new Map(actor.units.map((u) => [u.id, u.name]));
  const tz = actor.municipality.profile.timeZone;
  return caseListCard({
    total,
    cases: cases.map((c) => ({
      caseNumber: c.caseNumber,
      termLabel: termTitle(c.term),
      unitName: units.get(c.unitId) ?? 'Enhet du inte längre leder',
      statusText: CASE_STATUS_FOR_PRINCIPAL[c.status] + (c.late ? ' (sen ansökan)' : ''),
      submittedText: formatSwedishDate(localDate(c.createdAt, tz)),
      pupilLabel: c.pupilRef,
    })),
  });
}
