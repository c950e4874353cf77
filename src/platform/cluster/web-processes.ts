import cluster from 'node:cluster';
import { relayBroadcasts } from './broadcast.js';

const firstRetryMs = 500;
const lastRetryMs = 30_000;
const stableMs = 60_000;

/** True in a process forked to serve the web (PARLEY_WEB_PROCESSES above 1). */
export function isWebProcess(): boolean {
  return cluster.isWorker;
}

/** The forked web processes, and how to stop them. */
export interface WebProcesses {
  /** Resolves with the port once every one of them listens; rejects if one stops before it ever listened. */
  listening: Promise<number>;
  /** Asks each to finish its requests and stop; resolves when all have exited. */
  stop(): Promise<void>;
}

/**
 * Forks `count` processes that run the same command as this one (cluster workers share its port), relays broadcasts
 * among them, and once all have started, replaces one that dies unasked (after a growing pause when replacements keep
 * dying young), so that a crash costs one process, not the service.
 */
export function forkWebProcesses(count: number, onUnaskedExit: (pid: number | undefined, code: number | null) => void): WebProcesses {
  relayBroadcasts();
  let stopping = false;
  let started = false;
  let retryMs = firstRetryMs;
  const forkedAt = new Map<number, number>();
  const fork = () => {
    if (!stopping) forkedAt.set(cluster.fork().id, Date.now());
  };
  const listeningOnce = new Set<number>();
  let allListening: (port: number) => void = () => undefined;
  let failed: (error: Error) => void = () => undefined;
  const listening = new Promise<number>((resolve, reject) => {
    allListening = resolve;
    failed = reject;
  });
  cluster.on('listening', (worker, address) => {
    listeningOnce.add(worker.id);
    if (listeningOnce.size >= count) {
      started = true;
      allListening(address.port);
    }
  });
  // Ctrl-C reaches every process of the group: web processes that stop then are not replaced.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true;
    });
  }
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    onUnaskedExit(worker.process.pid, code);
    if (!started && !listeningOnce.has(worker.id)) {
      failed(new Error(`a web process stopped before it listened (exit code ${String(code)})`));
      return;
    }
    // One that dies soon after it started waits longer each time, so a fault on every start is not a tight loop.
    const lived = Date.now() - (forkedAt.get(worker.id) ?? 0);
    forkedAt.delete(worker.id);
    retryMs = lived > stableMs ? firstRetryMs : Math.min(retryMs * 2, lastRetryMs);
    setTimeout(fork, lived > stableMs ? 0 : retryMs).unref();
  });
  for (let i = 0; i < count; i += 1) fork();
  return {
    listening,
    stop: async () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
      await Promise.all(workers.map((worker) => new Promise<void>((resolve) => {
        if (worker.isDead()) {
          resolve();
          return;
        }
        worker.once('exit', () => resolve());
        worker.disconnect();
      })));
    },
  };
}
