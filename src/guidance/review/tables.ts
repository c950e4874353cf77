import type { TrustLevel } from '../trust.js';

/** The trust level an admin gave a user; a user with no row has the policy's default. */
export interface UserTrustTable {
  user_id: string;
  trust_level: TrustLevel;
  updated_at: string;
}

/** What became of a review: still waiting, or a reviewer's decision, or withdrawn by an edit after approval. */
export type ReviewStatus = 'waiting' | 'approved' | 'changes-requested' | 'rejected' | 'withdrawn';

/** Who must review: a reviewer of the owning team, or the head of digital. */
export type ReviewLevel = 'team' | 'head-of-digital';

/** The latest review of a reply: why it was sent, to whom, by when, and what the reviewer decided. */
export interface ReplyReviewTable {
  reply_id: string;
  status: ReviewStatus;
  level: ReviewLevel;
  /** The role that sees it too (political findings, when the policy names a press office); null for none. */
  press_office_role: string | null;
  risk: string;
  /** JSON list of the check's findings on `reviewed_text`. */
  findings: string;
  /** The route's reason, in words for the author and the reviewer. */
  reason: string;
  /** The text the findings are about: a reviewer approves these words, not later ones. */
  reviewed_text: string;
  due_at: string;
  /** When an overdue team review went to the head of digital; null until then. */
  escalated_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  /** The reviewer's request for changes, or reason for rejecting. */
  comment: string | null;
  created_at: string;
  updated_at: string;
}

/** What a reviewer decided. */
export type ReviewDecision = 'approved' | 'changes-requested' | 'rejected';

/** One reviewer's decision on a reply, kept when the reply goes round again. */
export interface ReviewDecisionTable {
  id: string;
  reply_id: string;
  decision: ReviewDecision;
  decided_by: string | null;
  decided_at: string;
  comment: string | null;
  risk: string;
  /** The words decided on, and their language. */
  reviewed_text: string;
  language: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    user_trust: UserTrustTable;
    reply_reviews: ReplyReviewTable;
    review_decisions: ReviewDecisionTable;
  }
}
