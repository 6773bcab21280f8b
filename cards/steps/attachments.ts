import { ATTACHMENT_KINDS } from '../../domain/schemas';
import type { StepViewModel, ChecklistItem } from '../view-models';
import type { CardElement } from '../types';
import type { StepContent } from './frame';
import { actionSet, container, factSet, subtle, text } from '../card';
import { execute } from '../actions';
import { choiceSet, errorText } from '../inputs';
import { ATTACHMENT_KIND_LABELS, ATTACHMENT_KIND_MISSING, formatSwedishDate } from '../../domain/wording';

// The words say what the symbol shows, so a screen reader and a colour-blind reader get it too.
// Colour only marks what is missing; a done line stays in the default colour (green text on
// white is hard to read). The review's message for a missing line stands right under it.
function checklistLine(item: ChecklistItem, errors: Record<string, string>): CardElement[] {
  const mark = item.done ? '✓' : item.required ? '✗' : '○';
  const need = item.required ? 'krävs' : 'om det finns';
  const state = item.done ? 'bifogad' : item.required ? 'saknas' : 'ej bifogad';
  const line = text(`${mark} ${item.label} (${need}) – ${state}`, { spacing: 'none', color: !item.done && item.required ? 'attention' : 'default' });
  const message = errors[item.field];
  return message && !item.done ? [line, errorText(item.field, message)] : [line];
}
export function attachmentsStep(vm: StepViewModel): StepContent {
  const attachments = vm.draft.attachments ?? [];
  const body: CardElement[] = [];

  if (vm.attachmentChecklist && vm.attachmentChecklist.length > 0) {
    body.push(text('Det här behövs', { weight: 'bolder', style: 'heading' }), ...vm.attachmentChecklist.flatMap((item) => checklistLine(item, vm.errors)));
  }

  body.push(text('Bifogade filer', { weight: 'bolder', style: 'heading' }));
  if (attachments.length === 0) {
    body.push(subtle('Inga filer bifogade än.'));
  } else {
    body.push(
      factSet(
        attachments.map((a) => ({
          title: a.name,
          // A file kept from the earlier application says so, with its date: send a new one to replace it.
          value: `${a.kind ? ATTACHMENT_KIND_LABELS[a.kind] : ATTACHMENT_KIND_MISSING}${a.reusedFrom ? ` · från förra ansökan${a.addedOn ? `, ${formatSwedishDate(a.addedOn)}` : ''}` : ''}`,
        })),
      ),
    );
  }

  const pending = vm.pendingAttachment;
  if (pending) {
    const current = attachments.find((a) => a.id === pending.id)?.kind;
    body.push(
      container(
        [
          ...choiceSet(
            {
              id: 'attachment.kind',
              label: `Vilken sorts bilaga är ${pending.name}?`,
              style: 'expanded',
              errorMessage: 'Välj vilken sorts bilaga filen är.',
              choices: ATTACHMENT_KINDS.map((k) => ({ title: ATTACHMENT_KIND_LABELS[k], value: k })),
              value: current,
            },
            vm.errors,
          ),
          actionSet([
            execute('Spara typ', 'attachment.kind', { draftId: vm.draftId, attachmentId: pending.id }, {
              style: 'positive',
              associatedInputs: 'auto',
            }),
          ]),
        ],
        { style: 'emphasis', separator: true },
      ),
    );
  }

  return {
    intro: 'Bifoga underlagen, till exempel åtgärdsprogram, kartläggning och intyg. Dra in filerna här i vår chatt eller bifoga dem från skrivfältet, så frågar jag vilken sorts bilaga varje fil är.',
    body,
  };
}
