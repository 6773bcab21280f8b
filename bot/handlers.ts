// The thin adapter between the Teams transport and the dialog: who is acting (from the
// authenticated activity and the database), what they asked for, and one card back, in place
// for Action.Execute and as a new message otherwise.
import { messageCard } from '../cards';
import type { AdaptiveCard } from '../cards';
import type { Repositories } from '../domain/ports';
import { parseAction } from './action-data';
import { APPLICATION_MACHINE, runDraftEvent } from './application-turn';
import { isToast } from './case-dialog';
import { handleAction, handleText, normalizeCommand, unknownActionCard, unknownUserCard, welcome, type DialogDeps, type Reply } from './dialog';
import { onTeamInstall, useThisChannel } from './elevhalsa-channel';
import { receiveFileConsent } from './file-transfer';
import { redeliverFailedDecisions } from './redeliver';
import { fetchIncomingFile, refusalText, type FileRefusal } from './files';
import { identify, type Actor } from './identity';
import { errorFields, type Logger } from './log';
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
import type { JobQueue } from './jobs';

export interface HandlerDeps {
  repos: Repositories;
  logger: Logger;
  now?: () => Date;
  jobs?: JobQueue;
  proactive?: ProactiveSender;
}

export function createHandlers(options: HandlerDeps): BotHandlers {
  const deps: DialogDeps = {
    repos: options.repos,
    now: options.now ?? (() => new Date()),
    ...(options.jobs ? { jobs: options.jobs } : {}),
    ...(options.proactive ? { proactive: options.proactive } : {}),
  };
  const log = options.logger.child({ component: 'dialog' });

  const actorOf = (turn: TurnContext) => identify(deps.repos, turn.tenantId, turn.aadObjectId);

  // Kept on every personal turn, so reminders and decisions reach the chat the principal uses now.
  // A failure here must not cost the principal the turn: the next turn tries again.
  async function rememberConversation(turn: TurnContext, actor: Actor | null): Promise<void> {
    if (!actor || turn.conversationType !== 'personal' || !turn.tenantId) return;
    try {
      const existing = await deps.repos.conversations.getPersonal(actor.person.id);
      if (existing?.conversationId === turn.conversationId && existing.serviceUrl === turn.serviceUrl) return;
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
  }

  async function actionReply(actor: Actor | null, verb: unknown, data: unknown, turn: TurnContext<InboundActivity>): Promise<Reply> {
    if (!actor) return unknownUserCard();
    const parsed = parseAction(verb, data);
    if (!parsed.ok) {
      log.info('refused card action', { reason: parsed.reason, activityId: turn.activity.id });
      return unknownActionCard();
    }
    return handleAction(deps, actor, parsed.action, { conversationType: turn.conversationType });
  }

  const toMessage = (reply: Reply) => (isToast(reply) ? reply.toast : cardMessage(reply));

  async function textReply(turn: TurnContext<MessageActivity>, actor: Actor | null): Promise<Reply> {
    const text = turn.activity.text ?? '';
    if (actor && normalizeCommand(text) === 'använd den här kanalen') return useThisChannel(deps.repos, actor, turn);
    return handleText(deps, actor, text, { conversationType: turn.conversationType, ...(turn.userName ? { displayName: turn.userName } : {}) });
  }

  async function receiveFiles(turn: TurnContext<MessageActivity>, actor: Actor): Promise<AdaptiveCard[]> {
    const [draft] = await deps.repos.snapshots.listOpen(actor.person.id, APPLICATION_MACHINE);
    if (!draft) {
      return [
        messageCard({
          title: 'Börja med en ansökan',
          text: 'Filer hör till en ansökan. Starta en ny ansökan eller öppna ett utkast, och skicka sedan filerna igen.',
          actions: [
            { title: 'Ny ansökan', verb: 'app.new', data: {} },
            { title: 'Mina utkast', verb: 'app.resume', data: {} },
          ],
        }),
      ];
    }
    const refused: FileRefusal[] = [];
    let card: AdaptiveCard | undefined;
    for (const file of turn.files) {
      const fetched = await fetchIncomingFile(file);
      if ('reason' in fetched) {
        refused.push(fetched);
        continue;
      }
      const meta = await deps.repos.attachments.store({ draftId: draft.id, uploadedById: actor.person.id, ...fetched });
      card = await runDraftEvent(deps, actor, draft.id, () => ({ type: 'attachment.added', attachment: { id: meta.id, name: meta.name } }));
    }
    const cards: AdaptiveCard[] = [];
    if (refused.length > 0) {
      cards.push(messageCard({ title: 'Några filer kom inte med', text: refused.map(refusalText).join(' ') }));
    }
    if (card) cards.push(card);
    return cards;
  }

  return {
    async onMessage(turn) {
      const actor = await actorOf(turn);
      await rememberConversation(turn, actor);
      const replies: Reply[] = turn.files.length > 0 && actor ? await receiveFiles(turn, actor) : [await textReply(turn, actor)];
      for (const reply of replies) await turn.send(toMessage(reply));
    },

    // Action.Submit from clients without Universal Actions: the answer comes as a new card.
    async onSubmit(turn) {
      const actor = await actorOf(turn);
      await rememberConversation(turn, actor);
      await turn.send(toMessage(await actionReply(actor, undefined, turn.activity.value, turn)));
    },

    async onCardAction(turn) {
      const actor = await actorOf(turn);
      await rememberConversation(turn, actor);
      const { verb, data } = turn.activity.value.action;
      const reply = await actionReply(actor, verb, data, turn);
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
      const actor = await actorOf(turn);
      await rememberConversation(turn, actor);
      // Teams sends two signals for one install, often in the same instant: both store the
      // chat, only the bot's arrival in the conversation welcomes.
      if (trigger !== 'membersAdded' || turn.conversationType !== 'personal') return;
      await turn.send(cardMessage(await welcome(deps, actor, turn.userName)));
      if (actor) await redeliverFailedDecisions(deps, actor.person.id);
    },

    async onFileConsent(turn) {
      await receiveFileConsent(deps, await actorOf(turn), turn, log);
    },

    async onUninstall(turn) {
      log.info('uninstalled', { conversationId: turn.conversationId, conversationType: turn.conversationType });
    },
  };
}
