// "Mina ärenden": the principal's own cases, newest first, in the principal's words.
import { caseListCard, type AdaptiveCard } from '../../cards';
import { formatSwedishDate } from '../../domain/format';
import type { CaseStatus } from '../../domain/ports';
import { localDate, termLabel } from '../../domain/terms';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';

export const STATUS_TEXT: Record<CaseStatus, string> = {
  submitted: 'Inskickad, väntar på Elevhälsan',
  in_review: 'Elevhälsan granskar',
  completion_requested: 'Elevhälsan behöver komplettering',
  resubmitted: 'Kompletterad, väntar på Elevhälsan',
  decided: 'Beslut fattat',
};

export async function myCases(deps: AppDeps, actor: Actor): Promise<AdaptiveCard> {
  const cases = await deps.repos.cases.listForPrincipal(actor.person.id);
  const units = new Map(actor.units.map((u) => [u.id, u.name]));
  const tz = actor.municipality.profile.timeZone;
  return caseListCard({
    cases: cases.map((c) => ({
      caseNumber: c.caseNumber,
      termLabel: termLabel(c.term),
      unitName: units.get(c.unitId) ?? 'Enhet du inte längre leder',
      statusText: STATUS_TEXT[c.status] + (c.late ? ' (sen ansökan)' : ''),
      submittedText: formatSwedishDate(localDate(c.createdAt, tz)),
      pupilLabel: c.pupilRef,
    })),
  });
}
