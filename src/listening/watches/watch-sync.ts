import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { Matcher } from '../query/matcher.js';
import { watchChangesSince } from './watch-repository.js';

/** Keeps an in-memory matcher in step with the stored watches. */
export interface WatchSync {
  /** Applies every change since the last call; returns how many watches changed. */
  refresh(): Promise<number>;
  /** Refreshes every interval until stop() is called. */
  start(intervalMs?: number, onError?: (error: unknown) => void): void;
  stop(): void;
  /** The last revision applied. */
  readonly revision: number;
}

/**
 * Makes a sync for a matcher. Each refresh reads only the watches whose revision is newer than the last one applied,
 * so a change made in any process reaches this one's matcher within one interval (2 s by default), without
 * recompiling the other watches.
 */
export function createWatchSync(db: Kysely<Database>, matcher: Matcher): WatchSync {
  let revision = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function apply(): Promise<number> {
    const changes = await watchChangesSince(db, revision);
    for (const change of changes) {
      if (change.active) {
        try {
          matcher.set(change.id, change.query);
        } catch {
          matcher.remove(change.id);
        }
      } else {
        matcher.remove(change.id);
      }
      revision = change.revision;
    }
    return changes.length;
  }

  return {
    refresh() {
      running ??= apply().finally(() => { running = undefined; });
      return running;
    },
    start(intervalMs = 2000, onError = () => undefined) {
      timer ??= setInterval(() => { this.refresh().catch(onError); }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    get revision() {
      return revision;
    },
  };
}
