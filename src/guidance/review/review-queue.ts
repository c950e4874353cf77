import type { Kysely } from 'kysely';
import { findChannel } from '../../channels/channel-repository.js';
import { listRepliesInState } from '../../engagement/replies/reply-repository.js';
import type { Database } from '../../platform/db/database.js';
import { isOverdue, reviewPowers, type ReviewPowers, type Reviewer } from './review-access.js';
import { listWaitingReviews, type Review } from './review-store.js';

/** A draft waiting for review, as the queue lists it. */
export interface QueueEntry {
  review: Review;
  caseId: string | null;
  channelId: string;
  channelName: string;
  channelTeamId: string | null;
  authorId: string;
  authorName: string;
  text: string;
  overdue: boolean;
  powers: ReviewPowers;
}

/** The owning team of each channel asked for, read once each. */
async function channelTeams(db: Kysely<Database>, channelIds: readonly string[]): Promise<Map<string, string | null>> {
  const distinct = [...new Set(channelIds)];
  const channels = await Promise.all(distinct.map((id) => findChannel(db, id)));
  return new Map(distinct.map((id, index) => [id, channels[index]?.teamId ?? null]));
}

/** Every draft waiting for review, oldest due first, with what this person may do with each. */
async function waitingReviews(db: Kysely<Database>, viewer: Reviewer, now: Date): Promise<QueueEntry[]> {
  const [reviews, inReview] = await Promise.all([listWaitingReviews(db), listRepliesInState(db, 'in_review')]);
  const replies = new Map(inReview.map((reply) => [reply.id, reply]));
  const teams = await channelTeams(db, inReview.map((reply) => reply.channelId));
  return reviews.flatMap((review) => {
    const reply = replies.get(review.replyId);
    if (!reply) return [];
    const channelTeamId = teams.get(reply.channelId) ?? null;
    const scope = { authorId: reply.authorId, level: review.level, channelTeamId, pressOfficeRole: review.pressOfficeRole, dueAt: review.dueAt, escalatedAt: review.escalatedAt };
    return [{
      review, caseId: reply.caseId, channelId: reply.channelId, channelName: reply.channelName ?? 'A deleted channel', channelTeamId, authorId: reply.authorId,
      authorName: reply.authorName ?? 'Someone', text: reply.text, overdue: isOverdue(review, now), powers: reviewPowers(viewer, scope, now),
    }];
  });
}

/**
 * The drafts waiting for this person, oldest due first. Overdue team reviews are listed for the head of digital
 * straight away, before the escalation job has run.
 */
export async function listReviewQueue(db: Kysely<Database>, viewer: Reviewer, now: Date = new Date()): Promise<QueueEntry[]> {
  return (await waitingReviews(db, viewer, now)).filter((entry) => entry.powers.listed);
}

/** How many drafts wait for this person: the number beside "Reviews" in the navigation. */
export async function countReviewQueue(db: Kysely<Database>, viewer: Reviewer, now: Date = new Date()): Promise<number> {
  return (await listReviewQueue(db, viewer, now)).length;
}
