// Delivers Elevhälsan's request for completion to the principal's chat, with the button that
// opens the application at the step to complete. Safe to run twice.
import { completionRequestCard } from '../../cards';
import { formatSwedishDate } from '../../domain/wording';
import { localDate, termTitle } from '../../domain/terms';
import type { ApplicationStep } from '../../machines/application.steps';
import { loadCase } from '../case/context';
import { RecipientGone } from '../ports';
import { pupilLabel } from '../views/case-view';
import { defineJob, errorMessage } from './definition';
import { QUEUES } from './queue';

export const completionDeliveryJob = defineJob(QUEUES.completion, {
  // One job per request at a time, on every instance: the second (the sweep's, or a retry's)
  // waits for the first and then finds it delivered, instead of sending it alongside.
  oneWaitingPer: (data) => data.completionId,
  handler:
    ({ repos, messenger, jobs, log }) =>
    async ({ completionId }) => {
      const request = await repos.completions.get(completionId);
      if (!request || request.deliveryStatus === 'delivered' || request.answeredVersion !== null) return;
      const bundle = await loadCase(repos, request.caseId);
      if (!bundle) return;
      const tz = bundle.municipality.profile.timeZone;
      const chat = await repos.conversations.getPersonal(bundle.kase.principalId);
      const requester = await repos.people.get(request.requestedById);
      const card = completionRequestCard({
        caseId: bundle.kase.id,
        caseNumber: bundle.kase.caseNumber,
        termLabel: termTitle(bundle.kase.term),
        unitName: bundle.unit.name,
        pupilLabel: pupilLabel(bundle.application, bundle.kase.pupilRef),
        message: request.message,
        step: request.step as ApplicationStep,
        requestedText: formatSwedishDate(localDate(request.requestedAt, tz)),
        ...(requester ? { requestedBy: requester.displayName } : {}),
        ...(request.replyBy ? { replyByText: formatSwedishDate(request.replyBy) } : {}),
      });
      try {
        if (!chat) throw new RecipientGone(404, 'no personal chat with the principal');
        await messenger.send(chat.reference, card, `Elevhälsan behöver en komplettering av ${bundle.kase.caseNumber}`);
      } catch (error) {
        if (error instanceof RecipientGone) {
          await repos.completions.markDelivery(completionId, 'failed');
          log.error('completion request could not be delivered', { caseId: bundle.kase.id, error: errorMessage(error) });
          await jobs.enqueue(QUEUES.caseCard, { caseId: bundle.kase.id });
          return;
        }
        throw error;
      }
      await repos.completions.markDelivery(completionId, 'delivered');
    },
});
