import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { publisherWithStoredSession } from '../../channels/channel-publisher.js';
import { channelSessionStore } from '../../channels/channel-session.js';
import type { Channel } from '../../channels/channel-repository.js';
import type { Database } from '../../platform/db/database.js';
import type { CredentialCipher } from '../../platform/secrets/encryption.js';
import type { Publisher } from '../publishing/index.js';
import { attemptReply, type AttemptDeps } from './publish-attempt.js';
import { claimDueReplies } from './publish-queue-store.js';

/** How a publish queue runs. */
export interface PublishQueueOptions {
  db: Kysely<Database>;
  cipher: CredentialCipher;
  logger: Logger;
  /** This worker's name in leases: unique per process. */
  owner: string;
  /** How long a claimed reply is this worker's; a worker that dies mid-send loses it after this. Default 5 minutes. */
  leaseMs?: number;
  /** How often the queue looks for due replies. Default 2 s. */
  tickMs?: number;
  /** How many replies one look takes. Default 10. */
  batch?: number;
  now?: () => Date;
  publisherFor?: AttemptDeps['publisherFor'];
  resolveTarget?: AttemptDeps['resolveTarget'];
}

/** The queue that publishes submitted replies. */
export interface PublishQueue {
  start(): void;
  /** Stops looking for replies and waits for the attempts in flight. */
  stop(): Promise<void>;
  /** Claims the replies due now and makes one attempt at each; returns how many. */
  runOnce(): Promise<number>;
}

/** Keeps one publisher per channel and its settings, so a Bluesky session is reused rather than signed in every time. */
function cachedPublishers(make: (channel: Channel, secret: string) => Publisher): (channel: Channel, secret: string) => Publisher {
  const cache = new Map<string, Publisher>();
  return (channel, secret) => {
    const key = `${channel.id}\u0000${channel.updatedAt}`;
    const known = cache.get(key);
    if (known) return known;
    for (const old of cache.keys()) if (old.startsWith(`${channel.id}\u0000`)) cache.delete(old);
    const made = make(channel, secret);
    cache.set(key, made);
    return made;
  };
}

/**
 * Publishes submitted replies: claims due ones under a lease (row locks on PostgreSQL, so several workers share the
 * queue and each reply is taken by one), and makes one attempt at each (see attemptReply).
 */
export function createPublishQueue(options: PublishQueueOptions): PublishQueue {
  const now = options.now ?? (() => new Date());
  const deps: AttemptDeps = {
    db: options.db, cipher: options.cipher, now,
    publisherFor: cachedPublishers(options.publisherFor
      ?? ((channel, secret) => publisherWithStoredSession({ platform: channel.platform, config: channel.config, secret }, channelSessionStore(options.db, options.cipher, channel.id, options.logger)))),
    ...(options.resolveTarget ? { resolveTarget: options.resolveTarget } : {}),
  };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  const runOnce = async (): Promise<number> => {
    const claimed = await claimDueReplies(options.db, options.owner, now(), options.leaseMs ?? 5 * 60_000, options.batch ?? 10);
    for (const replyId of claimed) {
      try {
        await attemptReply(deps, { replyId, owner: options.owner });
      } catch (error) {
        // The lease runs out and the reply is tried again; nothing about it is lost.
        options.logger.warn({ err: error, reply: replyId }, 'publishing a reply failed unexpectedly');
      }
    }
    return claimed.length;
  };

  const tick = (): void => {
    running = runOnce().catch((error: unknown) => {
      options.logger.warn({ err: error }, 'the publish queue could not claim replies');
      return 0;
    });
    void running.finally(() => {
      if (!stopped) timer = setTimeout(tick, options.tickMs ?? 2000);
    });
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    runOnce,
  };
}
