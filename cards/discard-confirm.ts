import type { AdaptiveCard } from './types';
import type { DiscardConfirmViewModel } from './view-models';
import { adaptiveCard, heading, text } from './card';
import { execute } from './actions';

export function discardConfirmCard(vm: DiscardConfirmViewModel): AdaptiveCard {
  const { draftId } = vm;
  return adaptiveCard(
    [heading('Släng utkast?'), text(`Vill du slänga utkastet ${vm.label}? Det går inte att ångra.`)],
    [
      execute('Ja, släng', 'draft.discard.confirm', { draftId }, { style: 'destructive' }),
      execute('Nej, behåll', 'draft.discard.cancel', { draftId }),
    ],
  );
}
