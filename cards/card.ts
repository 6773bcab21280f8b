// The card envelope and the few building blocks every card shares. Every TextBlock wraps:
// Teams on a phone is narrow and a cut-off sentence is worse than a long card.
import type { AdaptiveCard, CardAction, CardAttachment, CardElement, CardRefresh } from './types';

export function adaptiveCard(body: CardElement[], actions: CardAction[] = [], options: { refresh?: CardRefresh } = {}): AdaptiveCard {
  const card: AdaptiveCard = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body,
  };
  if (actions.length > 0) card.actions = actions;
  if (options.refresh) card.refresh = options.refresh;
  return card;
}

export function toAttachment(card: AdaptiveCard): CardAttachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}

type TextOptions = {
  size?: 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
  weight?: 'lighter' | 'default' | 'bolder';
  color?: 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
  isSubtle?: boolean;
  spacing?: 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge' | 'padding';
  separator?: boolean;
  id?: string;
  // "heading" lets screen readers jump between sections (schema 1.5).
  style?: 'default' | 'heading';
};

export function text(value: string, options: TextOptions = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

export function heading(value: string, options: TextOptions = {}): CardElement {
  return text(value, { style: 'heading', weight: 'bolder', size: 'medium', ...options });
}

export function subtle(value: string, options: TextOptions = {}): CardElement {
  return text(value, { isSubtle: true, size: 'small', ...options });
}

export function container(items: CardElement[], options: Record<string, unknown> = {}): CardElement {
  return { type: 'Container', items, ...options };
}

export type Fact = { title: string; value: string };

// An empty fact value renders as nothing in Teams, which reads like a rendering bug.
export function factSet(facts: Fact[]): CardElement {
  return {
    type: 'FactSet',
    facts: facts.map((f) => ({ title: f.title, value: f.value.trim() === '' ? 'Inte ifyllt' : f.value })),
  };
}

export function actionSet(actions: CardAction[], options: Record<string, unknown> = {}): CardElement {
  return { type: 'ActionSet', actions, ...options };
}

export type NoticeStyle = 'warning' | 'good' | 'default';

export function notice(value: string, style: NoticeStyle): CardElement {
  return container([text(value)], { style: style === 'default' ? 'emphasis' : style });
}

// Bullet lists as one TextBlock per line: Teams' markdown lists lose the wrap indent on phones.
export function bullets(lines: string[], options: TextOptions = {}): CardElement[] {
  return lines.map((line, i) => text(`• ${line}`, { spacing: i === 0 ? 'small' : 'none', ...options }));
}
