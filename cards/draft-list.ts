import type { AdaptiveCard, CardElement } from './types';
import type { DraftListViewModel } from './view-models';
import { actionSet, adaptiveCard, container, heading, subtle, text } from './card';
import { execute } from './actions';
import { MAX_LIST_ROWS } from './clip';

export function draftListCard(vm: DraftListViewModel): AdaptiveCard {
  if (vm.drafts.length === 0) {
    const last = vm.lastSubmitted;
    if (last) {
      return adaptiveCard(
        [
          heading('Dina utkast'),
          text(
            `Du har inga sparade utkast. Din senaste ansökan är inskickad: ärende ${last.caseNumber} (${last.pupilRef}), ` +
              `inskickad ${last.submittedText}. Under Mina ärenden ser du hur det går.`,
          ),
        ],
        [execute('Mina ärenden', 'cases.mine', {}), execute('Ny ansökan', 'app.new', {}, { style: 'positive' })],
      );
    }
    return adaptiveCard(
      [heading('Dina utkast'), text('Du har inga sparade utkast. Vill du börja en ny ansökan?')],
      [execute('Ny ansökan', 'app.new', {}, { style: 'positive' })],
    );
  }
  const shown = vm.drafts.slice(0, MAX_LIST_ROWS);
  const items: CardElement[] = shown.map((d) =>
    container(
      [
        text(d.label, { weight: 'bolder' }),
        subtle(`Nästa steg: ${d.stepTitle} · Ändrat ${d.updatedText}`, { spacing: 'none' }),
        actionSet([
          execute('Öppna', 'draft.open', { draftId: d.draftId }, { style: 'positive', tooltip: `Öppna ${d.label}` }),
          execute('Släng', 'draft.discard', { draftId: d.draftId }, { style: 'destructive', tooltip: `Släng ${d.label}` }),
        ]),
      ],
      { separator: true },
    ),
  );
  if (vm.offerNew) {
    return adaptiveCard(
      [
        heading('Du har redan påbörjat en ansökan'),
        text(
          vm.drafts.length === 1
            ? 'Vill du fortsätta med utkastet nedan? Gäller den nya ansökan ett annat barn eller en annan termin kan du börja en ny.'
            : `Du har ${vm.drafts.length} utkast som inte är inskickade. Öppna det du vill fortsätta med, eller börja en ny ansökan för ett annat barn eller en annan termin.`,
        ),
        ...items,
      ],
      [execute('Börja en ny ansökan', 'app.new.confirm', {})],
    );
  }
  return adaptiveCard([
    heading('Dina utkast'),
    text(
      vm.drafts.length === 1
        ? 'Du har ett sparat utkast. Öppna det för att fortsätta där du slutade.'
        : `Du har ${vm.drafts.length} sparade utkast${shown.length < vm.drafts.length ? `, här visas de ${shown.length} första` : ''}. Öppna ett för att fortsätta där du slutade.`,
    ),
    ...items,
  ]);
}
