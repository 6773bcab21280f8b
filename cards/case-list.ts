import type { AdaptiveCard } from './types';
import type { CaseListViewModel } from './view-models';
import { adaptiveCard, container, factSet, heading, text } from './card';
import { execute } from './actions';

export function caseListCard(vm: CaseListViewModel): AdaptiveCard {
  if (vm.cases.length === 0) {
    return adaptiveCard(
      [heading('Mina ärenden'), text('Du har inga inskickade ansökningar än. Vill du börja en?')],
      [execute('Ny ansökan', 'app.new', {}, { style: 'positive' })],
    );
  }
  return adaptiveCard([
    heading('Mina ärenden'),
    text(vm.cases.length === 1 ? 'Du har ett ärende.' : `Du har ${vm.cases.length} ärenden.`),
    ...vm.cases.map((c) =>
      container(
        [
          text(`${c.caseNumber} · ${c.termLabel}`, { weight: 'bolder' }),
          factSet([
            { title: 'Barn', value: c.pupilLabel },
            { title: 'Enhet', value: c.unitName },
            { title: 'Status', value: c.statusText },
            { title: 'Inskickad', value: c.submittedText },
          ]),
        ],
        { separator: true },
      ),
    ),
  ]);
}
