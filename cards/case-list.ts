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
  const count = vm.cases.length === 1 ? 'Du har ett ärende.' : `Du har ${vm.cases.length} ärenden.`;
  const more = vm.cases.length > shown.length ? ` Här visas de ${shown.length} första.` : '';
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
          ...(c.actions && c.actions.length > 0 ? [actionSet(c.actions.map((a) => execute(a.title, a.verb, a.data as never)))] : []),
        ],
        { separator: true },
      ),
    ),
  ]);
}
