// The jobs' way into Teams: the app's Messenger port on the proactive sender, with Teams' answers
// turned into what the jobs act on. 429 waits for Retry-After (RetryLater), 403/404 (the bot was
// removed) is a recipient gone for good (RecipientGone, recorded as a failed delivery), anything
// else fails the job so the queue retries it with backoff.
import type { AdaptiveCard } from '../cards';
import { jobHandlers, type JobHandlers } from '../app/jobs';
import { RetryLater, type JobQueue } from '../app/jobs/queue';
import { RecipientGone, type Messenger } from '../app/ports';
import { systemClock, type Clock } from '../domain/clock';
import type { Repositories } from '../domain/ports';
import { fileConsentActivity } from './file-transfer';
import type { Logger } from './log';
import { parseRetryAfter } from './transport-retry';
import { cardMessage, type ConversationRef, type ProactiveSender } from './transport-types';

export interface DeliveryDeps {
  repos: Repositories;
  proactive: ProactiveSender;
  jobs: JobQueue;
  logger: Logger;
  clock?: Clock;
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

// Retry-After is wall-clock time on Teams' side, so it is read against the real clock.
function translated(error: unknown): never {
  const failure = classifyDeliveryError(error);
  if (failure.kind === 'gone') throw new RecipientGone(failure.status, `Teams answered ${failure.status}`);
  if (failure.kind === 'later') throw new RetryLater(failure.seconds, 'Teams is throttling the bot');
  throw error;
}

export function teamsMessenger(proactive: ProactiveSender): Messenger {
  const message = (card: AdaptiveCard, summary: string) => cardMessage(card, summary);
  return {
    async send(reference, card, summary) {
      const ref = reference as ConversationRef;
      try {
        const sent = await proactive.send(ref, message(card, summary));
        return { id: sent.id, conversationId: ref.conversationId };
      } catch (error) {
        return translated(error);
      }
    },
    async update(reference, { conversationId, activityId }, card, summary) {
      try {
        await proactive.update({ ...(reference as ConversationRef), conversationId }, activityId, message(card, summary));
      } catch (error) {
        translated(error);
      }
    },
    async offerFile(reference, offer) {
      try {
        await proactive.send(reference as ConversationRef, fileConsentActivity(offer));
      } catch (error) {
        translated(error);
      }
    },
  };
}

// The job handlers, bound to Teams.
export function createDeliveries(deps: DeliveryDeps): JobHandlers {
  const clock = deps.clock ?? systemClock;
  return jobHandlers({
    repos: deps.repos,
    clock,
    messenger: teamsMessenger(deps.proactive),
    jobs: deps.jobs,
    log: deps.logger.child({ component: 'deliveries' }),
  });
}
