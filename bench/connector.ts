// The load generator's side of the Bot Framework: a minimal fake connector that the bot (and the
// echo bot) post their messages to, and that keeps the last card posted in each conversation so a
// simulated client can read it, as a Teams client would see it appear in the chat.
// Lighter than test/e2e/harness.ts's connector on purpose: it keeps one card per conversation
// instead of every call, so a long run does not grow memory or slow the client down.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Card } from '../test/e2e/dialog-helpers';

export type BenchConnector = {
  /** Ends with a slash, like the serviceUrl Teams sends. */
  readonly serviceUrl: string;
  /** The last card the bot posted into the conversation, and how many activities it posted there. */
  lastCard(conversationId: string): Card | undefined;
  posted(conversationId: string): number;
  readonly stats: { activities: number; cards: number; other: number; failed: number };
  /**
   * Calls `listener` for every activity posted (POST) or updated (PUT) in the conversation, with
   * the time (performance.now()) its body had arrived, before the connector answers. For the
   * Elevhälsa channel, where the bot's job workers post case cards. Returns the unsubscribe.
   */
  watch(conversationId: string, listener: (event: ConnectorEvent) => void): () => void;
  close(): Promise<void>;
};

/**
 * Every activity the bot posted or updated, in any conversation, with the id the connector gave a
 * POST and the id a PUT named: what an exactly-once check counts (bench/two-instances.ts).
 */
export type ConnectorRecord = ConnectorEvent & { conversationId: string; id: string };

export type ConnectorEvent = { method: 'POST' | 'PUT'; at: number; activity: { attachments?: Array<{ content?: unknown }> } & Record<string, unknown> };

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

export async function startConnector(options: { record?: (entry: ConnectorRecord) => void } = {}): Promise<BenchConnector> {
  const cards = new Map<string, Card>();
  const counts = new Map<string, number>();
  const stats = { activities: 0, cards: 0, other: 0, failed: 0 };
  const watchers = new Map<string, (event: ConnectorEvent) => void>();
  let seq = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const m = ACTIVITY_PATH.exec(path);
      if (!m || (req.method !== 'POST' && req.method !== 'PUT')) {
        stats.other += 1;
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NotFound"}}');
        return;
      }
      const conversationId = decodeURIComponent(m[1]!);
      const method = req.method as 'POST' | 'PUT';
      const id = method === 'PUT' ? decodeURIComponent(m[2] ?? '') : `out-${++seq}`;
      try {
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ConnectorEvent['activity'];
        stats.activities += 1;
        watchers.get(conversationId)?.({ method, at, activity });
        options.record?.({ method, at, activity, conversationId, id });
        counts.set(conversationId, (counts.get(conversationId) ?? 0) + 1);
        const content = activity.attachments?.[0]?.content as Card | undefined;
        // Stored before the 201 goes out: the bot answers its turn only after this call returned,
        // so a client that reads the card after its turn's HTTP response always sees it.
        if (content && typeof content === 'object' && content.type === 'AdaptiveCard') {
          cards.set(conversationId, content);
          stats.cards += 1;
        }
      } catch {
        stats.failed += 1;
        res.writeHead(400).end();
        return;
      }
      res.writeHead(method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    lastCard: (id) => cards.get(id),
    posted: (id) => counts.get(id) ?? 0,
    stats,
    watch(conversationId, listener) {
      if (watchers.has(conversationId)) throw new Error(`${conversationId} is already watched`);
      watchers.set(conversationId, listener);
      return () => {
        if (watchers.get(conversationId) === listener) watchers.delete(conversationId);
      };
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
