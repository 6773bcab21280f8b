// What the job workers do: post or refresh a case's card in the Elevhälsa channel, and deliver
// decisions and completion requests to the principal's chat. Each is safe to run twice: a card
// already posted is updated, a decision already delivered is left alone. Teams' answers decide
// what happens next: 429 waits for Retry-After, 5xx fails the job so the queue retries it with
// backoff, 403/404 (the bot was removed) is recorded as a failed delivery that Elevhälsan sees.
import { caseChannelCard, completionRequestCard, decisionCard, type AdaptiveCard } from '../cards';
import { formatSwedishDate } from '../domain/wording';
import type { Repositories } from '../domain/ports';
import { appealDeadline, localDate, termLabel, termTitle } from '../domain/terms';
import { applyCaseEvent } from '../machines/case.machine';
import type { ApplicationStep } from '../machines/application.steps';
import { loadCase, storedCase } from './case-context';
import { refreshUserIds } from './case-dialog';
import { channelViewModel, decisionViewModel, pupilLabel } from './case-view';
import { QUEUES, RetryLater, type JobData, type JobQueue } from './jobs';
import { errorFields, type Logger } from './log';
import { parseRetryAfter } from './transport-retry';
import { cardMessage, type ConversationRef, type ProactiveSender } from './transport-types';

export interface DeliveryDeps {
  repos: Repositories;
  proactive: ProactiveSender;
  jobs: JobQueue;
  logger: Logger;
  now: () => Date;
}

type HttpError = { response?: { status?: number; headers?: Record<string, unknown> } };
const statusOf = (error: unknown) => (error as HttpError)?.response?.status;

export type DeliveryFailure =
  // The recipient is gone for good (uninstalled, removed from the team, conversation deleted).
  | { kind: 'gone'; status: number }
  // Throttled: run again once Retry-After has passed.
  | { kind: 'later'; seconds: number }
  // Anything else (5xx, network): fail the job, the queue retries it with backoff.
  | { kind: 'retry' };

export function classifyDeliveryError(error: unknown, now = Date.now()): DeliveryFailure {
  const status = statusOf(error);
  if (status === 403 || status === 404) return { kind: 'gone', status };
  if (status === 429) {
    const headers = (error as HttpError).response?.headers ?? {};
    const ms = parseRetryAfter(headers['retry-after'] ?? headers['Retry-After'], now) ?? 30_000;
    return { kind: 'later', seconds: Math.max(1, Math.ceil(ms / 1000)) };
  }
  return { kind: 'retry' };
}

const isGone = (error: unknown) => classifyDeliveryError(error).kind === 'gone';

function rethrowForQueue(error: unknown): never {
  const failure = classifyDeliveryError(error);
  if (failure.kind === 'later') throw new RetryLater(failure.seconds, 'Teams is throttling the bot');
  throw error;
}

const asMessage = (card: AdaptiveCard, summary: string) => cardMessage(card, summary);

