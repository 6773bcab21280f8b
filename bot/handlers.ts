// The thin adapter between the Teams transport and the use cases: who is acting (from the
// authenticated activity and the database), what they asked for (routes.ts), and one card back,
// in place for Action.Execute and as a new message otherwise.
import { messageCard } from '../cards';
import type { AdaptiveCard } from '../cards';
import { addFiles, latestOpenDraftId, noDraftForFilesCard } from '../app/application/add-files';
import { addFollowUpFiles, latestFollowUpDraftId } from '../app/follow-up/dialog';
import { isToast, type AppDeps, type Reply } from '../app/deps';
import { redeliverFailedDecisions } from '../app/case/redeliver-decisions';
import { notPrincipalCard, unknownActionCard, welcome } from '../app/help';
import type { JobQueue } from '../app/jobs/queue';
import { systemClock, type Clock } from '../domain/clock';
import type { Repositories } from '../domain/ports';
import { parseAction } from './action-data';
import { onTeamInstall, useThisChannel } from './elevhalsa-channel';
import { receiveFileConsent } from './file-transfer';
import { fetchIncomingFile, refusalText, type FetchedFile, type FileRefusal } from './files';
import { bindOnFirstContact, identifyActing, type Actor } from './identity';
import { withDraftPrefetched } from './prefetch';
import { errorFields, type Logger } from './log';
import { createOwnChat } from './own-chat';
import { normalizeCommand, route, routeText } from './routes';
import {
  cardMessage,
  cardResponse,
  messageResponse,
  type BotHandlers,
  type InboundActivity,
  type MessageActivity,
  type ProactiveSender,
  type TurnContext,
} from './transport-types';

export interface HandlerDeps {
  repos: Repositories;
  logger: Logger;
  clock?: Clock;
  jobs?: JobQueue;
  proactive?: ProactiveSender;
}

