// Delivers a decision to the principal's chat. Safe to run twice: a decision already delivered
// is left alone. A recipient gone for good is recorded as a failed delivery, which Elevhälsan
// sees on the channel card (and can send again).
import { decisionCard } from '../../cards';
import { appealDeadline } from '../../domain/terms';
import { loadCase } from '../case/context';
import { moveCase } from '../case/status';
import { RecipientGone } from '../ports';
import { decisionViewModel } from '../views/case-view';
import { defineJob } from './definition';
import { QUEUES } from './queue';

export const decisionDeliveryJob = defineJob(QUEUES.decision, {
  // One job per decision at a time, on every instance: the second (the sweep's, or a retry's)
  // waits for the first and then finds it delivered, instead of sending it alongside.
  oneWaitingPer: (data) => data.decisionId,
  handler:
    ({ repos, clock, messenger, jobs }) =>
    async ({ decisionId }) => {
      const decision = await repos.decisions.get(decisionId);
      if (!decision || decision.deliveryStatus === 'delivered') return;
      const bundle = await loadCase(repos, decision.caseId);
      if (!bundle) return;
      const profile = bundle.municipality.profile;
      const now = clock.now();
      // The appeal window counts from the day the unit is told: now, if this send succeeds.
      const deadline = bundle.unit.kind === 'fristaende' ? appealDeadline(now, profile) : null;
      const chat = await repos.conversations.getPersonal(bundle.kase.principalId);
      const fail = async (reason: string) => {
        await repos.decisions.markDelivery(decisionId, 'failed', now);
        const moved = moveCase(bundle, { type: 'case.delivery.failed' });
        await repos.audit.append({
          municipalityId: bundle.kase.municipalityId,
          action: moved.ok ? moved.auditAction : 'case.delivery_failed',
          subjectType: 'case',
          subjectId: bundle.kase.id,
          details: { decisionId, reason },
        });
        await jobs.enqueue(QUEUES.caseCard, { caseId: bundle.kase.id });
      };
      if (!chat) return fail('no personal chat with the principal');
      const card = decisionCard(decisionViewModel(bundle, decision, deadline, true));
      try {
        await messenger.send(chat.reference, card, `Beslut i ärende ${bundle.kase.caseNumber}`);
      } catch (error) {
        if (error instanceof RecipientGone) return fail(error.message);
        throw error;
      }
      await repos.decisions.markDelivery(decisionId, 'delivered', now, deadline);
      const moved = moveCase(bundle, { type: 'case.notified', at: now });
      await repos.audit.append({
        municipalityId: bundle.kase.municipalityId,
        action: moved.ok ? moved.auditAction : 'case.notified',
        subjectType: 'case',
        subjectId: bundle.kase.id,
        details: { decisionId, notifiedAt: now.toISOString(), appealDeadline: deadline },
      });
      // The decision as a PDF follows the card in the same chat.
      await jobs.enqueue(QUEUES.decisionDocument, { decisionId });
      await jobs.enqueue(QUEUES.caseCard, { caseId: bundle.kase.id });
    },
});
