// "Mina ärenden": the principal's own cases, newest first, in the principal's words.
import { caseListCard, type AdaptiveCard } from '../../cards';
import { CASE_STATUS_FOR_PRINCIPAL, formatSwedishDate } from '../../domain/wording';
import { localDate, termTitle } from '../../domain/terms';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';

export async function myCases(deps: AppDeps, actor: Actor): Promise<AdaptiveCard> {
  const cases = await deps.repos.cases.listForPrincipal(actor.person.id);
  const units = new Map(actor.units.map((u) => [u.id, u.name]));
  const tz = actor.municipality.profile.timeZone;
  return caseListCard({
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
