// The card in the Elevhälsa channel, one per case. Many people see a channel, so the card
// names the case, the unit and the money, never the child or the need (its view model has no
// such fields). Teams refreshes it per viewer: the buttons follow what that viewer may do.
import type { AdaptiveCard, CardAction, CardElement } from './types';
import type { CaseChannelViewModel } from './case-view-models';
import { adaptiveCard, factSet, heading, notice, subtle, text } from './card';
import { cardRefresh, execute } from './actions';
import { decisionLine, handlerText, lateMarker, unitText } from './case-common';
import { SCHOOL_FORM_LABELS, formatHoursPerWeek } from '../domain/wording';

export const DELIVERY_FAILED_TEXT = 'Beslutet kunde inte levereras till rektorns chatt. Skicka det igen när rektorn har Tilläggsbot, eller på annat sätt.';

function nextStep(vm: CaseChannelViewModel): string | undefined {
  if (vm.decision) return undefined;
  if (!vm.handler) return vm.allowed.assign ? 'Ingen har tagit ärendet än. Tryck Tilldela mig för att ta det.' : 'Ingen har tagit ärendet än.';
  if (vm.handler.isViewer) return 'Du handlägger ärendet. Öppna ansökan för att gå vidare.';
  return undefined;
}

function buttons(vm: CaseChannelViewModel): CardAction[] {
  const { caseId, allowed } = vm;
  const actions: CardAction[] = [];
  const open = !vm.decision;
  if (open && allowed.assign && !vm.handler?.isViewer) {
    const tooltip = vm.handler ? `Ta över ärendet från ${vm.handler.name}` : undefined;
    actions.push(execute('Tilldela mig', 'case.assign', { caseId }, { style: 'positive', ...(tooltip ? { tooltip } : {}) }));
  }
  // Still useful after a decision: to read it, or to send it another way when delivery failed.
  if (allowed.view) actions.push(execute('Visa ansökan', 'case.view', { caseId }));
  // After a failed delivery the principal may have reinstalled the bot: one click tries again.
  if (vm.deliveryFailed && allowed.assign) actions.push(execute('Skicka beslutet igen', 'case.decision.resend', { caseId }));
  if (open && allowed.requestCompletion) actions.push(execute('Begär komplettering', 'case.completion.form', { caseId }));
  if (open && allowed.decide) actions.push(execute('Fatta beslut', 'case.decision.form', { caseId }));
  const latest = vm.followUps?.at(-1);
  if (latest && allowed.view) actions.push(execute('Visa uppföljning', 'case.followup.view', { caseId, term: latest.term }));
  return actions;
}

export function caseChannelCard(vm: CaseChannelViewModel): AdaptiveCard {
  const body: CardElement[] = [
    subtle('Ansökan om tilläggsbelopp'),
    heading(vm.caseNumber, { size: 'large', spacing: 'none' }),
  ];
  if (vm.late) body.push(lateMarker());
  body.push(
    factSet([
      { title: 'Enhet', value: unitText(vm.unitName, vm.unitKind) },
      { title: 'Skolform', value: SCHOOL_FORM_LABELS[vm.schoolForm] },
      { title: 'Termin', value: vm.termLabel },
      { title: 'Bedömt stöd', value: formatHoursPerWeek(vm.hoursPerWeek) },
      { title: 'Föreslaget belopp', value: `${vm.amountPerMonthText} per månad` },
      { title: 'Status', value: vm.statusText },
      { title: 'Handläggare', value: handlerText(vm.handler) },
    ]),
  );
  if (vm.lastEventText) body.push(subtle(`Senast: ${vm.lastEventText}`));
  if (vm.decision) body.push(decisionLine(vm.decision));
  if (vm.deliveryFailed) body.push(notice(DELIVERY_FAILED_TEXT, 'warning'));
  else if (vm.decision?.deliveredText) body.push(text(`Beslutet levererat till rektorns chatt ${vm.decision.deliveredText}.`, { size: 'small' }));
  else if (vm.decision?.delivery === 'pending') body.push(text('Beslutet är på väg till rektorns chatt.', { size: 'small' }));
  if (vm.otherUnitText) body.push(notice(vm.otherUnitText, 'warning'));
  for (const f of vm.followUps ?? []) {
    body.push(text(f.text, { weight: 'bolder', spacing: 'small' }));
    for (const flag of f.flags) body.push(notice(flag, 'warning'));
  }
  const hint = nextStep(vm);
  if (hint) body.push(text(hint, { size: 'small' }));
  return adaptiveCard(body, buttons(vm), { refresh: cardRefresh('case.refresh', { caseId: vm.caseId }, vm.refreshUserIds) });
}
