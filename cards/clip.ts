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
