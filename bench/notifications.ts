// The notification path of the bench: the Elevhälsa team installs the bot in its channel (as a
// handler, so the channel is chosen at once), and every case submitted afterwards must reach that
// channel as exactly one case card, posted by the bot's job workers through the fake connector.
// The tracker timestamps each card as it arrives, keyed by the case number in the card, so the
// run can measure receipt-to-card latency and catch a missing or a duplicated card.
import { randomUUID } from 'node:crypto';
import { DEMO_PEOPLE, PLAYGROUND_TENANT_ID } from '../prisma/seed';
import { cardText, heading, type Card } from '../test/e2e/dialog-helpers';
import type { BenchConnector, ConnectorEvent } from './connector';

export const BENCH_TEAM_ID = '19:bench-elevhalsan-team@thread.tacv2';
export const BENCH_CHANNEL_ID = '19:bench-elevhalsan@thread.tacv2';

const CASE_NUMBER = /\bTB-\d{4}-\d{4}\b/g;

/**
 * Sends the team install (installationUpdate "add" in a channel conversation, with the team,
 * channel and tenant in channelData) from the demo handler, Megan Bowen, and checks that the bot
 * chose the channel for new cases. Throws otherwise: without it no case card would go anywhere.
 */
export async function registerChannel(options: { botUrl: string; botAccountId: string; connector: BenchConnector; timeoutMs: number }): Promise<void> {
  const handler = DEMO_PEOPLE.find((p) => p.role === 'handler');
  if (!handler) throw new Error('the demo seed has no handler');
  const { connector } = options;
  const before = connector.posted(BENCH_CHANNEL_ID);
  const res = await fetch(options.botUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'installationUpdate',
      action: 'add',
      id: `in-${randomUUID()}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      from: { id: '29:bench-handler', name: handler.displayName, aadObjectId: handler.aadObjectId },
      recipient: { id: options.botAccountId, name: 'Tilläggsbot' },
      conversation: { id: BENCH_CHANNEL_ID, conversationType: 'channel', tenantId: PLAYGROUND_TENANT_ID },
      channelData: {
        tenant: { id: PLAYGROUND_TENANT_ID },
        team: { id: BENCH_TEAM_ID, name: 'Elevhälsan' },
        channel: { id: BENCH_CHANNEL_ID, name: 'Ärenden' },
      },
      locale: 'sv-SE',
    }),
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`team install: HTTP ${res.status} ${body.slice(0, 300)}`);
  const card = connector.lastCard(BENCH_CHANNEL_ID);
  if (connector.posted(BENCH_CHANNEL_ID) === before || !card) throw new Error('team install: the bot posted nothing in the channel');
  if (!/nya ärenden/i.test(heading(card))) {
    throw new Error(`team install: the channel was not chosen for new cases: ${cardText(card).slice(0, 300)}`);
  }
}

export type ChannelTracker = ReturnType<typeof trackChannel>;

/** Records every card the bot posts (POST) or refreshes (PUT) in the bench channel. */
export function trackChannel(connector: BenchConnector) {
  const posts = new Map<string, number[]>();
  let refreshes = 0;
  let other = 0;
  const unexpected: string[] = [];
  let lastPostAt = 0;
  const unwatch = connector.watch(BENCH_CHANNEL_ID, (event: ConnectorEvent) => {
    const content = event.activity.attachments?.[0]?.content as Card | undefined;
    const numbers = content && typeof content === 'object' ? [...new Set(JSON.stringify(content).match(CASE_NUMBER) ?? [])] : [];
    if (numbers.length === 0) {
      other += 1;
      return;
    }
    if (numbers.length > 1) {
      if (unexpected.length < 5) unexpected.push(`a channel card names ${numbers.length} case numbers: ${numbers.join(', ')}`);
      return;
    }
    if (event.method === 'PUT') {
      refreshes += 1;
      return;
    }
    const number = numbers[0]!;
    posts.set(number, [...(posts.get(number) ?? []), event.at]);
    lastPostAt = event.at;
  });

  return {
    /** Arrival times (performance.now()) of the case's card POSTs: one, if all is well. */
    postsOf: (caseNumber: string) => posts.get(caseNumber) ?? [],
    get caseNumbersPosted() {
      return [...posts.keys()];
    },
    get refreshes() {
      return refreshes;
    },
    get other() {
      return other;
    },
    get unexpected() {
      return unexpected;
    },
    get lastPostAt() {
      return lastPostAt;
    },
    /** Resolves true once every case has at least one card, false at the deadline (performance.now()). */
    async waitForAll(caseNumbers: string[], deadline: number): Promise<boolean> {
      for (;;) {
        if (caseNumbers.every((n) => posts.has(n))) return true;
        if (performance.now() >= deadline) return false;
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    stop: unwatch,
  };
}
