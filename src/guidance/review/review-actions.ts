import type { Kysely } from 'kysely';
import { z } from 'zod';
import { findChannel } from '../../channels/channel-repository.js';
import { findReply, type Reply } from '../../engagement/replies/reply-repository.js';
import { settleReviewedReply } from '../../engagement/replies/reply-submit.js';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { Database } from '../../platform/db/database.js';
import { toDbTime } from '../../platform/db/time.js';
import { AppError } from '../../platform/errors/app-error.js';
import { parseInput } from '../../platform/errors/validation.js';
import { isOverdue, reviewPowers, type ReviewPowers, type Reviewer } from './review-access.js';
import { decideReview, findReview, type Review } from './review-store.js';
import { noteReviewChange } from './review-count.js';

/** A reviewer acting: their account and how the audit log names them. */
export type ReviewerActor = Reviewer & { email: string };

/** A reply waiting for review, its review, and what this person may do with it. */
export interface ReviewCase {
  reply: Reply;
  review: Review;
  channelTeamId: string | null;
  overdue: boolean;
  powers: ReviewPowers;
}

/** A reply and its latest review, with this person's powers over it; not_found when it never went to review. */
export async function loadReviewCase(db: Kysely<Database>, viewer: Reviewer, replyId: string, now: Date = new Date()): Promise<ReviewCase> {
  const reply = await findReply(db, replyId);
  const review = reply && await findReview(db, replyId);
  if (!reply || !review) throw new AppError('not_found', 'There is no review of this reply');
  const channel = await findChannel(db, reply.channelId);
  const channelTeamId = channel?.teamId ?? null;
  const powers = reviewPowers(viewer, { authorId: reply.authorId, level: review.level, channelTeamId, pressOfficeRole: review.pressOfficeRole, dueAt: review.dueAt, escalatedAt: review.escalatedAt }, now);
  return { reply, review, channelTeamId, overdue: isOverdue(review, now), powers };
}

/** The review case, for a reviewer who may decide on it or for its author; forbidden to anyone else. */
export async function visibleReviewCase(db: Kysely<Database>, viewer: Reviewer, replyId: string): Promise<ReviewCase> {
  const found = await loadReviewCase(db, viewer, replyId);
  if (!found.powers.decide && found.reply.authorId !== viewer.id) throw new AppError('forbidden', 'This draft is for another reviewer');
  return found;
}

const version = z.string({ error: 'Say which version of the draft you reviewed' }).min(1, 'Say which version of the draft you reviewed');
const approveInput = z.object({ version });
const commentInput = z.object({ version, comment: z.string({ error: 'Say what needs to change' }).trim().min(1, 'Say what needs to change').max(2000, 'The comment must be 2,000 characters or fewer') });
const reasonInput = z.object({ version, reason: z.string({ error: 'Give the reason for rejecting it' }).trim().min(1, 'Give the reason for rejecting it').max(2000, 'The reason must be 2,000 characters or fewer') });

type Decision = 'approved' | 'changes-requested' | 'rejected';
const outcomes = { approved: 'submitted', 'changes-requested': 'draft', rejected: 'rejected' } as const;
const actions = { approved: 'reply.approved', 'changes-requested': 'reply.changes_requested', rejected: 'reply.rejected' } as const;

/** The refusal of a decision on words that are no longer the ones waiting for review. */
const draftChangedMessage = 'The draft changed after you opened it: review the new version before deciding';

/**
 * Decides on the version of a draft the reviewer saw. Everything is read again and checked inside the transaction
 * (the draft's words, the review's level, the reviewer's powers), and the review is only updated if it still holds
 * those words, so a decision never lands on words nobody reviewed.
 */
