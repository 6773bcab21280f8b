// The answers that are not about one draft or case: welcome and help, who may apply, the
// follow-up's dates, and what to say to a card or a text the bot does not understand.
import { messageCard, welcomeCard, type AdaptiveCard, type WelcomeRoles } from '../cards';
import { formatSwedishDate } from '../domain/wording';
import { applicationDeadline, followUpDueDate } from '../domain/terms';
import { hasRole, type Actor } from './actor';
import { APPLICATION_MACHINE } from './application/turn';
import type { AppDeps } from './deps';

// Who the greeting is for: a principal is someone who leads a unit now.
export function welcomeRoles(actor: Actor | null): WelcomeRoles {
  if (!actor) return { principal: false, handler: false, head: false, admin: false };
  return {
    // A drafter starts applications too (the principal of the unit signs them).
    principal: actor.units.length > 0 || (actor.draftingUnits ?? []).length > 0,
    handler: hasRole(actor, 'handler'),
    head: hasRole(actor, 'head'),
    admin: hasRole(actor, 'admin'),
  };
}

const worksWithCases = (roles: WelcomeRoles) => roles.handler || roles.head || roles.admin;

// Something only a principal can do, asked by someone else: Elevhälsan and admins are pointed
// to their own work, an unknown person to who can register them.
export function notPrincipalCard(actor: Actor | null): AdaptiveCard {
  const roles = welcomeRoles(actor);
  if (!worksWithCases(roles)) return welcomeCard({ roles, openDrafts: 0 });
  return messageCard({
    title: 'Ansökningar skickas av rektorer',
    text: 'Ansökningar om tilläggsbelopp skickas in av rektorer och förskolechefer. Du arbetar med ärendena: skriv ”ärenden” för att se kön, eller ”hjälp” för att se vad du kan göra.',
    actions: [
      { title: 'Ärendekön', verb: 'cases.queue', data: {} },
      { title: 'Hjälp', verb: 'help', data: {} },
    ],
  });
}

export async function welcome(deps: AppDeps, actor: Actor | null, displayName?: string): Promise<AdaptiveCard> {
  const roles = welcomeRoles(actor);
  const name = displayName ?? actor?.person.displayName;
  const drafts = actor && roles.principal ? await deps.repos.snapshots.listOpen(actor.person.id, APPLICATION_MACHINE) : [];
  return welcomeCard({ ...(name ? { displayName: name } : {}), roles, openDrafts: drafts.length });
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

// A text the bot does not understand: a principal is offered a new application, everyone is
// pointed to `hjälp`, which lists what they themselves can do.
export function notUnderstoodCard(actor: Actor | null = null): AdaptiveCard {
  const principal = welcomeRoles(actor).principal;
  return messageCard({
    title: 'Det förstod jag inte',
    text: principal
      ? 'Jag kan hjälpa dig med ansökningar om tilläggsbelopp. Skriv till exempel ”ny ansökan”, ”fortsätt” eller ”hjälp”.'
      : 'Skriv ”hjälp” så ser du vad du kan göra här.',
    actions: principal
      ? [
          { title: 'Ny ansökan', verb: 'app.new', data: {} },
          { title: 'Hjälp', verb: 'help', data: {} },
        ]
      : [{ title: 'Hjälp', verb: 'help', data: {} }],
  });
}

// Day and month only: the same dates every year ("15 april").
const dayAndMonth = (isoDate: string) => formatSwedishDate(isoDate).replace(/ \d{4}$/, '');

// The few questions principals ask in their own words, answered from the municipality's profile.
// Matched loosely on a few words each; anything else gets the pointer to `hjälp`.
const QUESTIONS: Array<{ matches: RegExp; answer: (actor: Actor) => AdaptiveCard }> = [
  {
    matches: /hur lång tid|handläggningstid|när (får|kommer|fattas) .*(beslut|svar)|när kommer beslutet|hur länge/,
    answer: (actor) => {
      const profile = actor.municipality.profile;
      return messageCard({
        title: 'När kommer beslutet?',
        text:
          'Elevhälsan beslutar före terminsstart om ansökan kom in senast sista ansökningsdagen: ' +
          `${dayAndMonth(applicationDeadline('HT2000', profile))} för höstterminen och ${dayAndMonth(applicationDeadline('VT2000', profile))} för vårterminen. ` +
          'Behöver Elevhälsan veta mer får du en fråga här i chatten först, och beslutet dröjer tills du har svarat. Beslutet kommer hit till chatten.',
        actions: [{ title: 'Mina ärenden', verb: 'cases.mine', data: {} }],
      });
    },
  },
  {
    matches: /vad händer (nu|sen|sedan|efter|med)|nästa steg|vad sker/,
    answer: () =>
      messageCard({
        title: 'Så går det vidare',
        text:
          'När ansökan är inskickad går Elevhälsan igenom den. Saknas något får du en fråga här i chatten, med en knapp till rätt steg. ' +
          'Chefen för Elevhälsan fattar sedan beslut, och beslutet kommer hit till chatten. Beviljas tilläggsbelopp lämnar du en uppföljning varje termin. ' +
          'Under ”mina ärenden” ser du var dina ansökningar är.',
        actions: [{ title: 'Mina ärenden', verb: 'cases.mine', data: {} }],
      }),
  },
  { matches: /uppföljning|följa upp|folja upp/, answer: (actor) => followUpInfoCard(actor) },
];

// A free question from a principal, or null when it is none of the known ones.
export function answerQuestion(actor: Actor | null, text: string): AdaptiveCard | null {
  if (!actor || !welcomeRoles(actor).principal) return null;
  const found = QUESTIONS.find((q) => q.matches.test(text.toLowerCase()));
  return found ? found.answer(actor) : null;
}

export function followUpInfoCard(actor: Actor): AdaptiveCard {
  // Day and month only: the same dates every year.
  const due = (season: 'HT' | 'VT') => formatSwedishDate(followUpDueDate(`${season}2000`, actor.municipality.profile)).replace(/ \d{4}$/, '');
  return messageCard({
    title: 'Uppföljning',
    text:
      `Uppföljningen av beviljat tilläggsbelopp kan inte lämnas här i chatten än. Skicka den till Elevhälsan som tidigare (${actor.municipality.profile.elevhalsanAddress}), ` +
      `senast ${due('HT')} för höstterminen och ${due('VT')} för vårterminen.`,
    actions: [{ title: 'Mina ärenden', verb: 'cases.mine', data: {} }],
  });
}
