// Elevhälsan's queue: the undecided cases, oldest first, because the oldest wait longest for
// the school's money. Capped like the other lists so the card fits in Teams.
import type { AdaptiveCard, CardElement } from './types';
import type { CaseQueueItem, CaseQueueViewModel } from './case-view-models';
import { actionSet, adaptiveCard, container, factSet, heading, notice, text } from './card';
import { execute } from './actions';
import { MAX_LIST_ROWS } from './clip';

function row(c: CaseQueueItem): CardElement {
  const title: CardElement[] = [text(`${c.caseNumber} · ${c.termLabel}`, { weight: 'bolder' })];
  if (c.late) title.push(text('Sen ansökan', { color: 'attention', weight: 'bolder', size: 'small', spacing: 'none' }));
  return container(
    [
      ...title,
      factSet([
        { title: 'Enhet', value: c.unitName },
        { title: 'Status', value: c.statusText },
        { title: 'Handläggare', value: c.handlerName ?? 'Ingen än' },
        { title: 'Inskickad', value: c.submittedText },
      ]),
      actionSet([execute('Visa', 'case.view', { caseId: c.caseId }, { tooltip: `Visa ärende ${c.caseNumber}` })]),
    ],
    { separator: true },
  );
}

export const NO_CHANNEL_TEXT =
  'Ingen kanal för Elevhälsan är registrerad, så nya ansökningar visas inte i någon kanal än. ' +
  'Lägg till Tilläggsbot i Elevhälsans team. Sedan skriver en administratör eller chefen för Elevhälsan ”@Tilläggsbot använd den här kanalen” i kanalen där ärendena ska visas.';

export function caseQueueCard(vm: CaseQueueViewModel): AdaptiveCard {
  const refresh = execute('Uppdatera', 'cases.queue', {});
  const warning = vm.noChannel ? [notice(NO_CHANNEL_TEXT, 'warning')] : [];
  if (vm.cases.length === 0) {
    return adaptiveCard([heading('Ärendekön'), ...warning, text('Inga ärenden väntar på beslut just nu.')], [refresh]);
  }
  // ISO timestamps sort as text; ties keep the bot's order.
  const oldestFirst = [...vm.cases].sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : 0));
  const shown = oldestFirst.slice(0, MAX_LIST_ROWS);
  const n = vm.total ?? vm.cases.length;
  const count = n === 1 ? 'Ett ärende väntar på beslut.' : `${n} ärenden väntar på beslut, det äldsta först.`;
  const more = n > shown.length ? ` Här visas de ${shown.length} äldsta.` : '';
  const unassigned = vm.unassigned ?? vm.cases.filter((c) => !c.handlerName).length;
  const body: CardElement[] = [heading('Ärendekön'), ...warning, text(`${count}${more}`)];
  if (unassigned > 0) body.push(text(unassigned === 1 ? 'Ett ärende har ingen handläggare än.' : `${unassigned} ärenden har ingen handläggare än.`, { weight: 'bolder' }));
  body.push(...shown.map(row));
  return adaptiveCard(body, [refresh]);
}