export function createHandlers(options: HandlerDeps): BotHandlers {
  const deps: AppDeps = {
    repos: options.repos,
    clock: options.clock ?? systemClock,
    ...(options.jobs ? { jobs: options.jobs } : {}),
    ...(options.proactive ? { ownChat: createOwnChat(options.repos, options.proactive) } : {}),
  };
  const log = options.logger.child({ component: 'dialog' });

  // Someone the lookup by object id does not know: a person an admin registered by e-mail is
  // bound now (the Teams member lookup gives their e-mail and UPN).
  const boundOnFirstContact = async (turn: TurnContext): Promise<Actor | null> => {
    try {
      return await bindOnFirstContact(deps.repos, turn.tenantId, turn.aadObjectId, turn.member);
    } catch (error) {
      // The member lookup failed (Teams unreachable): the person is treated as unknown this
      // turn and bound on the next.
      log.warn('could not look up the sender by e-mail', { conversationId: turn.conversationId, error: errorFields(error) });
      return null;
    }
  };

  // Who is acting (one query), and their chat kept on every personal turn, so reminders and
  // decisions reach the chat the principal uses now. The reference is written only when the
  // chat moved: the lookup already says where it was. A failed write must not cost the
  // principal the turn: the next turn tries again.
  async function actingIn(turn: TurnContext): Promise<Actor | null> {
    const found = (await identifyActing(deps.repos, turn.tenantId, turn.aadObjectId)) ?? (await boundOnFirstContact(turn).then((actor) => (actor ? { actor, personalChat: null } : null)));
    if (!found) return null;
    const { actor, personalChat } = found;
    if (turn.conversationType !== 'personal' || !turn.tenantId) return actor;
    if (personalChat?.conversationId === turn.conversationId && personalChat.serviceUrl === turn.serviceUrl) return actor;
    try {
      await deps.repos.conversations.upsertPersonal({
        personId: actor.person.id,
        tenantId: turn.tenantId,
        conversationId: turn.conversationId,
        serviceUrl: turn.serviceUrl,
        reference: turn.reference,
      });
    } catch (error) {
      log.warn('could not store the conversation reference', { conversationId: turn.conversationId, error: errorFields(error) });
    }
    return actor;
  }

  async function actionReply(actor: Actor | null, verb: unknown, data: unknown, turn: TurnContext<InboundActivity>, turnDeps: AppDeps = deps): Promise<Reply> {
    if (!actor) return notPrincipalCard(null);
    const parsed = parseAction(verb, data);
    if (!parsed.ok) {
      log.info('refused card action', { reason: parsed.reason, activityId: turn.activity.id });
      return unknownActionCard();
    }
    return route({ deps: turnDeps, actor, place: { conversationType: turn.conversationType } }, parsed.action);
  }

  const toMessage = (reply: Reply) => (isToast(reply) ? reply.toast : cardMessage(reply));

  async function textReply(turn: TurnContext<MessageActivity>, actor: Actor | null): Promise<Reply> {
    const text = turn.activity.text ?? '';
    if (actor && normalizeCommand(text) === 'använd den här kanalen') return useThisChannel(deps.repos, actor, turn);
    return routeText(deps, actor, text, { conversationType: turn.conversationType, ...(turn.userName ? { displayName: turn.userName } : {}) });
  }

  // Files fetched from Teams (bot/files.ts) go to the principal's latest open draft.
  async function receiveFiles(turn: TurnContext<MessageActivity>, actor: Actor): Promise<AdaptiveCard[]> {
    // A follow-up worked on more recently than any application draft takes the files.
    const followUpId = await latestFollowUpDraftId(deps, actor);
    const draftId = followUpId ?? (await latestOpenDraftId(deps, actor));
    if (!draftId) return [noDraftForFilesCard()];
    const refused: FileRefusal[] = [];
    const fetched: FetchedFile[] = [];
    for (const file of turn.files) {
      const result = await fetchIncomingFile(file);
      if ('reason' in result) refused.push(result);
      else fetched.push(result);
    }
    const reply = followUpId ? await addFollowUpFiles(deps, actor, followUpId, fetched) : await addFiles(deps, actor, draftId, fetched);
    const card = reply && !isToast(reply) ? reply : undefined;
    const cards: AdaptiveCard[] = [];
    if (refused.length > 0) {
      cards.push(messageCard({ title: 'Några filer kom inte med', text: refused.map(refusalText).join(' ') }));
    }
    if (card) cards.push(card);
    return cards;
  }

  return {
    async onMessage(turn) {
      const actor = await actingIn(turn);
      const replies: Reply[] = turn.files.length > 0 && actor ? await receiveFiles(turn, actor) : [await textReply(turn, actor)];
      for (const reply of replies) await turn.send(toMessage(reply));
    },

    // Action.Submit from clients without Universal Actions: the answer comes as a new card.
    async onSubmit(turn) {
      const actor = await actingIn(turn);
      await turn.send(toMessage(await actionReply(actor, undefined, turn.activity.value, turn)));
    },

    async onCardAction(turn) {
      const { verb, data } = turn.activity.value.action;
      const turnDeps = { ...deps, repos: withDraftPrefetched(deps.repos, data) };
      const actor = await actingIn(turn);
      const reply = await actionReply(actor, verb, data, turn, turnDeps);
      // A short answer leaves the card as it is (Teams shows the text to the person who clicked).
      return isToast(reply) ? messageResponse(reply.toast) : cardResponse(reply);
    },

    async onInstall(turn, trigger) {
      if (turn.conversationType === 'channel' || turn.activity.channelData?.team) {
        const card = await onTeamInstall(deps.repos, turn);
        // Teams (and the playground) send both signals for one install in a team: both store
        // the channel, only installationUpdate greets, so the greeting is posted once.
        if (card && trigger === 'installationUpdate') await turn.send(cardMessage(card));
        return;
      }
      const actor = await actingIn(turn);
      // Teams sends two signals for one install, often in the same instant: both store the
      // chat, only the bot's arrival in the conversation welcomes.
      if (trigger !== 'membersAdded' || turn.conversationType !== 'personal') return;
      await turn.send(cardMessage(await welcome(deps, actor, turn.userName)));
      if (actor) await redeliverFailedDecisions(deps, actor.person.id);
    },

    async onFileConsent(turn) {
      await receiveFileConsent(deps, await actingIn(turn), turn, log);
    },

    async onUninstall(turn) {
      log.info('uninstalled', { conversationId: turn.conversationId, conversationType: turn.conversationType });
    },
  };
}
