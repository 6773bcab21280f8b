// The answers that are not about one draft or case: welcome and help, who may apply, the
// follow-up's dates, and what to say to a card or a text the bot does not understand.
import { messageCard, welcomeCard, type AdaptiveCard } from '../cards';
import { formatSwedishDate } from '../domain/wording';
import { followUpDueDate } from '../domain/terms';
import type { Actor } from './actor';
import { APPLICATION_MACHINE } from './application/turn';
import type { AppDeps } from './deps';

export function notPrincipalCard(): AdaptiveCard {
  return welcomeCard({ isPrincipal: false, openDrafts: 0 });
}

export async function welcome(deps: AppDeps, actor: Actor | null, displayName?: string): Promise<AdaptiveCard> {
  // A drafter starts applications too (the principal signs them).
  if (!actor || (actor.units.length === 0 && (actor.draftingUnits ?? []).length === 0)) return welcomeCard({ displayName, isPrincipal: false, openDrafts: 0 });
  const drafts = await deps.repos.snapshots.listOpen(actor.person.id, APPLICATION_MACHINE);
  return welcomeCard({ displayName: displayName ?? actor.person.displayName, isPrincipal: true, openDrafts: drafts.length });
}

export const unknownActionCard = (): AdaptiveCard =>
  messageCard({
    title: 'Den knappen fungerar inte längre',
    text: 'Kortet kan vara gammalt. Skriv ”hjälp” för att se vad du kan göra, eller öppna dina utkast.',
    actions: [
      { title: 'Mina utkast', verb: 'app.resume', data: {} },
      { title: 'Hjälp', verb: 'help', data: {} },
    ],
  });

export const notUnderstoodCard = (): AdaptiveCard =>
  messageCard({
    title: 'Det förstod jag inte',
    text: 'Jag kan hjälpa dig med ansökningar om tilläggsbelopp. Skriv till exempel ”ny ansökan”, ”fortsätt” eller ”hjälp”.',
    actions: [
      { title: 'Ny ansökan', verb: 'app.new', data: {} },
      { title: 'Hjälp', verb: 'help', data: {} },
    ],
  });

export function followUpInfoCard(actor: Actor): AdaptiveCard {
  // Day and month only: the same dates every year.
  const due = (season: 'HT' | 'VT') => formatSwedishDate(followUpDueDate(`${season}2000`, actor.municipality.profile)).replace(/ \d{4}$/, '');
  return messageCard({
    title: 'Uppföljning',
    text:
      'Uppföljningen av beviljat tilläggsbelopp kan inte lämnas här i chatten än. Skicka den till Elevhälsan som tidigare, ' +
      `senast ${due('HT')} för höstterminen och ${due('VT')} för vårterminen.`,
    actions: [{ title: 'Mina ärenden', verb: 'cases.mine', data: {} }],
  });
}
