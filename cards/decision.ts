// The decision, in the principal's chat: the outcome first, then the money, then the letter
// in full. Only a letter far beyond any real one (they run to a few thousand characters) is
// cut to fit Teams' 28 KB, and then the card says how to get the whole decision.
import type { AdaptiveCard, CardElement } from './types';
import type { DecisionViewModel } from './case-view-models';
import { adaptiveCard, container, factSet, heading, notice, subtle, text, type Fact } from './card';
import { execute } from './actions';
import { caseFacts, decisionHeading } from './case-common';
import { CARD_BYTE_BUDGET, cardBytes, clip } from './clip';

// Lengths of the letter tried in turn until the card fits.
const TEXT_LIMITS = [Infinity, 12000, 9000, 6000, 3000];

const HEADING_COLOR = { approved: 'good', partly_approved: 'warning', rejected: 'attention' } as const;

// One TextBlock per paragraph: blank lines survive, and each wraps on a narrow phone.
function letter(value: string): CardElement[] {
  return value
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p, i) => text(p, { spacing: i === 0 ? 'small' : 'medium' }));
}

function build(vm: DecisionViewModel, limit: number): AdaptiveCard {
  const granted = vm.outcome !== 'rejected';
  const facts: Fact[] = caseFacts(vm);
  if (granted && vm.amountPerMonthText) facts.push({ title: 'Belopp', value: `${vm.amountPerMonthText} per månad` });
  if (granted && vm.periodText) facts.push({ title: 'Period', value: vm.periodText });

  const tooLong = vm.text.trim().length > limit;
  const body: CardElement[] = [heading(decisionHeading(vm.outcome), { color: HEADING_COLOR[vm.outcome], size: 'large' }), factSet(facts)];
  if (vm.appealDeadlineText) {
    body.push(container([text(`Sista dag att överklaga: ${vm.appealDeadlineText}`, { weight: 'bolder' })], { style: 'emphasis' }));
  }
  body.push(text('Beslutet', { weight: 'bolder', style: 'heading', separator: true, spacing: 'large' }));
  body.push(...letter(tooLong ? clip(vm.text, limit) : vm.text));
  if (tooLong) body.push(notice('Beslutet är för långt för att visas helt här. Kontakta Elevhälsan så får du hela beslutet.', 'warning'));
  body.push(subtle('Spara beslutet. Du hittar ärendet under Mina ärenden.', { separator: true }));
  return adaptiveCard(body, [execute('Mina ärenden', 'cases.mine', {})]);
}

export function decisionCard(vm: DecisionViewModel): AdaptiveCard {
  let card = build(vm, TEXT_LIMITS[0]!);
  for (const limit of TEXT_LIMITS.slice(1)) {
    if (cardBytes(card) < CARD_BYTE_BUDGET) break;
    card = build(vm, limit);
  }
  return card;
}
