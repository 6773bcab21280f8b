// One line on top of a form that counts the errors, and lists those that have no field on the
// card (e.g. "Lägg till minst en insats"), so nothing the bot reports goes unseen.
import type { CardElement } from './types';
import { bullets, container, text } from './card';
import { ERROR_ID_PREFIX } from './inputs';

function placedErrorFields(elements: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(elements)) {
    for (const e of elements) placedErrorFields(e, found);
  } else if (elements && typeof elements === 'object') {
    const el = elements as Record<string, unknown>;
    if (typeof el.id === 'string' && el.id.startsWith(ERROR_ID_PREFIX)) found.add(el.id.slice(ERROR_ID_PREFIX.length));
    for (const key of ['items', 'columns']) if (key in el) placedErrorFields(el[key], found);
  }
  return found;
}

export function errorSummary(errors: Record<string, string>, body: CardElement[]): CardElement[] {
  const fields = Object.keys(errors);
  if (fields.length === 0) return [];
  const placed = placedErrorFields(body);
  const loose = fields.filter((f) => !placed.has(f)).map((f) => errors[f]!);
  const count = fields.length === 1 ? 'Det finns en sak att rätta' : `Det finns ${fields.length} saker att rätta`;
  const where = placed.size > 0 ? ' Se meddelandena under fälten.' : '';
  return [container([text(`${count}.${where}`, { weight: 'bolder' }), ...bullets(loose)], { style: 'attention' })];
}
