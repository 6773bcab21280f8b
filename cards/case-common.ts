// Pieces the case cards share: how a unit, a handler, a late application and a decision read.
import type { TDecisionOutcome } from '../domain/schemas';
import type { CardElement } from './types';
import type { CaseDecisionSummary, CaseHandler, UnitKind } from './case-view-models';
import { container, text, type Fact } from './card';
import { DECISION_OUTCOME_LABELS, UNIT_KIND_LABELS } from '../domain/wording';

// The facts every case card starts with; the child is named only where the card may (the
// principal's own chat).
export function caseFacts(vm: { caseNumber: string; unitName: string; termLabel: string; pupilLabel?: string | undefined }): Fact[] {
  return [
    { title: 'Ärende', value: vm.caseNumber },
    ...(vm.pupilLabel ? [{ title: 'Barn', value: vm.pupilLabel }] : []),
    { title: 'Enhet', value: vm.unitName },
    { title: 'Termin', value: vm.termLabel },
  ];
}

export function unitText(name: string, kind: UnitKind): string {
  return `${name} (${UNIT_KIND_LABELS[kind]})`;
}

export function handlerText(handler: CaseHandler | undefined): string {
  if (!handler) return 'Ingen handläggare än';
  return handler.isViewer ? `${handler.name} (du)` : handler.name;
}

// Red and on its own line so it is seen at a glance in a busy channel.
export function lateMarker(): CardElement {
  return container(
    [text('Sen ansökan', { weight: 'bolder', color: 'attention' }), text('Kom in efter sista ansökningsdagen. Den prövas ändå.', { spacing: 'none', size: 'small' })],
    { style: 'attention' },
  );
}

const OUTCOME_STYLE: Record<TDecisionOutcome, 'good' | 'warning' | 'attention'> = {
  approved: 'good',
  partly_approved: 'warning',
  rejected: 'attention',
};

export function decisionHeading(outcome: TDecisionOutcome): string {
  return `Beslut: ${DECISION_OUTCOME_LABELS[outcome]}`;
}

// "Beslut: beviljat 12 maj 2027" and, when granted, amount and period on the next line.
export function decisionLine(d: CaseDecisionSummary): CardElement {
  const items: CardElement[] = [text(`${decisionHeading(d.outcome)} ${d.decidedText}`, { weight: 'bolder' })];
  const granted = [d.amountPerMonthText ? `${d.amountPerMonthText} per månad` : '', d.periodText ?? ''].filter(Boolean);
  if (d.outcome !== 'rejected' && granted.length > 0) items.push(text(granted.join(', '), { spacing: 'none' }));
  if (d.endedText) items.push(text(d.endedText, { spacing: 'none', weight: 'bolder' }));
  return container(items, { style: OUTCOME_STYLE[d.outcome] });
}
