import type { AdaptiveCard } from './types';
import type { CaseListViewModel } from './view-models';
import { actionSet, adaptiveCard, container, factSet, heading, text } from './card';
import { execute } from './actions';
import { MAX_LIST_ROWS } from './clip';

export function caseListCard(vm: CaseListViewModel): AdaptiveCard {
  if (vm.cases.length === 0) {
    return adaptiveCard(
      [heading('Mina ärenden'), text('Du har inga inskickade ansökningar än. Vill du börja en?')],
      [execute('Ny ansökan', 'app.new', {}, { style: 'positive' })],
    );
  }
  const shown = vm.cases.slice(0, MAX_LIST_ROWS);
  const total = vm.total ?? vm.cases.length;
  const count = total === 1 ? 'Du har ett ärende.' : `Du har ${total} ärenden.`;
  const more = total > shown.length ? ` Här visas de ${shown.length} första.` : '';
  return adaptiveCard([
    heading('Mina ärenden'),
    text(`${count}${more}`),
    ...shown.map((c) =>
      container(
        [
          text(`${c.caseNumber} · ${c.termLabel}`, { weight: 'bolder' }),
          factSet([
            { title: 'Barn', value: c.pupilLabel },
            { title: 'Enhet', value: c.unitName },
            { title: 'Status', value: c.statusText },
            { title: 'Inskickad', value: c.submittedText },
          ]),
          ...(() => {
            const buttons = [
              ...(c.decidedCaseId ? [execute('Visa beslutet', 'case.decision.show', { caseId: c.decidedCaseId }, { tooltip: `Visa beslutet i ärende ${c.caseNumber}` })] : []),
              ...(c.actions ?? []).map((a) => execute(a.title, a.verb, a.data as never)),
            ];
            return buttons.length > 0 ? [actionSet(buttons)] : [];
          })(),
        ],
        { separator: true },
      ),
    ),
  ]);
}
