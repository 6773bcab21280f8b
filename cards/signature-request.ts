// In the principal's chat: a drafter at the unit has filled in an application and asks the
// principal to sign it. The whole check-answers summary, then sign (it goes to Elevhälsan) or
// send it back with a comment.
import type { AdaptiveCard, CardElement } from './types';
import type { SignatureRequestViewModel } from './view-models';
import { adaptiveCard, container, factSet, heading, notice, subtle, text } from './card';
import { execute } from './actions';
import { textInput } from './inputs';
import { clip } from './clip';

export function signatureRequestCard(vm: SignatureRequestViewModel): AdaptiveCard {
  const errors = vm.errors ?? {};
  const body: CardElement[] = [
    heading('En ansökan väntar på din underskrift'),
    subtle(`Ansökan för ${vm.label}`, { spacing: 'none' }),
    factSet([
      { title: 'Ifylld av', value: vm.drafterName },
      { title: 'Enhet', value: vm.unitName },
      { title: 'Skickad', value: vm.sentText },
    ]),
  ];
  if (vm.notice) body.push(notice(vm.notice, 'warning'));
  for (const s of vm.summarySections) {
    body.push(
      container([text(s.title, { weight: 'bolder', style: 'heading' }), factSet(s.facts.map((f) => ({ title: f.title, value: clip(f.value) })))], {
        separator: true,
      }),
    );
  }
  body.push(
    container(
      [
        text('Genom att signera intygar du som ansvarig rektor/förskolechef att uppgifterna stämmer. Ansökan går då till Elevhälsan.'),
        ...textInput(
          {
            id: 'signature.comment',
            label: 'Kommentar till den som fyllt i (om du skickar tillbaka)',
            placeholder: 'Till exempel vad som behöver rättas',
            multiline: true,
            errorMessage: 'Skriv vad som behöver ändras innan du skickar tillbaka ansökan.',
          },
          errors,
        ),
      ],
      { separator: true },
    ),
  );
  return adaptiveCard(body, [
    execute('Signera och skicka in', 'draft.sign', { draftId: vm.draftId }, { style: 'positive', associatedInputs: 'none' }),
    execute('Skicka tillbaka med kommentar', 'draft.return', { draftId: vm.draftId }, { associatedInputs: 'auto' }),
  ]);
}
