import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { getMention } from '../../listening/mentions/mention-read.js';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import { formBody, formWithErrors, textField } from '../../platform/http/forms.js';
import { approveReply, rejectReply, requestChanges, visibleReviewCase, type ReviewerActor } from './review-actions.js';
import { listReviewQueue } from './review-queue.js';
import { reviewHistory } from './review-store.js';
import { excerpt, levelText, markedText, numberedFindings, reviewHistoryLines, riskTag } from './review-views.js';
import { registerReviewApi } from './review-api.js';
import { reviewerOf } from './reviewer.js';

type WithId = { Params: { id: string } };
const decide = { access: { permission: 'reviews:decide' } } as const;
const reviewTemplate = 'guidance/review/views/review.njk';
const notices = { approved: 'Approved: the draft is queued for publishing.', 'changes-requested': 'Sent back to the author with your comment.', rejected: 'Rejected: the draft will not be published.' } as const;

async function reviewPage(db: Kysely<Database>, viewer: ReviewerActor, replyId: string): Promise<Record<string, unknown>> {
  const found = await visibleReviewCase(db, viewer, replyId);
  const { reply, review } = found;
  const mention = reply.mentionId === null ? undefined : await getMention(db, reply.mentionId);
  return {
    reply, review, overdue: found.overdue, powers: found.powers, waiting: review.status === 'waiting' && reply.state === 'in_review', ownDraft: reply.authorId === viewer.id,
    runs: markedText(review.reviewedText, review.findings), findings: numberedFindings(review.reviewedText, review.findings), riskTag: riskTag(review.risk),
    levelText: levelText(review.level, review.pressOfficeRole), mention, values: {}, history: reviewHistoryLines(await reviewHistory(db, replyId)),
  };
}

/** The review queue page, a review page with its three actions, and the reviews API. */
export function registerReviewRoutes(root: FastifyInstance, db: Kysely<Database>): void {
  root.get('/reviews', { config: decide }, async (request, reply) => {
    const entries = (await listReviewQueue(db, reviewerOf(request))).map((entry) => ({
      replyId: entry.review.replyId, dueAt: entry.review.dueAt, overdue: entry.overdue, escalated: entry.review.escalatedAt !== null, excerpt: excerpt(entry),
      authorName: entry.authorName, channelName: entry.channelName, risk: entry.review.risk, riskTag: riskTag(entry.review.risk), levelText: levelText(entry.review.level, entry.review.pressOfficeRole),
    }));
    const done = textField(formBody(request.query).done);
    const notice = done === 'approved' || done === 'changes-requested' || done === 'rejected' ? notices[done] : undefined;
    return reply.page('guidance/review/views/reviews.njk', { entries, notice });
  });

  root.get<WithId>('/reviews/:id', { config: decide }, async (request, reply) => reply.page(reviewTemplate, await reviewPage(db, reviewerOf(request), request.params.id)));

  const act = (path: string, done: keyof typeof notices, run: (viewer: ReviewerActor, id: string, body: Record<string, unknown>) => Promise<void>) => {
    root.post<WithId>(`/reviews/:id/${path}`, { config: decide }, async (request, reply: FastifyReply) => {
      const viewer = reviewerOf(request);
      const body = formBody(request.body);
      try {
        await run(viewer, request.params.id, body);
      } catch (error) {
        if (!(error instanceof AppError) || (error.code !== 'validation_failed' && error.code !== 'conflict')) throw error;
        // The page is shown again as it is now: after a conflict, the new version of the draft (or that it no longer waits).
        const page = await reviewPage(db, viewer, request.params.id);
        const values = { comment: textField(body.comment), reason: textField(body.reason) };
        if (error.code === 'validation_failed') return formWithErrors(reply, reviewTemplate, error.problems, { ...page, values });
        reply.code(409);
        return reply.page(reviewTemplate, { ...page, values, errors: { summary: [{ text: error.message, href: '#main-content' }], fields: {} } });
      }
      return reply.redirect(`/reviews?done=${done}`, 303);
    });
  };
  act('approve', 'approved', (viewer, id, body) => approveReply(db, viewer, id, { version: textField(body.version) }));
  act('request-changes', 'changes-requested', (viewer, id, body) => requestChanges(db, viewer, id, { version: textField(body.version), comment: textField(body.comment) }));
  act('reject', 'rejected', (viewer, id, body) => rejectReply(db, viewer, id, { version: textField(body.version), reason: textField(body.reason) }));

  registerReviewApi(root, db);
}
