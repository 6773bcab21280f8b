// The bot's own Adaptive Cards, rendered by the official renderer in the tab: one source of
// truth for what a case says. Colours follow the Teams theme; the cards' buttons are removed
// by the server (they act in the chat).
import * as AC from 'adaptivecards';

function hostConfig(dark: boolean): AC.HostConfig {
  const fg = dark ? '#FFFFFF' : '#242424';
  const subtle = dark ? '#D6D6D6' : '#424242';
  const colors = (def: string) => ({
    default: { default: def, subtle },
    accent: { default: dark ? '#A6A7DC' : '#4F52B2', subtle: dark ? '#A6A7DC' : '#4F52B2' },
    good: { default: dark ? '#92C353' : '#237B4B', subtle: dark ? '#92C353' : '#237B4B' },
    warning: { default: dark ? '#F8D22A' : '#835B00', subtle: dark ? '#F8D22A' : '#835B00' },
    attention: { default: dark ? '#F9526B' : '#C4314B', subtle: dark ? '#F9526B' : '#C4314B' },
    dark: { default: fg, subtle },
    light: { default: fg, subtle },
  });
  const bg = dark ? '#292929' : '#FFFFFF';
  const emphasis = dark ? '#1F1F1F' : '#F5F5F5';
  return new AC.HostConfig({
    fontFamily: 'inherit',
    supportsInteractivity: false,
    containerStyles: {
      default: { backgroundColor: bg, foregroundColors: colors(fg) },
      emphasis: { backgroundColor: emphasis, foregroundColors: colors(fg) },
      accent: { backgroundColor: emphasis, foregroundColors: colors(fg) },
      good: { backgroundColor: emphasis, foregroundColors: colors(fg) },
      attention: { backgroundColor: emphasis, foregroundColors: colors(fg) },
      warning: { backgroundColor: emphasis, foregroundColors: colors(fg) },
    },
  });
}

export function renderCard(json: unknown, dark: boolean): HTMLElement {
  const card = new AC.AdaptiveCard();
  card.hostConfig = hostConfig(dark);
  card.parse(json as never);
  const element = card.render();
  if (!element) {
    const p = document.createElement('p');
    p.textContent = 'Kortet kunde inte visas.';
    return p;
  }
  // The renderer makes the card a focusable region with a generic label; the tab's section
  // already names it, and a card that only shows needs no focus stop.
  element.removeAttribute('tabindex');
  element.removeAttribute('aria-label');
  element.removeAttribute('role');
  // The renderer marks heading TextBlocks role="heading" without a level; in the tab they sit
  // under the section's h2.
  for (const heading of element.querySelectorAll('[role="heading"]:not([aria-level])')) heading.setAttribute('aria-level', '3');
  return element;
}
