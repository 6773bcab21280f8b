import type { AdaptiveCard, CardAction } from './types';
import type { WelcomeViewModel } from './view-models';
import { adaptiveCard, factSet, heading, text } from './card';
import { execute } from './actions';

// The chat commands of DESIGN.md, in the words a principal would type them.
const COMMANDS = [
  { title: 'ny ansökan', value: 'börja en ny ansökan' },
  { title: 'fortsätt', value: 'fortsätt med ett sparat utkast' },
  { title: 'mina ärenden', value: 'se dina inskickade ansökningar' },
  { title: 'uppföljning', value: 'lämna terminens uppföljning' },
  { title: 'avbryt', value: 'avbryt det du håller på med' },
  { title: 'hjälp', value: 'visa det här igen' },
];

// In a channel Teams only passes on messages that @-mention the bot.
export const CHANNEL_MENTION_HINT = 'I en kanal skriver du @Tilläggsbot först, till exempel ”@Tilläggsbot ärenden”.';

export function welcomeCard(vm: WelcomeViewModel): AdaptiveCard {
  const greeting = vm.displayName ? `Hej ${vm.displayName}!` : 'Hej!';
  if (vm.isElevhalsan && !vm.isPrincipal) {
    return adaptiveCard(
      [
        heading(greeting),
        text('Du arbetar med Elevhälsans ärenden om tilläggsbelopp. Nya ansökningar visas i Elevhälsans kanal, med knappar för att ta ärendet, begära komplettering och fatta beslut.'),
        text('Skriv ”ärenden” för att se kön med ansökningar som väntar på beslut.', { spacing: 'medium' }),
        text(CHANNEL_MENTION_HINT),
      ],
      [execute('Visa kön', 'cases.queue', {}), execute('Hjälp', 'help', {})],
    );
  }
  if (!vm.isPrincipal) {
    return adaptiveCard(
      [
        heading(greeting),
        text('Jag hjälper rektorer och förskolechefer att söka tilläggsbelopp för barn som behöver extraordinärt stöd.'),
        text(
          'Bara rektorer och förskolechefer som kommunen har registrerat kan söka här. Tycker du att du borde ha tillgång? Kontakta Elevhälsan i din kommun så hjälper de dig.',
        ),
      ],
      [execute('Hjälp', 'help', {})],
    );
  }

  const body = [
    heading(greeting),
    text('Jag hjälper dig att söka tilläggsbelopp för ett barn som behöver extraordinärt stöd. Jag frågar steg för steg, sparar efter varje steg och säger till om något saknas innan ansökan skickas till Elevhälsan.'),
  ];
  if (vm.openDrafts > 0) {
    body.push(text(vm.openDrafts === 1 ? 'Du har ett utkast som inte är inskickat.' : `Du har ${vm.openDrafts} utkast som inte är inskickade.`, { weight: 'bolder' }));
  }
  body.push(text('Du kan också skriva ett kommando i chatten:', { spacing: 'medium' }), factSet(COMMANDS));

  const actions: CardAction[] = [execute('Ny ansökan', 'app.new', {}, { style: 'positive' })];
  if (vm.openDrafts > 0) actions.push(execute('Fortsätt utkast', 'app.resume', {}));
  actions.push(execute('Mina ärenden', 'cases.mine', {}));
  return adaptiveCard(body, actions);
}
