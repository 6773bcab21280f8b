// "Mina ärenden": the principal's own cases, newest first, in the principal's words. The chat is
// the principal's own, so the child is named (the pupil reference is for shared places); a
// decided case says what was decided and opens the letter again.
import { caseListCard, decisionCard, MAX_LIST_ROWS, type AdaptiveCard } from '../../cards';
import { pupilName } from '../../domain/draft';
import type { DecisionRecord } from '../../domain/ports';
import type { TApplicationDraft } from '../../domain/schemas';
import { CASE_STATUS_FOR_PRINCIPAL, DECISION_OUTCOME_LABELS, capitalize, formatKronor, formatSwedishDate } from '../../domain/wording';
import { localDate, termTitle } from '../../domain/terms';
import type { Actor } from '../actor';
import type { AppDeps, Reply } from '../deps';
import { withCase } from '../case/access';
import { decisionViewModel } from '../views/case-view';

// "Beslut: beviljat, 12 400 kr per månad".
function decisionStatus(decision: DecisionRecord): string {
  const amount = decision.outcome !== 'rejected' && decision.amountPerMonth !== null ? `, ${formatKronor(decision.amountPerMonth)} per månad` : '';
  return `${capitalize(DECISION_OUTCOME_LABELS[decision.outcome])}${amount}`;
}

export async function myCases(deps: AppDeps, actor: Actor): Promise<AdaptiveCard> {
  // The page the card shows and the count, in one statement.
  const { cases, total } = await deps.repos.cases.principalPage(actor.person.id, { limit: MAX_LIST_ROWS });
  const units = new Map(actor.units.map((u) => [u.id, u.name]));
  const tz = actor.municipality.profile.timeZone;
  const details = await Promise.all(
    cases.map(async (c) => {
      const [version, decisions] = await Promise.all([
        deps.repos.cases.latestVersion(c.id),
        c.status === 'decided' ? deps.repos.decisions.forCase(c.id) : Promise.resolve([]),
      ]);
      return { version, decision: decisions.at(-1) };
    }),
  );
  return caseListCard({
    total,
    cases: cases.map((c, i) => {
      const { version, decision } = details[i]!;
      return {
        caseNumber: c.caseNumber,
        termLabel: termTitle(c.term),
        unitName: units.get(c.unitId) ?? 'Enhet du inte längre leder',
        statusText: (decision ? decisionStatus(decision) : CASE_STATUS_FOR_PRINCIPAL[c.status]) + (c.late ? ' (sen ansökan)' : ''),
        submittedText: formatSwedishDate(localDate(c.createdAt, tz)),
        // Erased after the retention time: only the reference is left.
        pupilLabel: version ? pupilName((version.data as TApplicationDraft).pupil) : c.pupilRef,
        ...(decision ? { decidedCaseId: c.id } : {}),
      };
    }),
  });
}

// "Visa beslutet": the decision letter again, as it was delivered.
export function showDecision(deps: AppDeps, actor: Actor, caseId: string): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.view', async (bundle) => {
    if (!bundle.decision) return { toast: 'Det finns inget beslut i ärendet än.' };
    return decisionCard(decisionViewModel(bundle, bundle.decision, bundle.decision.appealDeadline));
  });
}
