import type { Kysely } from 'kysely';
import type { Channel } from '../../channels/channel-repository.js';
import { defaultPolicy, type GuidancePolicy } from '../../guidance/policy.js';
import { openReview, withdrawReview } from '../../guidance/review/review-store.js';
import { checkAndRoute, type RoutedDraft } from '../../guidance/review/route-draft.js';
import type { CheckReport } from '../../guidance/check-report.js';
import { recordAudit } from '../../platform/audit/audit-log.js';
import type { Database } from '../../platform/db/database.js';
import { toDbTime } from '../../platform/db/time.js';
import { AppError, validationFailed } from '../../platform/errors/app-error.js';
import type { Reply } from './reply-repository.js';
import type { Author } from './replies.js';
import type { ReplyState } from './tables.js';
import { noteReviewChange } from '../../guidance/review/review-count.js';

/** How submitting is checked: the guidance policy and the time (tests set both). */
export interface SubmitOptions {
  policy?: GuidancePolicy;
  now?: Date;
}

/** Routing options; `editedFrom` records the change of words as an edit of a reply that was in that state. */
type RouteOptions = SubmitOptions & { editedFrom?: ReplyState };

/** The refusal of a blocked draft: each blocking finding as a problem with the text, for the error summary and the API. */
export function blockedRefusal(report: CheckReport): AppError {
  const blocking = report.findings.filter((finding) => finding.severity === 'blocked');
  return validationFailed(
    blocking.map((finding) => ({ path: 'text', message: finding.suggestion === null ? finding.message : `${finding.message} ${finding.suggestion}` })),
    'The draft cannot be submitted until the problems the guidance check found are fixed',
  );
}

/** The new words of a reply whose route is decided again. */
export interface ReplyWords {
  text: string;
  language: string;
  essentialService: boolean;
}

/**
 * Checks a reply's words against the guidance and moves it on, in one transaction with its audit events: straight
 * to the publish queue, or to review (with the findings, the level, the press office when needed, and the due time).
 * A blocked draft is refused and nothing changes. `from` are the states it may move from; an earlier review or
 * approval of other words is withdrawn.
 */
export async function routeReply(db: Kysely<Database>, author: Author, reply: Reply, channel: Channel, words: ReplyWords, from: readonly ReplyState[], options: RouteOptions = {}): Promise<RoutedDraft> {
  const policy = options.policy ?? defaultPolicy;
  const now = options.now ?? new Date();
  const routed = await checkAndRoute(db, { text: words.text, authorId: reply.authorId, channel, mentionId: reply.mentionId, essentialService: words.essentialService }, policy, now);
  const { report } = routed;
  if (report.route === 'blocked') throw blockedRefusal(report);
  const to = report.route === 'publish' ? 'submitted' : 'in_review';
  await db.transaction().execute(async (trx) => {
    const at = toDbTime(now);
    const moved = await trx.updateTable('replies')
      .set({
        text: words.text, language: words.language, essential_service: words.essentialService ? 1 : 0, state: to, last_error: null, updated_at: at,
        submitted_at: at, next_attempt_at: to === 'submitted' ? at : null,
      })
      .where('id', '=', reply.id).where('state', 'in', [...from])
      .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', at)]))
      .executeTakeFirst();
    if (moved.numUpdatedRows === 0n) throw new AppError('conflict', 'The reply changed while you were working on it: reload the page to see where it is');
    if (options.editedFrom !== undefined) {
      await recordAudit(trx, author, { action: 'reply.edited', subjectType: 'reply', subjectId: reply.id, details: { from: options.editedFrom, language: words.language } }, now);
    }
    const withdrawn = await withdrawReview(trx, reply.id, now);
    if (withdrawn !== undefined) {
      await recordAudit(trx, author, { action: withdrawn === 'approved' ? 'review.approval_withdrawn' : 'review.withdrawn', subjectType: 'reply', subjectId: reply.id, details: { reason: 'edited' } }, now);
    }
    if (to === 'in_review') await openReview(trx, { replyId: reply.id, text: words.text, report, pressOfficeRole: policy.routing.pressOfficeRole, dueAt: routed.dueAt, now });
    await recordAudit(trx, author, {
      action: to === 'submitted' ? 'reply.submitted' : 'reply.sent_for_review', subjectType: 'reply', subjectId: reply.id,
      details: {
        case: reply.caseId, channel: reply.channelId, risk: report.risk, route: report.route, trust: routed.trust, findings: report.findings.map((f) => f.rule),
        ...(to === 'in_review' ? { due: toDbTime(routed.dueAt), pressOffice: report.alsoPressOffice } : {}),
      },
    }, now);
  });
  noteReviewChange();
  return routed;
}

/** Moves a reply a reviewer decided on out of review: to the publish queue, back to its author as a draft, or closed. */
export async function settleReviewedReply(trx: Kysely<Database>, replyId: string, to: 'submitted' | 'draft' | 'rejected', now: Date): Promise<boolean> {
  const at = toDbTime(now);
  const result = await trx.updateTable('replies')
    .set({ state: to, updated_at: at, next_attempt_at: to === 'submitted' ? at : null, ...(to === 'submitted' ? { submitted_at: at } : {}) })
    .where('id', '=', replyId).where('state', '=', 'in_review').executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