export function createDeliveries(deps: DeliveryDeps): { [Q in keyof JobData]: (data: JobData[Q]) => Promise<void> } {
  const log = deps.logger.child({ component: 'deliveries' });
  const warnedNoChannel = new Set<string>();

  async function postCaseCard({ caseId }: JobData['case-card']): Promise<void> {
    const bundle = await loadCase(deps.repos, caseId);
    if (!bundle) return;
    const channel = await deps.repos.conversations.getChannel({ municipalityId: bundle.kase.municipalityId });
    if (!channel) {
      // The sweep posts it once Elevhälsan has installed the bot in their channel. The admin is
      // told once per municipality (and on "ärenden"), not on every sweep.
      const municipalityId = bundle.kase.municipalityId;
      const first = !warnedNoChannel.has(municipalityId);
      warnedNoChannel.add(municipalityId);
      log[first ? 'warn' : 'debug'](
        'no Elevhälsa channel is registered: new cases wait until the bot is added to Elevhälsan\'s team and an admin or the head writes "@Tilläggsbot använd den här kanalen" in the channel',
        { caseId, municipalityId },
      );
      return;
    }
    const card = caseChannelCard(channelViewModel(bundle, null, await refreshUserIds(deps, bundle.kase.municipalityId)));
    const summary = `Ärende ${bundle.kase.caseNumber}: ${bundle.unit.name}, ${termLabel(bundle.kase.term)}`;
    const reference = channel.reference as ConversationRef;
    const post = await deps.repos.channelPosts.get(caseId);
    try {
      if (post) {
        try {
          await deps.proactive.update({ ...reference, conversationId: post.conversationId }, post.activityId, asMessage(card, summary));
          await deps.repos.channelPosts.touch(caseId, deps.now());
        } catch (error) {
          // The old card is gone (deleted from the channel, or a playground run that has
          // forgotten it): the case gets a new card rather than none. If the bot itself is gone,
          // the new post is refused too and handled below.
          if (!isGone(error)) throw error;
          const sent = await deps.proactive.send(reference, asMessage(card, summary));
          await deps.repos.channelPosts.replace({ caseId, conversationId: reference.conversationId, activityId: sent.id });
        }
      } else {
        const sent = await deps.proactive.send(reference, asMessage(card, summary));
        await deps.repos.channelPosts.record({ caseId, conversationId: reference.conversationId, activityId: sent.id });
        await deps.repos.audit.append({ municipalityId: bundle.kase.municipalityId, action: 'case.channel_posted', subjectType: 'case', subjectId: caseId, details: { conversationId: reference.conversationId } });
      }
    } catch (error) {
      if (isGone(error)) {
        log.error('the Elevhälsa channel refused the card', { caseId, status: statusOf(error) });
        return;
      }
      rethrowForQueue(error);
    }
  }

  async function deliverDecision({ decisionId }: JobData['decision-delivery']): Promise<void> {
    const decision = await deps.repos.decisions.get(decisionId);
    if (!decision || decision.deliveryStatus === 'delivered') return;
    const bundle = await loadCase(deps.repos, decision.caseId);
    if (!bundle) return;
    const profile = bundle.municipality.profile;
    const now = deps.now();
    // The appeal window counts from the day the unit is told: now, if this send succeeds.
    const deadline = bundle.unit.kind === 'fristaende' ? appealDeadline(now, profile) : null;
    const chat = await deps.repos.conversations.getPersonal(bundle.kase.principalId);
    const fail = async (reason: string) => {
      await deps.repos.decisions.markDelivery(decisionId, 'failed', now);
      const moved = applyCaseEvent(storedCase(bundle), { type: 'case.delivery.failed' });
      await deps.repos.audit.append({
        municipalityId: bundle.kase.municipalityId,
        action: moved.ok ? moved.auditAction : 'case.delivery_failed',
        subjectType: 'case',
        subjectId: bundle.kase.id,
        details: { decisionId, reason },
      });
      await deps.jobs.enqueue(QUEUES.caseCard, { caseId: bundle.kase.id });
    };
    if (!chat) return fail('no personal chat with the principal');
    const card = decisionCard(decisionViewModel(bundle, decision, deadline));
    try {
      await deps.proactive.send(chat.reference as ConversationRef, asMessage(card, `Beslut i ärende ${bundle.kase.caseNumber}`));
    } catch (error) {
      if (isGone(error)) return fail(`Teams answered ${statusOf(error)}`);
      rethrowForQueue(error);
    }
    await deps.repos.decisions.markDelivery(decisionId, 'delivered', now, deadline);
    const moved = applyCaseEvent(storedCase(bundle), { type: 'case.notified', at: now });
    await deps.repos.audit.append({
      municipalityId: bundle.kase.municipalityId,
      action: moved.ok ? moved.auditAction : 'case.notified',
      subjectType: 'case',
      subjectId: bundle.kase.id,
      details: { decisionId, notifiedAt: now.toISOString(), appealDeadline: deadline },
    });
    await deps.jobs.enqueue(QUEUES.caseCard, { caseId: bundle.kase.id });
  }

  async function deliverCompletion({ completionId }: JobData['completion-delivery']): Promise<void> {
    const request = await deps.repos.completions.get(completionId);
    if (!request || request.deliveryStatus === 'delivered' || request.answeredVersion !== null) return;
    const bundle = await loadCase(deps.repos, request.caseId);
    if (!bundle) return;
    const tz = bundle.municipality.profile.timeZone;
    const chat = await deps.repos.conversations.getPersonal(bundle.kase.principalId);
    const requester = await deps.repos.people.get(request.requestedById);
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
    });
    try {
      if (!chat) throw Object.assign(new Error('no personal chat with the principal'), { response: { status: 404 } });
      await deps.proactive.send(chat.reference as ConversationRef, asMessage(card, `Elevhälsan behöver en komplettering av ${bundle.kase.caseNumber}`));
    } catch (error) {
      if (isGone(error)) {
        await deps.repos.completions.markDelivery(completionId, 'failed');
        log.error('completion request could not be delivered', { caseId: bundle.kase.id, error: errorFields(error) });
        await deps.jobs.enqueue(QUEUES.caseCard, { caseId: bundle.kase.id });
        return;
      }
      rethrowForQueue(error);
    }
    await deps.repos.completions.markDelivery(completionId, 'delivered');
  }

  // The outbox: what was written but never queued (the queue failed right after the write) or
  // whose channel was not known yet goes out now. A minute's grace leaves the fresh ones alone.
  async function sweep(): Promise<void> {
    const before = new Date(deps.now().getTime() - 60_000);
    for (const caseId of await deps.repos.channelPosts.casesWithoutPost(before, 100)) {
      await deps.jobs.enqueue(QUEUES.caseCard, { caseId });
    }
    for (const decisionId of await deps.repos.decisions.listUndelivered(before, 100)) {
      await deps.jobs.enqueue(QUEUES.decision, { decisionId });
    }
    for (const completionId of await deps.repos.completions.listUndelivered(before, 100)) {
      await deps.jobs.enqueue(QUEUES.completion, { completionId });
    }
  }

  return {
    'case-card': postCaseCard,
    'decision-delivery': deliverDecision,
    'completion-delivery': deliverCompletion,
    'case-card-sweep': sweep,
  };
}
