import cluster, { type Worker } from 'node:cluster';

/** A note sent between Parley's processes: only its topic, never data (nothing personal crosses a process). */
interface Note {
  parleyBroadcast: string;
}

const isNote = (message: unknown): message is Note =>
  typeof message === 'object' && message !== null && 'parleyBroadcast' in message && typeof message.parleyBroadcast === 'string';

const listeners = new Map<string, Set<() => void>>();
let wired = false;
// Where notes go beyond this server's processes (another server on the same PostgreSQL), set in the primary.
let outside: ((topic: string) => void) | undefined;

/** A note that stands for every topic: what was kept may be stale, whatever it was about. */
export const everyTopic = '*';

function hear(topic: string): void {
  const heard = topic === everyTopic ? [...listeners.values()] : [listeners.get(topic) ?? []];
  for (const set of heard) for (const listener of set) listener();
}

function toWorkers(topic: string, except?: Worker): void {
  for (const worker of Object.values(cluster.workers ?? {})) {
    if (worker && worker !== except && worker.isConnected()) worker.send({ parleyBroadcast: topic });
  }
}

/**
 * Wires this process into the relay: a web process hears the primary; the primary passes each note on to the others.
 * The primary calls it before forking; broadcasting or listening calls it too.
 */
export function relayBroadcasts(): void {
  if (wired) return;
  wired = true;
  if (cluster.isWorker) {
    process.on('message', (message: unknown) => {
      if (isNote(message)) hear(message.parleyBroadcast);
    });
  } else {
    cluster.on('message', (from: Worker, message: unknown) => {
      if (!isNote(message)) return;
      hear(message.parleyBroadcast);
      toWorkers(message.parleyBroadcast, from);
      outside?.(message.parleyBroadcast);
    });
  }
}

/** Calls `listener` whenever another of Parley's processes broadcasts the topic. Returns a function that stops it. */
export function onBroadcast(topic: string, listener: () => void): () => void {
  relayBroadcasts();
  const set = listeners.get(topic) ?? new Set();
  set.add(listener);
  listeners.set(topic, set);
  return () => set.delete(listener);
}

/** Tells Parley's other processes (web processes and their primary) about the topic; nothing happens in a lone process. */
export function broadcast(topic: string): void {
  relayBroadcasts();
  if (cluster.isWorker) {
    if (process.connected) process.send?.({ parleyBroadcast: topic });
  } else {
    toWorkers(topic);
    outside?.(topic);
  }
}

/**
 * Sends every note of this server (its own and its web processes') to `send` as well, for other servers; called in
 * the primary or a lone process. Returns a function that stops it.
 */
export function relayOutside(send: (topic: string) => void): () => void {
  relayBroadcasts();
  outside = send;
  return () => {
    if (outside === send) outside = undefined;
  };
}

/** A note from another server: heard here and passed on to this server's web processes. */
export function hearFromOutside(topic: string): void {
  relayBroadcasts();
  hear(topic);
  if (!cluster.isWorker) toWorkers(topic);
}

