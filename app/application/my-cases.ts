// "Mina ärenden": the principal's own cases, newest first, in the principal's words.
import { caseListCard, type AdaptiveCard } from '../../cards';
import { CASE_STATUS_FOR_PRINCIPAL, formatSwedishDate } from '../../domain/wording';
import { localDate, termTitle } from '../../domain/terms';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import type { MessageAction } from '../../cards';
import type { CaseRecord } from '../../domain/ports';
import { dueForPrincipal } from '../follow-up/grants';

// A follow-up to file and, for a granted case, the renewal for the next term.
async function caseActions(deps: AppDeps, actor: Actor, cases: CaseRecord[]): Promise<Map<string, MessageAction[]>> {
  const out = new Map<string, MessageAction[]>();
  if (actor.units.length === 0 || !cases.some((c) => c.status === 'decided')) return out;
  const due = await dueForPrincipal(
    deps.repos,
    { municipalityId: actor.municipality.id, personId: actor.person.id, unitIds: actor.person.ledUnitIds, profile: actor.municipality.profile },
    deps.clock.now(),
  );
  for (const d of due) {
    const list = out.get(d.caseId) ?? [];
    if (list.length === 0) list.push({ title: d.state === 'overdue' ? 'Lämna uppföljning (försenad)' : 'Lämna uppföljning', verb: 'followup.start', data: { caseId: d.caseId, term: d.term } });
    out.set(d.caseId, list);
  }
  for (const c of cases.filter((c) => c.status === 'decided')) {
    const [decision] = await deps.repos.decisions.forCase(c.id);
    if (!decision || decision.outcome === 'rejected') continue;
    out.set(c.id, [...(out.get(c.id) ?? []), { title: 'Ansök för nästa termin', verb: 'case.renew', data: { caseId: c.id } }]);
  }
  return out;
}

export async function myCases(deps: AppDeps, actor: Actor): Promise<AdaptiveCard> {
  const cases = await deps.repos.cases.listForPrincipal(actor.person.id);
  const actions = await caseActions(deps, actor, cases);
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
      ...(actions.get(c.id) ? { actions: actions.get(c.id)! } : {}),
    })),
  });
}
