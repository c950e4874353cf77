import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { isOverdue, reviewPowers, type ReviewPowers, type Reviewer } from './review-access.js';
import { toReview, type Review } from './review-store.js';

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

/** Every draft waiting for review, oldest due first, with what this person may do with each. */
async function waitingReviews(db: Kysely<Database>, viewer: Reviewer, now: Date): Promise<QueueEntry[]> {
  const rows = await db.selectFrom('reply_reviews')
    .innerJoin('replies', 'replies.id', 'reply_reviews.reply_id')
    .innerJoin('channels', 'channels.id', 'replies.channel_id')
    .leftJoin('users', 'users.id', 'replies.author_id')
    .selectAll('reply_reviews')
    .select(['replies.case_id', 'replies.channel_id', 'replies.author_id', 'replies.text', 'channels.name as channel_name', 'channels.team_id as channel_team_id', 'users.name as author_name'])
    .where('reply_reviews.status', '=', 'waiting').where('replies.state', '=', 'in_review')
    .orderBy('reply_reviews.due_at').orderBy('reply_reviews.reply_id')
    .execute();
  return rows.map((row) => {
    const review = toReview(row);
    const scope = { authorId: row.author_id, level: review.level, channelTeamId: row.channel_team_id, pressOfficeRole: review.pressOfficeRole, dueAt: review.dueAt, escalatedAt: review.escalatedAt };
    return {
      review, caseId: row.case_id, channelId: row.channel_id, channelName: row.channel_name, channelTeamId: row.channel_team_id, authorId: row.author_id,
      authorName: row.author_name ?? 'Someone', text: row.text, overdue: isOverdue(review, now), powers: reviewPowers(viewer, scope, now),
    };
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
