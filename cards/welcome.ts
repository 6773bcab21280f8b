import type { AdaptiveCard, CardAction, CardElement } from './types';
import type { WelcomeViewModel } from './view-models';
import { adaptiveCard, factSet, heading, text } from './card';
import { execute } from './actions';

// The chat commands of DESIGN.md, in the words a principal would type them.
const PRINCIPAL_COMMANDS = [
  { title: 'ny ansökan', value: 'börja en ny ansökan' },
  { title: 'fortsätt', value: 'fortsätt med ett sparat utkast' },
  { title: 'mina ärenden', value: 'se dina inskickade ansökningar' },
  { title: 'uppföljning', value: 'lämna terminens uppföljning' },
  { title: 'avbryt', value: 'avbryt det du håller på med' },
  { title: 'hjälp', value: 'visa det här igen' },
];

// In a channel Teams only passes on messages that @-mention the bot.
export const CHANNEL_MENTION_HINT = 'I en kanal skriver du @Tilläggsbot först, till exempel ”@Tilläggsbot ärenden”.';

// Elevhälsan's staff (handlers and the head) and admins work with cases, not applications.
const ELEVHALSA_COMMANDS = [
  { title: 'ärenden', value: 'visa Elevhälsans kö med öppna ärenden' },
  { title: 'hjälp', value: 'visa det här igen' },
];

const ADMIN_COMMANDS = [
  { title: 'ärenden', value: 'se kommunens öppna ärenden, för att kunna hjälpa användarna' },
  { title: 'använd den här kanalen', value: 'skrivs i en kanal i Elevhälsans team, med @Tilläggsbot före: nya ärenden visas där' },
  { title: 'hjälp', value: 'visa det här igen' },
];

function elevhalsaSection(vm: WelcomeViewModel): CardElement[] {
  const { roles } = vm;
  const body: CardElement[] = [
    text(
      roles.head
        ? 'Du är chef för Elevhälsan. Här handlägger och beslutar ni ansökningar om tilläggsbelopp.'
        : 'Du är handläggare på Elevhälsan. Här handlägger ni ansökningar om tilläggsbelopp.',
    ),
    text('Så går det till', { weight: 'bolder', style: 'heading', spacing: 'medium' }),
    text(
      'Varje ny ansökan visas som ett kort i Elevhälsans kanal i Teams. På kortet tar en handläggare ärendet (Tilldela mig), ' +
        'öppnar ansökan (Visa ansökan), justerar bedömningen vid behov och begär komplettering av rektorn om något saknas.',
    ),
    text(
      roles.head
        ? 'Du fattar beslutet: tryck Fatta beslut på ärendets kort, välj utfall, belopp och period och skriv skälen. Beslutet skickas till rektorn i chatten.'
        : 'Beslutet fattas av chefen för Elevhälsan med Fatta beslut på ärendets kort. Du förbereder ärendet, och beslutet skickas sedan till rektorn i chatten.',
    ),
    text('Du kan skriva ett kommando i chatten:', { spacing: 'medium' }),
    factSet(ELEVHALSA_COMMANDS),
    text(CHANNEL_MENTION_HINT),
  ];
  return body;
}

function adminSection(): CardElement[] {
  return [
    text('Du är administratör för Tilläggsbot i kommunen. Du kan se ärendena för att hjälpa rektorer och Elevhälsan, och välja vilken kanal nya ärenden visas i.'),
    text('Du kan skriva ett kommando i chatten:', { spacing: 'medium' }),
    factSet(ADMIN_COMMANDS),
  ];
}

function principalSection(vm: WelcomeViewModel): CardElement[] {
  const body: CardElement[] = [
    text('Jag hjälper dig att söka tilläggsbelopp för ett barn som behöver extraordinärt stöd. Jag frågar steg för steg, sparar efter varje steg och säger till om något saknas innan ansökan skickas till Elevhälsan.'),
  ];
  if (vm.openDrafts > 0) {
    body.push(text(vm.openDrafts === 1 ? 'Du har ett utkast som inte är inskickat.' : `Du har ${vm.openDrafts} utkast som inte är inskickade.`, { weight: 'bolder' }));
  }
  body.push(text('Du kan också skriva ett kommando i chatten:', { spacing: 'medium' }), factSet(PRINCIPAL_COMMANDS));
  return body;
}

// Someone the municipality has not registered: what the bot is for, and who can let them in.
function unknownSection(): CardElement[] {
  return [
    text('Jag hjälper rektorer och förskolechefer att söka tilläggsbelopp för barn som behöver extraordinärt stöd, och Elevhälsan att handlägga ansökningarna.'),
    text('Du finns inte registrerad här än, så jag kan inte visa något för dig.', { weight: 'bolder' }),
    text(
      'Är du rektor eller förskolechef? Be Elevhälsan i din kommun att lägga upp dig som rektor för din enhet. ' +
        'Arbetar du på Elevhälsan? Be chefen för Elevhälsan eller kommunens administratör för Tilläggsbot att lägga upp dig. ' +
        'Skriv sedan ”hjälp” här igen.',
    ),
  ];
}

// The greeting and `hjälp` depend on who writes: each role gets its own commands, and a person
// with several roles gets each part once.
export function welcomeCard(vm: WelcomeViewModel): AdaptiveCard {
  const { roles } = vm;
  const body: CardElement[] = [heading(vm.displayName ? `Hej ${vm.displayName}!` : 'Hej!')];
  const actions: CardAction[] = [];
  const staff = roles.handler || roles.head;
  if (roles.principal) {
    body.push(...principalSection(vm));
    actions.push(execute('Ny ansökan', 'app.new', {}, { style: 'positive' }));
    if (vm.openDrafts > 0) actions.push(execute('Fortsätt utkast', 'app.resume', {}));
    actions.push(execute('Mina ärenden', 'cases.mine', {}));
  }
  if (staff) body.push(...elevhalsaSection(vm));
  else if (roles.admin) body.push(...adminSection());
  if (staff || roles.admin) actions.push(execute('Ärendekön', 'cases.queue', {}));
  if (!roles.principal && !staff && !roles.admin) {
    body.push(...unknownSection());
    actions.push(execute('Hjälp', 'help', {}));
  }
  return adaptiveCard(body, actions);
}
