// An open-loop load generator: requests are sent at a steady rate, each at its scheduled moment whether or not the
// earlier ones have been answered, over a pool of keep-alive connections, and each latency runs from the moment the
// request was due to the end of its answer. A slow answer therefore counts for every request it held up (no
// coordinated omission), and the rate is the one asked for, not bursts: autocannon's rate limit lets each connection
// send as fast as it can until its quota for the second is used, and corrects latencies with an expected interval of
// 1 ms, so its percentiles at a set rate describe neither.
import { Agent, request } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** What one run measured. */
export interface OpenLoopResult {
  sent: number;
  answered: number;
  non2xx: number;
  errors: number;
  latenciesMs: number[];
  seconds: number;
  /**
   * How late the generator's own event loop ran (p99 and most, ms). It shares the machine with the server: when it is
   * late, requests go out late and answers are read late, and that lateness is in the latencies too.
   */
  generatorDelayMs: { p99: number; max: number };
}

/** One request to send: a path on the server and the cookie header to send with it. */
export interface PlannedRequest {
  path: string;
  cookie: string;
}

/** The value below which `share` of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Sends `rate` GET requests a second for `seconds` to `base`, each planned by `next`, and waits for every answer. */
export async function runOpenLoop(base: string, rate: number, seconds: number, next: () => PlannedRequest, timeoutMs = 10_000): Promise<OpenLoopResult> {
  const url = new URL(base);
  // FIFO hands requests to the idle connections in turn, so that they reach every web process (a process owns the
  // connections it accepted); LIFO, the default, would keep reusing the same few.
  const agent = new Agent({ keepAlive: true, maxSockets: 256, scheduling: 'fifo' });
  const result: OpenLoopResult = { sent: 0, answered: 0, non2xx: 0, errors: 0, latenciesMs: [], seconds, generatorDelayMs: { p99: 0, max: 0 } };
  const resolutionMs = 5;
  const loopDelay = monitorEventLoopDelay({ resolution: resolutionMs });
  loopDelay.enable();
  const total = Math.round(rate * seconds);
  const intervalMs = 1000 / rate;
  const start = performance.now();
  const pending = new Set<Promise<void>>();

  const send = (due: number) => {
    const planned = next();
    result.sent += 1;
    const done = new Promise<void>((resolve) => {
      const finish = (ok: boolean, status = 0) => {
        if (!ok) result.errors += 1;
        else {
          result.answered += 1;
          if (status < 200 || status > 299) result.non2xx += 1;
          result.latenciesMs.push(performance.now() - due);
        }
        resolve();
      };
      const req = request({ host: url.hostname, port: url.port, path: planned.path, method: 'GET', agent, headers: { cookie: planned.cookie }, timeout: timeoutMs }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => finish(true, res.statusCode ?? 0));
        res.on('error', () => finish(false));
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', () => finish(false));
      req.end();
    });
    pending.add(done);
    void done.then(() => pending.delete(done));
  };

  let sentSoFar = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sentSoFar < total && start + sentSoFar * intervalMs <= now) {
        send(start + sentSoFar * intervalMs);
        sentSoFar += 1;
      }
      if (sentSoFar >= total) {
        resolve();
        return;
      }
      setTimeout(tick, Math.max(0, start + sentSoFar * intervalMs - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  loopDelay.disable();
  // The histogram holds the whole sampling interval: an idle loop reads about `resolutionMs`.
  const asMs = (nanoseconds: number) => Math.max(0, Math.round((nanoseconds / 1e6 - resolutionMs) * 10) / 10);
  result.generatorDelayMs = { p99: asMs(loopDelay.percentile(99)), max: asMs(loopDelay.max) };
  agent.destroy();
  result.latenciesMs.sort((a, b) => a - b);
  return result;
}
