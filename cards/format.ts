// Numbers the Swedish way: decimal comma, space as thousands separator.
const hoursFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
const kronorFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });

export function formatHours(hours: number): string {
  return `${hoursFormat.format(hours)} tim/vecka`;
}

export function formatKronor(amount: number): string {
  return `${kronorFormat.format(amount)} kr`;
}
