import type { ChangeSignal } from './change-signal.js';

/** How long counts are reused: the tabs and navigation badges are never older than this. */
export const countsKeptMs = 5_000;
const mostKept = 2_000;

interface Kept<T> {
  value: Promise<T>;
  at: number;
  version: number;
}

/** Who a count is for: the key it is kept under. */
export interface CountedViewer {
  userId: string;
  teamId: string | null;
}

/** How a kept result is told apart and for how long it is good. */
export interface KeptOptions<A> {
  /** Changes noted here (or in another process) make every kept result stale. */
  signal: Pick<ChangeSignal, 'version'>;
  keptMs: number;
  /** The key a result is kept under, from what it was read for. */
  keyOf: (arg: A) => string;
}

/**
 * Keeps what `read` gives per database and key for `keptMs`, unless the signal reports a change meanwhile. Requests
 * that arrive together share one read; a read that fails is not kept; expired entries go once there are many.
 */
export function keptUntilChange<D extends object, A, T>(read: (db: D, arg: A) => Promise<T>, { signal, keptMs, keyOf }: KeptOptions<A>) {
  const stores = new WeakMap<D, Map<string, Kept<T>>>();
  return (db: D, arg: A, now = Date.now()): Promise<T> => {
    const version = signal.version();
    let store = stores.get(db);
    if (!store) stores.set(db, (store = new Map<string, Kept<T>>()));
    const key = keyOf(arg);
    const kept = store.get(key);
    if (kept && kept.version === version && now - kept.at < keptMs) return kept.value;
    if (store.size >= mostKept) for (const [old, entry] of store) if (now - entry.at >= keptMs) store.delete(old);
    const value = read(db, arg);
    const entry = { value, at: now, version };
    store.set(key, entry);
    value.catch(() => {
      if (store.get(key) === entry) store.delete(key);
    });
    return value;
  };
}

/** Keeps a count per database and viewer for `countsKeptMs`, unless the signal reports a change meanwhile. */
export function keptPerViewer<D extends object, V extends CountedViewer, T>(count: (db: D, viewer: V) => Promise<T>, signal: Pick<ChangeSignal, 'version'>) {
  return keptUntilChange(count, { signal, keptMs: countsKeptMs, keyOf: (viewer: V) => `${viewer.userId} ${viewer.teamId ?? ''}` });
}
