// The decision as a PDF in the principal's chat, right after the decision card: Teams asks them
// to accept the file, and on accept bot/file-transfer.ts saves the stored bytes to their OneDrive.
// The same immutable document, with its sha256, as the tab's download. Queued by the decision's
// delivery once the card got through; a recipient gone for good is logged, not retried.
import { decisionPdfOffer } from '../case/offer-decision-pdf';
import { RecipientGone } from '../ports';
import { defineJob } from './definition';
import { QUEUES } from './queue';

export const decisionDocumentJob = defineJob(QUEUES.decisionDocument, {
  oneWaitingPer: (data) => data.decisionId,
  handler:
    ({ repos, messenger, log }) =>
    async ({ decisionId }) => {
      const decision = await repos.decisions.get(decisionId);
      if (!decision || decision.deliveryStatus !== 'delivered') return;
      const kase = await repos.cases.get(decision.caseId);
      const chat = kase ? await repos.conversations.getPersonal(kase.principalId) : null;
      if (!kase || !chat) return;
      try {
        await messenger.offerFile(chat.reference, await decisionPdfOffer(repos, kase, decision));
      } catch (error) {
        if (!(error instanceof RecipientGone)) throw error;
        log.warn('decision PDF not offered: the principal’s chat is gone', { decisionId, status: error.status });
      }
    },
});
