// "Mina ärenden": the principal's own cases, newest first, in the principal's words. The chat is
// the principal's own, so the child is named (the pupil reference is for shared places); a
// decided case says what was decided and opens the letter again, and offers the follow-up due
// and the renewal for the next term.
import { caseListCard, decisionCard, MAX_LIST_ROWS, type AdaptiveCard, type MessageAction } from '../../cards';
import { pupilName } from '../../domain/draft';
import type { CaseRecord, DecisionRecord } from '../../domain/ports';
import type { TApplicationDraft } from '../../domain/schemas';
import { CASE_STATUS_FOR_PRINCIPAL, DECISION_OUTCOME_LABELS, capitalize, formatKronor, formatSwedishDate } from '../../domain/wording';
import { localDate, termTitle } from '../../domain/terms';
import { caseActor, type Actor } from '../actor';
import { isPrincipalOfCase } from '../../domain/case-roles';
import type { AppDeps, Reply } from '../deps';
import { withCase } from '../case/access';
import { dueForPrincipal } from '../follow-up/grants';
import { decisionViewModel } from '../views/case-view';

// "Beslut: beviljat, 12 400 kr per månad".
function decisionStatus(decision: DecisionRecord): string {
  const amount = decision.outcome !== 'rejected' && decision.amountPerMonth !== null ? `, ${formatKronor(decision.amountPerMonth)} per månad` : '';
  return `${capitalize(DECISION_OUTCOME_LABELS[decision.outcome])}${amount}`;
}

// A follow-up to file and, for a granted case, the renewal for the next term.
async function caseActions(
  deps: AppDeps,
  actor: Actor,
  cases: CaseRecord[],
  decisionOf: (caseId: string) => DecisionRecord | undefined,
): Promise<Map<string, MessageAction[]>> {
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
  for (const c of cases) {
    const decision = decisionOf(c.id);
    if (!decision || decision.outcome === 'rejected') continue;
    out.set(c.id, [...(out.get(c.id) ?? []), { title: 'Ansök för nästa termin', verb: 'case.renew', data: { caseId: c.id } }]);
  }
  return out;
}

export async function myCases(deps: AppDeps, actor: Actor): Promise<AdaptiveCard> {
  // The page the card shows and the count, in one statement.
  const { cases, total } = await deps.repos.cases.principalPage(actor.person.id, { limit: MAX_LIST_ROWS });
  const units = new Map(actor.units.map((u) => [u.id, u.name]));
  const tz = actor.municipality.profile.timeZone;
  // Each row's latest version and decision: two reads for the whole page.
  const decided = cases.filter((c) => c.status === 'decided').map((c) => c.id);
  const [versions, decisions] = await Promise.all([deps.repos.cases.latestVersions(cases.map((c) => c.id)), deps.repos.decisions.forCases(decided)]);
  // A case has one decision (recording a second is refused).
  const decisionOf = (caseId: string) => decisions.get(caseId)?.[0];
  const actions = await caseActions(deps, actor, cases, decisionOf);
  return caseListCard({
    total,
    cases: cases.map((c) => {
      const version = versions.get(c.id);
      const decision = decisionOf(c.id);
      return {
        caseNumber: c.caseNumber,
        termLabel: termTitle(c.term),
        unitName: units.get(c.unitId) ?? 'Enhet du inte längre leder',
        statusText: (decision ? decisionStatus(decision) : CASE_STATUS_FOR_PRINCIPAL[c.status]) + (c.late ? ' (sen ansökan)' : ''),
        submittedText: formatSwedishDate(localDate(c.createdAt, tz)),
        // Erased after the retention time: only the reference is left.
        pupilLabel: version ? pupilName((version.data as TApplicationDraft).pupil) : c.pupilRef,
        ...(decision ? { decidedCaseId: c.id } : {}),
        ...(actions.get(c.id) ? { actions: actions.get(c.id)! } : {}),
      };
    }),
  });
}

// "Visa beslutet": the decision letter again, as it was delivered.
export function showDecision(deps: AppDeps, actor: Actor, caseId: string): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.view', async (bundle) => {
    if (!bundle.decision) return { toast: 'Det finns inget beslut i ärendet än.' };
    const forPrincipal = isPrincipalOfCase(caseActor(actor), bundle.kase);
    return decisionCard(decisionViewModel(bundle, bundle.decision, bundle.decision.appealDeadline, forPrincipal));
  });
}
