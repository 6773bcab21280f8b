// Posts or refreshes a case's card in the Elevhälsa channel. Safe to run twice: a card already
// posted is updated.
import { caseChannelCard } from '../../cards';
import { termLabel } from '../../domain/terms';
import { refreshUserIds } from '../case/channel-card';
import { loadCase } from '../case/context';
import { otherUnitGrantText } from '../follow-up/grants';
import { RecipientGone } from '../ports';
import { channelViewModel } from '../views/case-view';
import { defineJob } from './definition';
import { QUEUES } from './queue';

export const caseCardJob = defineJob(QUEUES.caseCard, {
  oneWaitingPer: (data) => data.caseId,
  handler:
    ({ repos, clock, messenger, log }) => {
      // The admin is told once per municipality and process (and on "ärenden"), not on every sweep.
      const warnedNoChannel = new Set<string>();
      return async ({ caseId }) => {
      const bundle = await loadCase(repos, caseId);
      if (!bundle) return;
      const channel = await repos.conversations.getChannel({ municipalityId: bundle.kase.municipalityId });
      if (!channel) {
        // The sweep posts it once Elevhälsan has installed the bot in their channel.
        const municipalityId = bundle.kase.municipalityId;
        const first = !warnedNoChannel.has(municipalityId);
        warnedNoChannel.add(municipalityId);
        log[first ? 'warn' : 'debug'](
          'no Elevhälsa channel is registered: new cases wait until the bot is added to Elevhälsan\'s team and an admin or the head writes "@Tilläggsbot använd den här kanalen" in the channel',
          { caseId, municipalityId },
        );
        return;
      }
      const card = caseChannelCard(
        channelViewModel(bundle, null, await refreshUserIds({ repos }, bundle.kase.municipalityId), await otherUnitGrantText(repos, bundle.kase, bundle.application)),
      );
      const summary = `Ärende ${bundle.kase.caseNumber}: ${bundle.unit.name}, ${termLabel(bundle.kase.term)}`;
      const post = await repos.channelPosts.get(caseId);
      try {
        if (post) {
          try {
            await messenger.update(channel.reference, { conversationId: post.conversationId, activityId: post.activityId }, card, summary);
            await repos.channelPosts.touch(caseId, clock.now());
          } catch (error) {
            // The old card is gone (deleted from the channel, or a playground run that has
            // forgotten it): the case gets a new card rather than none. If the bot itself is gone,
            // the new post is refused too and handled below.
            if (!(error instanceof RecipientGone)) throw error;
            const sent = await messenger.send(channel.reference, card, summary);
            await repos.channelPosts.replace({ caseId, conversationId: sent.conversationId, activityId: sent.id });
          }
        } else {
          const sent = await messenger.send(channel.reference, card, summary);
          await repos.channelPosts.record({ caseId, conversationId: sent.conversationId, activityId: sent.id });
          await repos.audit.append({ municipalityId: bundle.kase.municipalityId, action: 'case.channel_posted', subjectType: 'case', subjectId: caseId, details: { conversationId: sent.conversationId } });
        }
      } catch (error) {
        if (error instanceof RecipientGone) {
          log.error('the Elevhälsa channel refused the card', { caseId, status: error.status });
          return;
        }
        throw error;
      }
      };
    },
});
