// Throughput of an echo bot over HTTP: `benchEcho` starts a bot (bare Teams SDK or our
// transport) in a child process and drives it with keep-alive fetch from this one.
// `benchEndpoint` drives any Bot Framework endpoint, for ratios against the real bot.
// CLI: npx tsx bench/echo.ts [durationMs=5000] [concurrency=50] [sdk|sdk-noreply|transport]
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';

export type BenchResult = {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
};

export type BenchEndpointOptions = {
  url: string;
  /** The activity for request number i. */
  activity: (i: number) => Record<string, unknown>;
  durationMs: number;
  concurrency: number;
  headers?: Record<string, string>;
  /** Called with the latency of every successful request, for callers that pool samples. */
  record?: (ms: number) => void;
};

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)]! * 100) / 100;
}

export async function benchEndpoint(options: BenchEndpointOptions): Promise<BenchResult> {
  const latencies: number[] = [];
  let errors = 0;
  let seq = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      try {
        const res = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...options.headers },
          body: JSON.stringify(options.activity(seq++)),
        });
        await res.arrayBuffer();
        if (res.status !== 200) errors += 1;
        else {
          const ms = performance.now() - t;
          latencies.push(ms);
          options.record?.(ms);
        }
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: Math.round(latencies.length / elapsed),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    errors,
  };
}

export function echoActivity(serviceUrl: string) {
  return (i: number) => ({
    type: 'message',
    id: `bench-${i}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:bench-user', aadObjectId: randomUUID(), name: 'Bench' },
    recipient: { id: '28:bench-bot', name: 'Bench bot' },
    conversation: { id: `a:bench-${i % 50}`, conversationType: 'personal', tenantId: 'bench-tenant' },
    text: `hej ${i}`,
  });
}

export type EchoTarget = 'sdk' | 'sdk-noreply' | 'transport';

export type EchoServer = { url: string; serviceUrl: string; pid: number | undefined; stop: () => Promise<void> };

/** Forks echo-server.ts with the given target; resolves once it listens. */
export async function startEchoServer(target: EchoTarget = 'sdk'): Promise<EchoServer> {
  const child = fork(fileURLToPath(new URL('./echo-server.ts', import.meta.url)), [target], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const [ready] = (await once(child, 'message')) as [{ port: number; serviceUrl: string }];
  return {
    url: `http://127.0.0.1:${ready.port}/api/messages`,
    serviceUrl: ready.serviceUrl,
    pid: child.pid,
    async stop() {
      if (child.connected) child.disconnect();
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    },
  };
}

export async function benchEcho(options: {
  durationMs: number;
  concurrency: number;
  /** Default 'sdk': a bare Teams SDK app that replies through a local fake connector. */
  target?: EchoTarget;
  /** Where replies go; default the connector inside the echo child. */
  serviceUrl?: string;
  warmupMs?: number;
}): Promise<BenchResult> {
  const server = await startEchoServer(options.target ?? 'sdk');
  try {
    const activity = echoActivity(options.serviceUrl ?? server.serviceUrl);
    // Warm-up so JIT and connection setup do not count.
    await benchEndpoint({ url: server.url, activity, durationMs: options.warmupMs ?? 500, concurrency: options.concurrency });
    return await benchEndpoint({ url: server.url, activity, durationMs: options.durationMs, concurrency: options.concurrency });
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [durationMs = '5000', concurrency = '50', target = 'sdk'] = process.argv.slice(2);
  const result = await benchEcho({
    durationMs: Number(durationMs),
    concurrency: Number(concurrency),
    target: (['sdk', 'sdk-noreply', 'transport'].includes(target) ? target : 'sdk') as EchoTarget,
  });
  console.log(JSON.stringify({ target, durationMs: Number(durationMs), concurrency: Number(concurrency), ...result }));
}
