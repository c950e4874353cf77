import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.js';
import { dialectOf, type Database } from '../../platform/db/database.js';
import { toDbTime } from '../../platform/db/time.js';
import type { PlatformPostRef } from '../publishing/index.js';
import { markCaseAnswered } from '../cases/case-replies.js';
import { noteCaseChange } from '../cases/inbox-counts.js';
import type { ReplyState } from './tables.js';

/** The queue's hold on one reply: only the holder's writes land. */
export interface Lease {
  replyId: string;
  owner: string;
}

/**
 * Takes a lease on up to `limit` replies that are due (queued, or caught mid-send by a worker that died) on channels
 * that are on and whose credentials are not refused, and returns their ids. On PostgreSQL, rows another worker is
 * claiming at the same moment are skipped (FOR UPDATE SKIP LOCKED).
 */
export async function claimDueReplies(db: Kysely<Database>, owner: string, now: Date, leaseMs: number, limit: number): Promise<string[]> {
  const nowIso = toDbTime(now);
  let due = db.selectFrom('replies').select('replies.id')
    .where('replies.state', 'in', ['submitted', 'publishing'])
    .where('replies.next_attempt_at', '<=', nowIso)
    .where((eb) => eb.or([eb('replies.lease_owner', 'is', null), eb('replies.lease_expires_at', '<', nowIso)]))
    .where((eb) => eb.exists(eb.selectFrom('channels').select('channels.id').whereRef('channels.id', '=', 'replies.channel_id')
      .where('channels.status', '=', 'active').where('channels.credentials_problem', 'is', null)))
    .orderBy('replies.next_attempt_at')
    .limit(limit);
  if (dialectOf(db) === 'postgres') due = due.forUpdate().skipLocked();
  const rows = await db.updateTable('replies')
    .set({ lease_owner: owner, lease_expires_at: toDbTime(new Date(now.getTime() + leaseMs)) })
    .where('id', 'in', due)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/** Keeps the post a reply answers once it is known, so every attempt sends the same request. */
export async function storeReplyTarget(db: Kysely<Database>, lease: Lease, ref: PlatformPostRef): Promise<void> {
  await db.updateTable('replies').set({ in_reply_to: JSON.stringify(ref) }).where('id', '=', lease.replyId).where('lease_owner', '=', lease.owner).execute();
}

/**
 * Records, before anything is sent, that an attempt is being made: from here on the reply may be public, so whoever
 * takes it next asks the platform before sending again. False when the lease was lost (then send nothing).
 */
export async function markPublishing(db: Kysely<Database>, lease: Lease, now: Date): Promise<boolean> {
  const result = await db.updateTable('replies')
    .set((eb) => ({ state: 'publishing', attempts: eb('attempts', '+', 1), last_error: null, updated_at: toDbTime(now) }))
    .where('id', '=', lease.replyId).where('lease_owner', '=', lease.owner).where('state', 'in', ['submitted', 'publishing'])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records a published reply, audited, and answers its case, in one transaction. */
export async function recordPublished(
  db: Kysely<Database>, actor: Actor, lease: Lease, published: { url: string; platformId: string; publishedAt: string; caseId: string | null }, now: Date,
): Promise<void> {
  const answered = await db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('replies').set({
      state: 'published', url: published.url, platform_id: published.platformId, published_at: published.publishedAt, next_attempt_at: null, last_error: null,
      lease_owner: null, lease_expires_at: null, updated_at: toDbTime(now),
    }).where('id', '=', lease.replyId).where('lease_owner', '=', lease.owner).executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    await recordAudit(trx, actor, { action: 'reply.published', subjectType: 'reply', subjectId: lease.replyId, details: { url: published.url, platformId: published.platformId, case: published.caseId } });
    if (published.caseId === null) return false;
    await markCaseAnswered(trx, actor, published.caseId, new Date(published.publishedAt), lease.replyId);
    return true;
  });
  if (answered) noteCaseChange();
}

/** Puts a reply back in the queue for later, with what held it up; `state` says whether an attempt may have gone out. */
export async function recordDelay(db: Kysely<Database>, lease: Lease, state: ReplyState, message: string, nextAttemptAt: Date, now: Date): Promise<void> {
  await db.updateTable('replies').set({
    state, last_error: message.slice(0, 1000), next_attempt_at: toDbTime(nextAttemptAt), lease_owner: null, lease_expires_at: null, updated_at: toDbTime(now),
  }).where('id', '=', lease.replyId).where('lease_owner', '=', lease.owner).execute();
}

/** Records that the platform refused a reply for good, with its words, audited. */
export async function recordFailure(db: Kysely<Database>, actor: Actor, lease: Lease, message: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('replies').set({
      state: 'failed', last_error: message.slice(0, 1000), next_attempt_at: null, lease_owner: null, lease_expires_at: null, updated_at: toDbTime(now),
    }).where('id', '=', lease.replyId).where('lease_owner', '=', lease.owner).executeTakeFirst();
    if (result.numUpdatedRows > 0n) await recordAudit(trx, actor, { action: 'reply.failed', subjectType: 'reply', subjectId: lease.replyId, details: { message: message.slice(0, 1000) } });
  });
}

/** Gives a lease back without changing anything else. */
export async function releaseReply(db: Kysely<Database>, lease: Lease): Promise<void> {
  await db.updateTable('replies').set({ lease_owner: null, lease_expires_at: null }).where('id', '=', lease.replyId).where('lease_owner', '=', lease.owner).execute();
}
