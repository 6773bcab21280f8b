import type { StepViewModel } from '../view-models';
import type { CardElement } from '../types';
import type { StepContent } from './frame';
import { notice, text } from '../card';
import { choiceSet } from '../inputs';
import { UNIT_KIND_LABELS } from '../../domain/wording';

// Radio buttons are one tap on a phone; a long list is easier as a drop-down.
const styleFor = (count: number) => (count <= 6 ? 'expanded' : 'compact');

export function unitTermStep(vm: StepViewModel): StepContent {
  const body: CardElement[] = [];
  const { draft, errors } = vm;

  if (vm.units.length === 0) {
    body.push(
      text(
        `Du är inte registrerad som rektor eller förskolechef för någon enhet. Kontakta Elevhälsan i ${vm.profile.name} så lägger de till dig.`,
        { color: 'attention' },
      ),
    );
  } else {
    const chosen = vm.units.some((u) => u.id === draft.unit?.id) ? draft.unit?.id : undefined;
    body.push(
      ...choiceSet(
        {
          id: 'unit.id',
          label: 'Enhet',
          errorMessage: 'Välj vilken enhet barnet går på.',
          style: styleFor(vm.units.length),
          placeholder: 'Välj enhet',
          choices: vm.units.map((u) => ({ title: `${u.name} (${UNIT_KIND_LABELS[u.kind]})`, value: u.id })),
          value: chosen,
        },
        errors,
      ),
    );
  }

  if (vm.termOptions.length === 0) {
    body.push(text('Det finns ingen termin att söka för just nu. Fråga Elevhälsan om du behöver söka ändå.', { color: 'attention' }));
  } else {
    const chosen = vm.termOptions.some((t) => t.term === draft.term) ? draft.term : undefined;
    body.push(
      ...choiceSet(
        {
          id: 'term',
          label: 'Termin',
          errorMessage: 'Välj vilken termin du söker för.',
          style: styleFor(vm.termOptions.length),
          placeholder: 'Välj termin',
          choices: vm.termOptions.map((t) => ({
            title: `${t.label} – ${t.deadlineText.charAt(0).toLowerCase()}${t.deadlineText.slice(1)}${t.late ? ' (sen ansökan)' : ''}`,
            value: t.term,
          })),
          value: chosen,
        },
        errors,
      ),
    );
    for (const t of vm.termOptions.filter((o) => o.late)) {
      body.push(
        notice(
          `${t.label}: sista ansökningsdagen har passerat. Du kan ändå söka, men ansökan markeras som sen och kan ta längre tid att besluta om.`,
          'warning',
        ),
      );
    }
  }

  return {
    intro: 'Välj enheten där barnet går och terminen du söker tilläggsbelopp för. Du ser bara de enheter där du är rektor eller förskolechef.',
    body,
  };
}
