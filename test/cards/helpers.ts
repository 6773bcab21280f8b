// Walking card JSON in tests: find inputs, buttons, texts; assert a card is valid.
import assert from 'node:assert/strict';
import { validateCard } from './validate';

export type Node = Record<string, unknown> & { type?: string };

export function nodes(card: unknown): Node[] {
  const out: Node[] = [];
  const visit = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(visit);
    else if (n && typeof n === 'object') {
      const node = n as Node;
      if (typeof node.type === 'string') out.push(node);
      for (const key of ['body', 'items', 'columns', 'actions']) if (key in node) visit(node[key]);
    }
  };
  visit(card);
  return out;
}

export const inputs = (card: unknown) => nodes(card).filter((n) => String(n.type).startsWith('Input.'));
export const inputIds = (card: unknown) => inputs(card).map((n) => n.id as string);
export const buttons = (card: unknown) => nodes(card).filter((n) => n.type === 'Action.Execute');
export const button = (card: unknown, title: string) => buttons(card).find((b) => b.title === title);
export const input = (card: unknown, id: string) => inputs(card).find((n) => n.id === id);
export const texts = (card: unknown) => nodes(card).filter((n) => n.type === 'TextBlock').map((n) => n.text as string);
export const allText = (card: unknown) => visibleStrings(card).join('\n');

// Everything a user can read or hear on the card.
export function visibleStrings(card: unknown): string[] {
  const out: string[] = [];
  for (const n of nodes(card)) {
    for (const key of ['text', 'title', 'label', 'placeholder', 'errorMessage', 'tooltip']) {
      if (typeof n[key] === 'string') out.push(n[key] as string);
    }
    for (const key of ['facts', 'choices']) {
      for (const item of (n[key] as Array<Record<string, string>> | undefined) ?? []) {
        out.push(item.title!);
        if (key === 'facts') out.push(item.value!);
      }
    }
  }
  return out;
}

// Spot-check for English UI words and leaked programming values.
const ENGLISH = /\b(the|and|or|submit|cancel|next|back|save|delete|remove|yes|no|error|required|please|click|open|help|draft|step|select|choose|name|add|edit|confirm|attachment|case|welcome|continue|undefined|null|NaN|true|false|object)\b/i;
export function englishWords(card: unknown): string[] {
  return visibleStrings(card).filter((s) => ENGLISH.test(s));
}

export function assertValidCard(card: unknown, what: string): void {
  assert.deepEqual(validateCard(card), [], `${what} is not a valid card`);
  assert.deepEqual(englishWords(card), [], `${what} has English or leaked values`);
  assert.doesNotMatch(JSON.stringify(card), /undefined|\[object Object\]|NaN/, `${what} leaks a programming value`);
}

// The element that follows the input with this id in its container (where its error goes).
export function elementAfterInput(card: unknown, id: string): Node | undefined {
  const containers = [card, ...nodes(card)].filter((n): n is Node => !!n && typeof n === 'object');
  for (const c of containers) {
    for (const key of ['body', 'items']) {
      const list = (c as Node)[key];
      if (!Array.isArray(list)) continue;
      const i = list.findIndex((n: Node) => n?.id === id && String(n.type).startsWith('Input.'));
      if (i >= 0) return list[i + 1] as Node | undefined;
    }
  }
  return undefined;
}
