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
    ({ repos, clock, messenger, log }) =>
    async ({ caseId }) => {
      const bundle = await loadCase(repos, caseId);
      if (!bundle) return;
      const channel = await repos.conversations.getChannel({ municipalityId: bundle.kase.municipalityId });
      if (!channel) {
        // The sweep posts it once Elevhälsan has installed the bot in their channel.
        log.warn('no Elevhälsa channel; the case card waits', { caseId, municipalityId: bundle.kase.municipalityId });
        return;
      }
      const card = caseChannelCard(
        channelViewModel(bundle, null, await refreshUserIds({ repos }, bundle.kase.municipalityId), await otherUnitGrantText(repos, bundle.kase, bundle.application)),
      );
      const summary = `Ärende ${bundle.kase.caseNumber}: ${bundle.unit.name}, ${termLabel(bundle.kase.term)}`;
      const post = await repos.channelPosts.get(caseId);
      try {
        if (post) {
          await messenger.update(channel.reference, { conversationId: post.conversationId, activityId: post.activityId }, card, summary);
          await repos.channelPosts.touch(caseId, clock.now());
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
    },
});
