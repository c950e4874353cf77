import type { Kysely } from 'kysely';
import type { Channel } from '../../channels/channel-repository.js';
import { findChannel } from '../../channels/channel-repository.js';
import { openChannelSecret, recordCredentialsProblem } from '../../channels/channels.js';
import type { Actor } from '../../platform/audit/audit-log.js';
import type { Database } from '../../platform/db/database.js';
import type { CredentialCipher } from '../../platform/secrets/encryption.js';
import type { PublishOutcome, PublishRequest, Publisher } from '../publishing/index.js';
import { markPublishing, recordDelay, recordFailure, recordPublished, releaseReply, storeReplyTarget, type Lease } from './publish-queue-store.js';
import { findReply, type Reply } from './reply-repository.js';
import { resolveReplyTarget, type ReplyTarget } from './reply-target.js';
import type { ReplyState } from './tables.js';

/** What one attempt needs. */
export interface AttemptDeps {
  db: Kysely<Database>;
  cipher: CredentialCipher;
  now: () => Date;
  /** The publisher for a channel with its opened secret. */
  publisherFor: (channel: Channel, secret: string) => Publisher;
  resolveTarget?: (db: Kysely<Database>, reply: Reply, channel: Channel, secret: string) => Promise<ReplyTarget>;
}

/** Who the queue acts as in the audit log. */
export const queueActor: Actor = { type: 'system', label: 'publish queue' };

const MIN_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;
/** Attempts after which a platform that keeps asking to wait is given up on (about seven hours of back-off). */
export const MAX_ATTEMPTS = 12;

/** How long to wait after the n-th attempt that must be retried: doubling from 30 s to an hour, never less than the platform asked. */
export function backoffMs(attempts: number, askedMs: number): number {
  return Math.max(askedMs, Math.min(MIN_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS));
}

/** The request sent for a reply: the same on every attempt (its id and creation time key it on the platform). */
export function requestOf(reply: Reply, inReplyTo: PublishRequest['inReplyTo']): PublishRequest {
  return { replyId: reply.id, createdAt: reply.createdAt, text: reply.text, language: reply.language, ...(inReplyTo === undefined ? {} : { inReplyTo }) };
}

/**
 * Settles an outcome: published (recorded, case answered), retry (back in the queue after a back-off, the wait shown
 * on the case), failed (the platform's words shown), or refused credentials (the channel stops publishing; the reply
 * waits where it was, not lost). `state` is where the reply stays when it is not settled for good.
 */
async function settle(deps: AttemptDeps, lease: Lease, reply: Reply, channel: Channel, outcome: PublishOutcome, state: ReplyState, attempts: number): Promise<void> {
  const now = deps.now();
  if (outcome.kind === 'published') {
    await recordPublished(deps.db, queueActor, lease, { url: outcome.url, platformId: outcome.platformId, publishedAt: outcome.publishedAt, caseId: reply.caseId }, now);
  } else if (outcome.kind === 'retry' && attempts >= MAX_ATTEMPTS) {
    await recordFailure(deps.db, queueActor, lease, `${outcome.message} Parley stopped trying after ${attempts} attempts: open the reply and submit it again once the platform is working.`, now);
  } else if (outcome.kind === 'retry') {
    await recordDelay(deps.db, lease, state, outcome.message, new Date(now.getTime() + backoffMs(attempts, outcome.afterMs)), now);
  } else if (outcome.credentialsProblem) {
    await recordCredentialsProblem(deps.db, queueActor, channel.id, outcome.message);
    await recordDelay(deps.db, lease, state, outcome.message, now, now);
  } else {
    await recordFailure(deps.db, queueActor, lease, outcome.message, now);
  }
}

/**
 * One attempt at one claimed reply. A reply found `publishing` was being sent when its last worker stopped or was
 * told to retry, so it may already be public: the platform is asked first (`findPublished`) and it is sent again
 * only when not found. Otherwise the attempt is recorded (`publishing`, one more attempt) before anything is sent.
 */
export async function attemptReply(deps: AttemptDeps, lease: Lease): Promise<void> {
  const reply = await findReply(deps.db, lease.replyId);
  const channel = reply && await findChannel(deps.db, reply.channelId);
  const secret = channel && await openChannelSecret(deps.db, deps.cipher, channel.id);
  if (!reply || !channel || channel.status !== 'active' || channel.credentialsProblem !== null) {
    await releaseReply(deps.db, lease);
    return;
  }
  // Caught mid-send, or tried before (a reply given up on and submitted again): it may already be public.
  const sentBefore = reply.state === 'publishing' || reply.attempts > 0;
  if (secret === undefined) {
    await settle(deps, lease, reply, channel, { kind: 'failed', message: 'The channel has no credentials.', credentialsProblem: true }, reply.state, reply.attempts);
    return;
  }
  const target = await (deps.resolveTarget ?? resolveReplyTarget)(deps.db, reply, channel, secret);
  if (!target.ok) {
    await settle(deps, lease, reply, channel, target.outcome, reply.state, reply.attempts + 1);
    return;
  }
  if (reply.inReplyTo === null && target.ref !== undefined) await storeReplyTarget(deps.db, lease, target.ref);
  const publisher = deps.publisherFor(channel, secret);
  const request = requestOf(reply, target.ref);
  if (sentBefore) {
    const earlier = await publisher.findPublished(request);
    if (earlier !== undefined) {
      await settle(deps, lease, reply, channel, earlier, 'publishing', reply.attempts);
      return;
    }
  }
  if (!(await markPublishing(deps.db, lease, deps.now()))) return;
  const outcome = await publisher.publish(request);
  // Refused credentials mean this attempt sent nothing: the reply waits as it was claimed.
  const waiting = outcome.kind === 'failed' && outcome.credentialsProblem ? reply.state : 'publishing';
  await settle(deps, lease, reply, channel, outcome, waiting, reply.attempts + 1);
}
