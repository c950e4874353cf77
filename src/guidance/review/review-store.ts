import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../platform/db/database.js';
import { toDbTime } from '../../platform/db/time.js';
import { reportedFindingSchema, type CheckReport } from '../check-report.js';
import type { ReplyReviewTable, ReviewDecision, ReviewLevel, ReviewStatus } from './tables.js';

/** A finding as stored with a review and shown to reviewers. */
export type ReviewFinding = CheckReport['findings'][number];

/** The latest review of a reply, as pages and the API see it. */
export interface Review {
  replyId: string;
  status: ReviewStatus;
  level: ReviewLevel;
  pressOfficeRole: string | null;
  risk: CheckReport['risk'];
  findings: ReviewFinding[];
  reason: string;
  reviewedText: string;
  dueAt: string;
  escalatedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  createdAt: string;
  /** Names the words under review: a decision must carry the version the reviewer saw. */
  version: string;
}

/**
 * The version of a review: a digest of when it was opened and the words it is about. Every resubmission opens the
 * review again, so a decision on an earlier version no longer matches.
 */
export function reviewVersion(review: { createdAt: string; reviewedText: string }): string {
  return createHash('sha256').update(`${review.createdAt}\n${review.reviewedText}`).digest('base64url').slice(0, 22);
}

const storedFindings = z.array(reportedFindingSchema);
const risks = z.enum(['none', 'low', 'medium', 'high', 'blocked']);

function parseFindings(json: string): ReviewFinding[] {
  try {
    const parsed = storedFindings.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** A stored review row read back. */
export function toReview(row: Selectable<ReplyReviewTable>): Review {
  const risk = risks.safeParse(row.risk);
  return {
    replyId: row.reply_id, status: row.status, level: row.level, pressOfficeRole: row.press_office_role, risk: risk.success ? risk.data : 'none',
    findings: parseFindings(row.findings), reason: row.reason, reviewedText: row.reviewed_text, dueAt: row.due_at, escalatedAt: row.escalated_at,
    decidedBy: row.decided_by, decidedAt: row.decided_at, comment: row.comment, createdAt: row.created_at,
    version: reviewVersion({ createdAt: row.created_at, reviewedText: row.reviewed_text }),
  };
}

/** Every review still waiting for a decision, the one due first at the top. */
export async function listWaitingReviews(db: Kysely<Database>): Promise<Review[]> {
  const rows = await db.selectFrom('reply_reviews').selectAll().where('status', '=', 'waiting').orderBy('due_at').orderBy('reply_id').execute();
  return rows.map(toReview);
}

/** A reply's latest review, if it ever had one. */
export async function findReview(db: Kysely<Database>, replyId: string): Promise<Review | undefined> {
  const row = await db.selectFrom('reply_reviews').selectAll().where('reply_id', '=', replyId).executeTakeFirst();
  return row && toReview(row);
}

/** The reviewers' comments on the given replies, by reply, for those whose review has one. */
export async function reviewComments(db: Kysely<Database>, replyIds: readonly string[]): Promise<Map<string, string>> {
  if (replyIds.length === 0) return new Map();
  const rows = await db.selectFrom('reply_reviews').select(['reply_id', 'comment']).where('reply_id', 'in', replyIds).where('comment', 'is not', null).execute();
  return new Map(rows.flatMap((row) => (row.comment === null ? [] : [[row.reply_id, row.comment] as const])));
}

/** What a new review is: the checked text, the check's report, and by when a reviewer must decide. */
export interface NewReview {
  replyId: string;
  text: string;
  report: CheckReport;
  pressOfficeRole: string | null;
  dueAt: Date;
  now: Date;
}

/** Opens a waiting review for a reply, replacing any earlier one (a resubmitted draft starts a new review). */
export async function openReview(trx: Kysely<Database>, review: NewReview): Promise<void> {
  const now = toDbTime(review.now);
  const values = {
    status: 'waiting' as const, level: review.report.route === 'head-of-digital' ? 'head-of-digital' as const : 'team' as const,
    press_office_role: review.report.alsoPressOffice ? review.pressOfficeRole : null, risk: review.report.risk, findings: JSON.stringify(review.report.findings),
    reason: review.report.reason, reviewed_text: review.text, due_at: toDbTime(review.dueAt), escalated_at: null, decided_by: null, decided_at: null, comment: null,
    created_at: now, updated_at: now,
  };
  await trx.insertInto('reply_reviews').values({ reply_id: review.replyId, ...values })
    .onConflict((oc) => oc.column('reply_id').doUpdateSet(values)).execute();
}

/**
 * Records a decision on a review, only while it still waits on the very words the reviewer saw (`review`, as read in
 * the same transaction), and keeps it in the reply's review history: false when it changed or someone else decided first.
 */
export async function decideReview(trx: Kysely<Database>, review: Pick<Review, 'replyId' | 'createdAt' | 'reviewedText' | 'level' | 'risk'>, decision: { status: ReviewDecision; by: string; comment: string | null; language: string; now: Date }): Promise<boolean> {
  const now = toDbTime(decision.now);
  const result = await trx.updateTable('reply_reviews')
    .set({ status: decision.status, decided_by: decision.by, decided_at: now, comment: decision.comment, updated_at: now })
    .where('reply_id', '=', review.replyId).where('status', '=', 'waiting')
    .where('created_at', '=', review.createdAt).where('reviewed_text', '=', review.reviewedText).where('level', '=', review.level)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  await trx.insertInto('review_decisions').values({
    id: randomUUID(), reply_id: review.replyId, decision: decision.status, decided_by: decision.by, decided_at: now, comment: decision.comment, risk: review.risk, reviewed_text: review.reviewedText, language: decision.language,
  }).execute();
  return true;
}

/** A decision in a reply's review history. */
export interface PastDecision {
  decision: ReviewDecision;
  deciderName: string | null;
  decidedAt: string;
  comment: string | null;
  risk: string;
  reviewedText: string;
  language: string;
}

/** Every decision reviewers made on a reply, oldest first. */
export async function reviewHistory(db: Kysely<Database>, replyId: string): Promise<PastDecision[]> {
  const rows = await db.selectFrom('review_decisions').leftJoin('users', 'users.id', 'review_decisions.decided_by')
    .select(['review_decisions.decision', 'users.name', 'review_decisions.decided_at', 'review_decisions.comment', 'review_decisions.risk', 'review_decisions.reviewed_text', 'review_decisions.language'])
    .where('review_decisions.reply_id', '=', replyId).orderBy('review_decisions.decided_at').orderBy('review_decisions.id').execute();
  return rows.map((row) => ({ decision: row.decision, deciderName: row.name, decidedAt: row.decided_at, comment: row.comment, risk: row.risk, reviewedText: row.reviewed_text, language: row.language }));
}

/** Withdraws a reply's waiting review or approval (its text changed); returns what was withdrawn, if anything. */
export async function withdrawReview(trx: Kysely<Database>, replyId: string, now: Date): Promise<'waiting' | 'approved' | undefined> {
  const current = await trx.selectFrom('reply_reviews').select('status').where('reply_id', '=', replyId).executeTakeFirst();
  if (current?.status !== 'waiting' && current?.status !== 'approved') return undefined;
  await trx.updateTable('reply_reviews').set({ status: 'withdrawn', updated_at: toDbTime(now) }).where('reply_id', '=', replyId).where('status', '=', current.status).execute();
  return current.status;
}
