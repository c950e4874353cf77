import type { Kysely } from 'kysely';
import { changeSignal } from '../../platform/cluster/change-signal.js';
import { keptPerViewer } from '../../platform/cluster/kept-until-change.js';
import type { Database } from '../../platform/db/database.js';
import type { Reviewer } from './review-access.js';
import { countReviewQueue } from './review-queue.js';

const reviewChanges = changeSignal('review-change');

/** Called wherever a review opens, is decided, withdrawn or escalated, so that kept counts are made again. */
export function noteReviewChange(): void {
  reviewChanges.note();
}

const kept = keptPerViewer((db: Kysely<Database>, viewer: { userId: string; teamId: string | null; reviewer: Reviewer }) => countReviewQueue(db, viewer.reviewer), reviewChanges);

/** The navigation's count of drafts waiting for the reviewer, reused for a few seconds unless a review changes. */
export function keptReviewCount(db: Kysely<Database>, reviewer: Reviewer, now?: number): Promise<number> {
  return kept(db, { userId: reviewer.id, teamId: reviewer.teamId, reviewer }, now);
}
