// The decision, in the principal's chat: the outcome first, then the money, then the letter
// in full, laid out from its blocks: headings as headings, the case data as a fact set, every
// list item on its own line. Only a letter far beyond any real one (they run to a few thousand
// characters) is shortened to fit Teams' 28 KB, and then only its prose paragraphs; the
// headings, facts and the measures granted or refused are never cut.
import type { AdaptiveCard, CardElement } from './types';
import type { DecisionViewModel } from './case-view-models';
import { adaptiveCard, container, factSet, heading, notice, subtle, text, type Fact } from './card';
import { execute } from './actions';
import { caseFacts, decisionHeading } from './case-common';
import { CARD_BYTE_BUDGET, cardBytes, clip } from './clip';
import { parseLetter, type LetterBlock } from '../domain/decision-text';

// Longest prose paragraph tried in turn until the card fits.
const PARAGRAPH_LIMITS = [Infinity, 3000, 1500, 800, 400];

const HEADING_COLOR = { approved: 'good', partly_approved: 'warning', rejected: 'attention' } as const;

// The letter's blocks as card elements. `limit` shortens long prose paragraphs only.
export function letterElements(blocks: readonly LetterBlock[], limit = Infinity): { elements: CardElement[]; clipped: boolean } {
  const elements: CardElement[] = [];
  let clipped = false;
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        elements.push(
          block.level === 1
            ? heading(block.text, { size: 'medium', spacing: 'medium' })
            : heading(block.text, { size: 'default', spacing: 'large' }),
        );
        break;
      case 'facts':
        elements.push({ ...factSet(block.facts), spacing: 'small' });
        break;
      case 'list':
        elements.push(text(block.intro, { spacing: 'medium' }));
        block.items.forEach((item) => elements.push(text(`• ${item}`, { spacing: 'small' })));
        break;
      case 'paragraph':
        block.lines.forEach((line, i) => {
          const shown = line.length > limit ? clip(line, limit) : line;
          if (shown !== line) clipped = true;
          elements.push(text(shown, { spacing: i === 0 ? 'medium' : 'none' }));
        });
        break;
    }
  }
  return { elements, clipped };
}

function build(vm: DecisionViewModel, blocks: LetterBlock[], limit: number): AdaptiveCard {
  const granted = vm.outcome !== 'rejected';
  const facts: Fact[] = caseFacts(vm);
  if (granted && vm.amountPerMonthText) facts.push({ title: 'Belopp', value: `${vm.amountPerMonthText} per månad` });
  if (granted && vm.periodText) facts.push({ title: 'Period', value: vm.periodText });

  const body: CardElement[] = [heading(decisionHeading(vm.outcome), { color: HEADING_COLOR[vm.outcome], size: 'large' }), factSet(facts)];
  if (vm.appealDeadlineText) {
    body.push(container([text(`Sista dag att överklaga: ${vm.appealDeadlineText}`, { weight: 'bolder' })], { style: 'emphasis' }));
  }
  const letter = letterElements(blocks, limit);
  body.push(container(letter.elements, { separator: true, spacing: 'large' }));
  if (letter.clipped) body.push(notice('Beslutet är för långt för att visas helt här. Kontakta Elevhälsan så får du hela beslutet.', 'warning'));
  if (!vm.forPrincipal) return adaptiveCard(body);
  body.push(subtle('Spara beslutet. Du hittar ärendet under Mina ärenden.', { separator: true }));
  const save = vm.caseId ? [execute('Spara beslutet som PDF', 'case.decision.pdf', { caseId: vm.caseId }, { style: 'positive' })] : [];
  return adaptiveCard(body, [...save, execute('Mina ärenden', 'cases.mine', {})]);
}

export function decisionCard(vm: DecisionViewModel): AdaptiveCard {
  const blocks = parseLetter(vm.text);
  let card = build(vm, blocks, PARAGRAPH_LIMITS[0]!);
  for (const limit of PARAGRAPH_LIMITS.slice(1)) {
    if (cardBytes(card) < CARD_BYTE_BUDGET) break;
    card = build(vm, blocks, limit);
  }
  return card;
}
