// Long free texts are shortened where they are only shown for checking (summaries, lists), so a
// card stays under Teams' 28 KB limit even when every answer uses the full 4 000 characters.
export const CLIP_LENGTH = 280;

export function clip(value: string, max = CLIP_LENGTH): string {
  const trimmed = value.trim();
  if (trimmed.length <= max) return trimmed;
  const cut = trimmed.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()} …`;
}

// At most this many rows in a list card; the card says how many are left out.
export const MAX_LIST_ROWS = 20;

// Teams refuses cards over 28 KB; cards that show whole texts build themselves again with
// shorter texts until they fit under this, with some room for what Teams adds.
export const CARD_BYTE_BUDGET = 27 * 1024;

export function cardBytes(card: unknown): number {
  return new TextEncoder().encode(JSON.stringify(card)).length;
}

// Fits texts into `budget` characters in all: short texts stay whole, and the long ones share
// what is left equally (each cut to the same length), so one long answer cannot push out the
// others. Returns the texts in order, and whether any was cut.
export function clipToBudget(texts: readonly string[], budget: number): { texts: string[]; clipped: boolean } {
  const lengths = texts.map((t) => t.trim().length);
  const total = lengths.reduce((a, b) => a + b, 0);
  if (total <= budget) return { texts: texts.map((t) => t.trim()), clipped: false };
  const sorted = [...lengths].sort((a, b) => a - b);
  let left = budget;
  let cap = 0;
  for (let i = 0; i < sorted.length; i++) {
    const share = Math.floor(left / (sorted.length - i));
    if (sorted[i]! > share) {
      cap = share;
      break;
    }
    left -= sorted[i]!;
  }
  // Never below a sentence or two: the card says texts are shortened, not emptied.
  const max = Math.max(cap, 80);
  return { texts: texts.map((t) => clip(t, max)), clipped: true };
}
