// The Elevhälsa team channel: remembered when the bot is installed in the team, and moved by an
// admin (or the head of Elevhälsan) with "använd den här kanalen". New cases are posted there.
import { messageCard, type AdaptiveCard } from '../cards';
import type { Repositories } from '../domain/ports';
import { hasRole, identify, type Actor } from './identity';
import type { ConversationRef, InboundActivity, TurnContext } from './transport-types';

export interface ChannelAddress {
  tenantId: string;
  teamId: string;
  channelId: string;
  reference: ConversationRef;
}

// A channel message's conversation id can carry ";messageid=..." (a reply thread); new posts go
// to the channel itself, whose id is the channel's (the General channel's id is the team's).
export function channelAddress(turn: TurnContext<InboundActivity>): ChannelAddress | null {
  const data = turn.activity.channelData;
  const teamId = data?.team?.id;
  if (!teamId || !turn.tenantId) return null;
  const channelId = data?.channel?.id ?? teamId;
  const { user: _user, ...rest } = turn.reference;
  return {
    tenantId: turn.tenantId,
    teamId,
    channelId,
    reference: { ...rest, conversationId: channelId, conversationType: 'channel' },
  };
}

const mayChooseChannel = (actor: Actor) => hasRole(actor, 'admin') || hasRole(actor, 'head') || hasRole(actor, 'handler');

async function remember(repos: Repositories, address: ChannelAddress) {
  await repos.conversations.upsertChannel({
    tenantId: address.tenantId,
    teamId: address.teamId,
    channelId: address.channelId,
    conversationId: address.channelId,
    serviceUrl: address.reference.serviceUrl,
    reference: address.reference,
  });
}

export async function onTeamInstall(repos: Repositories, turn: TurnContext<InboundActivity>): Promise<AdaptiveCard | null> {
  const address = channelAddress(turn);
  if (!address) return null;
  const municipality = await repos.municipalities.byTenant(address.tenantId);
  if (!municipality) {
    return messageCard({
      title: 'Kommunen är inte registrerad',
      text: 'Jag känner inte igen er organisation. Be kommunens administratör för Tilläggsbot att lägga upp kommunen först.',
    });
  }
  await remember(repos, address);
  const actor = await identify(repos, turn.tenantId, turn.aadObjectId);
  if (municipality.elevhalsaTeamId === null && actor && mayChooseChannel(actor)) {
    await repos.municipalities.setElevhalsaChannel(municipality.id, { teamId: address.teamId, channelId: address.channelId }, actor.person.id);
    return channelChosenCard();
  }
  if (municipality.elevhalsaTeamId === address.teamId && municipality.elevhalsaChannelId === address.channelId) return channelChosenCard();
  return messageCard({
    title: 'Hej Elevhälsan!',
    text:
      'Jag lägger ut nya ansökningar om tilläggsbelopp i Elevhälsans kanal. Ska den här kanalen vara den? ' +
      'Då skriver en administratör eller chefen för Elevhälsan ”@Tilläggsbot använd den här kanalen” här. ' +
      'I en kanal skriver man alltid @Tilläggsbot först, annars når meddelandet inte mig.',
  });
}

function channelChosenCard(): AdaptiveCard {
  return messageCard({
    title: 'Den här kanalen får nya ärenden',
    text:
      'Varje ny ansökan om tilläggsbelopp visas här med knappar för att granska, begära komplettering och fatta beslut. ' +
      'Skriv ”@Tilläggsbot ärenden” för att se kön: i en kanal skriver man @Tilläggsbot först.',
    actions: [{ title: 'Visa kön', verb: 'cases.queue', data: {} }],
  });
}

export async function useThisChannel(repos: Repositories, actor: Actor, turn: TurnContext<InboundActivity>): Promise<AdaptiveCard> {
  const address = channelAddress(turn);
  if (!address) {
    return messageCard({ title: 'Skriv det i kanalen', text: 'Skriv ”@Tilläggsbot använd den här kanalen” i den kanal i Elevhälsans team där nya ärenden ska visas.' });
  }
  if (!(hasRole(actor, 'admin') || hasRole(actor, 'head'))) {
    return messageCard({
      title: 'Det får bara en administratör göra',
      text: 'Bara kommunens administratör eller chefen för Elevhälsan kan byta kanal för nya ärenden. Be någon av dem skriva ”@Tilläggsbot använd den här kanalen” här.',
    });
  }
  await remember(repos, address);
  await repos.municipalities.setElevhalsaChannel(actor.municipality.id, { teamId: address.teamId, channelId: address.channelId }, actor.person.id);
  return channelChosenCard();
}
