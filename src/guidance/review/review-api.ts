import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { findReply } from '../../engagement/replies/reply-repository.js';
import type { Database } from '../../platform/db/database.js';
import { reportedFindingSchema } from '../check-report.js';
import { approveReply, rejectReply, requestChanges, visibleReviewCase } from './review-actions.js';
import { listReviewQueue } from './review-queue.js';
import { reviewerOf } from './reviewer.js';
import { reviewHistory, type Review } from './review-store.js';

const decide = { access: { permission: 'reviews:decide' } } as const;
const tags = ['guidance'];
const idParams = z.object({ id: z.string().min(1) });
const reviewSchema = z.object({
  replyId: z.string(), status: z.enum(['waiting', 'approved', 'changes-requested', 'rejected', 'withdrawn']), level: z.enum(['team', 'head-of-digital']),
  pressOfficeRole: z.string().nullable(), risk: z.enum(['none', 'low', 'medium', 'high', 'blocked']), reason: z.string(), text: z.string(),
  findings: z.array(reportedFindingSchema), dueAt: z.string(), overdue: z.boolean(), escalatedAt: z.string().nullable(), decidedAt: z.string().nullable(),
  comment: z.string().nullable(), caseId: z.string().nullable(), channelId: z.string(), authorId: z.string(), replyState: z.string(),
  mayApprove: z.boolean(), mayDecide: z.boolean(),
  version: z.string().describe('The version of the words under review: send it with a decision'),
});
const pastDecisionSchema = z.object({
  decision: z.enum(['approved', 'changes-requested', 'rejected']), deciderName: z.string().nullable(), decidedAt: z.string(), comment: z.string().nullable(), risk: z.string(),
  reviewedText: z.string().describe('The words decided on'), language: z.string().describe('Their language: en or cy'),
});
const version = z.string().min(1).describe('The `version` of the review you decided on, as read from it; a decision on an earlier version is refused (409) and the draft must be reviewed again');
const decided = z.object({ replyId: z.string(), replyState: z.string() });

function shown(review: Review, extra: { overdue: boolean; caseId: string | null; channelId: string; authorId: string; replyState: string; mayApprove: boolean; mayDecide: boolean }) {
  return {
    replyId: review.replyId, status: review.status, level: review.level, pressOfficeRole: review.pressOfficeRole, risk: review.risk, reason: review.reason, text: review.reviewedText,
    findings: review.findings, dueAt: review.dueAt, escalatedAt: review.escalatedAt, decidedAt: review.decidedAt, comment: review.comment, version: review.version, ...extra,
  };
}

/** The reviews API: the caller's queue, one review, and the three decisions. */
export function registerReviewApi(root: FastifyInstance, db: Kysely<Database>): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/reviews', { config: decide, schema: { tags, summary: 'Drafts waiting for your review, the one due first at the top', response: { 200: z.object({ reviews: z.array(reviewSchema) }) } } }, async (request) => ({
    reviews: (await listReviewQueue(db, reviewerOf(request))).map((entry) => shown(entry.review, {
      overdue: entry.overdue, caseId: entry.caseId, channelId: entry.channelId, authorId: entry.authorId, replyState: 'in_review', mayApprove: entry.powers.approve, mayDecide: entry.powers.decide,
    })),
  }));
  app.get('/api/v1/reviews/:id', { config: decide, schema: { tags, summary: 'The review of a reply: its findings, route reason, due time and decision', params: idParams, response: { 200: reviewSchema.extend({ history: z.array(pastDecisionSchema).describe('Decisions reviewers made on this reply before, oldest first') }) } } }, async (request) => {
    const viewer = reviewerOf(request);
    const found = await visibleReviewCase(db, viewer, request.params.id);
    const { reply } = found;
    const shownReview = shown(found.review, { overdue: found.overdue, caseId: reply.caseId, channelId: reply.channelId, authorId: reply.authorId, replyState: reply.state, mayApprove: found.powers.approve, mayDecide: found.powers.decide });
    return { ...shownReview, history: await reviewHistory(db, reply.id) };
  });
  const after = async (id: string) => ({ replyId: id, replyState: (await findReply(db, id))?.state ?? 'unknown' });
  app.post('/api/v1/reviews/:id/approve', { config: decide, schema: { tags, summary: 'Approve the version of a draft you reviewed: it is queued for publishing (409 if the draft changed since)', params: idParams, body: z.object({ version }), response: { 200: decided } } }, async (request) => {
    await approveReply(db, reviewerOf(request), request.params.id, request.body);
    return after(request.params.id);
  });
  app.post('/api/v1/reviews/:id/request-changes', { config: decide, schema: { tags, summary: 'Send the version of a draft you reviewed back to its author with a comment (409 if the draft changed since)', params: idParams, body: z.object({ version, comment: z.string() }), response: { 200: decided } } }, async (request) => {
    await requestChanges(db, reviewerOf(request), request.params.id, request.body);
    return after(request.params.id);
  });
  app.post('/api/v1/reviews/:id/reject', { config: decide, schema: { tags, summary: 'Reject the version of a draft you reviewed, with a reason: it will not be published (409 if the draft changed since)', params: idParams, body: z.object({ version, reason: z.string() }), response: { 200: decided } } }, async (request) => {
    await rejectReply(db, reviewerOf(request), request.params.id, request.body);
    return after(request.params.id);
  });
}