async function decide(db: Kysely<Database>, reviewer: ReviewerActor, replyId: string, decision: Decision, given: { version: string; comment: string | null }, now: Date): Promise<void> {
  const actor: Actor = { type: 'user', id: reviewer.id, label: reviewer.email };
  await db.transaction().execute(async (trx) => {
    const found = await loadReviewCase(trx, reviewer, replyId, now);
    if (found.reply.authorId === reviewer.id) throw new AppError('forbidden', 'You wrote this draft: someone else must review it');
    if (found.review.status !== 'waiting' || found.reply.state !== 'in_review') throw new AppError('conflict', 'This draft is no longer waiting for review');
    if (found.review.version !== given.version) throw new AppError('conflict', draftChangedMessage);
    const allowed = decision === 'approved' ? found.powers.approve : found.powers.decide;
    if (!allowed) {
      throw new AppError('forbidden', decision === 'approved' && found.powers.decide
        ? 'The press office can ask for changes or reject, but a reviewer must approve it'
        : 'This draft is for another reviewer');
    }
    const decided = await decideReview(trx, found.review, { status: decision, by: reviewer.id, comment: given.comment, language: found.reply.language, now });
    if (!decided) throw new AppError('conflict', 'Someone else decided on this draft first, or it changed: reload the page to see where it is');
    if (!await settleReviewedReply(trx, replyId, outcomes[decision], now)) throw new AppError('conflict', 'Someone else decided on this draft first');
    const { comment } = given;
    await recordAudit(trx, actor, {
      action: actions[decision], subjectType: 'reply', subjectId: replyId,
      details: {
        case: found.reply.caseId, channel: found.reply.channelId, risk: found.review.risk, level: found.review.level, overdue: found.overdue, version: found.review.version,
        ...(comment === null ? {} : { commentLength: comment.length }),
      },
    }, now);
  });
  noteReviewChange();
}

/** Approves the version of a draft the reviewer saw (`{ version }`): it goes to the publish queue. Audited. */
export async function approveReply(db: Kysely<Database>, reviewer: ReviewerActor, replyId: string, input: unknown, now: Date = new Date()): Promise<void> {
  const { version: seen } = parseInput(approveInput, input);
  await decide(db, reviewer, replyId, 'approved', { version: seen, comment: null }, now);
}

/** Sends the version of a draft the reviewer saw back to its author with a comment (required): it becomes a draft again. Audited. */
export async function requestChanges(db: Kysely<Database>, reviewer: ReviewerActor, replyId: string, input: unknown, now: Date = new Date()): Promise<void> {
  const { version: seen, comment } = parseInput(commentInput, input);
  await decide(db, reviewer, replyId, 'changes-requested', { version: seen, comment }, now);
}

/** Rejects the version of a draft the reviewer saw with a reason (required): it is closed and never published. Audited. */
export async function rejectReply(db: Kysely<Database>, reviewer: ReviewerActor, replyId: string, input: unknown, now: Date = new Date()): Promise<void> {
  const { version: seen, reason } = parseInput(reasonInput, input);
  await decide(db, reviewer, replyId, 'rejected', { version: seen, comment: reason }, now);
}

const escalator: Actor = { type: 'system', label: 'review escalation' };

/**
 * Sends overdue team reviews to the next reviewer up, the head of digital: each is marked escalated once, audited in
 * the same transaction. Safe to run from several processes at once. Returns how many it escalated.
 */
export async function escalateOverdueReviews(db: Kysely<Database>, now: Date = new Date()): Promise<number> {
  const at = toDbTime(now);
  const due = await db.selectFrom('reply_reviews').select(['reply_id', 'due_at']).where('status', '=', 'waiting').where('level', '=', 'team')
    .where('escalated_at', 'is', null).where('due_at', '<', at).execute();
  let escalated = 0;
  for (const row of due) {
    await db.transaction().execute(async (trx) => {
      const marked = await trx.updateTable('reply_reviews').set({ escalated_at: at, updated_at: at })
        .where('reply_id', '=', row.reply_id).where('status', '=', 'waiting').where('escalated_at', 'is', null).executeTakeFirst();
      if (marked.numUpdatedRows === 0n) return;
      escalated++;
      await recordAudit(trx, escalator, { action: 'review.escalated', subjectType: 'reply', subjectId: row.reply_id, details: { from: 'team', to: 'head-of-digital', due: row.due_at } }, now);
    });
  }
  if (escalated > 0) noteReviewChange();
  return escalated;
}
