// Counts the statements sent to the database: every query on the pool and on the clients it
// hands out (transactions), BEGIN and COMMIT included. Each is one round trip, so a test can
// pin how many a turn takes.
import type pg from 'pg';

export interface QueryCounter {
  readonly count: number;
  readonly statements: string[];
  reset(): void;
}

export function countQueries(pool: pg.Pool): QueryCounter {
  // Kept as sent and tidied when read: the bench counts every statement of a busy bot.
  const raw: string[] = [];
  const wrapped = new WeakSet<object>();
  const textOf = (arg: unknown) => (typeof arg === 'string' ? arg : ((arg as { text?: string })?.text ?? '?'));
  const wrap = (target: { query: (...args: any[]) => any }) => {
    if (wrapped.has(target)) return;
    wrapped.add(target);
    const original = target.query.bind(target);
    target.query = (...args: any[]) => {
      raw.push(textOf(args[0]));
      return original(...args);
    };
  };
  // pool.query checks out a client through pool.connect(callback) and queries on it, so
  // wrapping the clients it hands out counts both paths once.
  const originalConnect = pool.connect.bind(pool) as (cb?: (err: Error | undefined, client?: pg.PoolClient, done?: unknown) => void) => unknown;
  (pool as { connect: unknown }).connect = (callback?: (err: Error | undefined, client?: pg.PoolClient, done?: unknown) => void) => {
    if (callback) {
      return originalConnect((err, client, done) => {
        if (client) wrap(client);
        callback(err, client, done);
      });
    }
    return (originalConnect() as Promise<pg.PoolClient>).then((client) => {
      wrap(client);
      return client;
    });
  };
  return {
    get count() {
      return raw.length;
    },
    get statements() {
      return raw.map((text) => text.replace(/\s+/g, ' ').trim());
    },
    reset() {
      raw.length = 0;
    },
  };
}
