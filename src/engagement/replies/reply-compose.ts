import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Channel } from '../../channels/channel-repository.js';
import type { User } from '../../platform/auth/users-repository.js';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { CheckReport } from '../../guidance/check-report.js';
import type { GuidancePolicy } from '../../guidance/policy.js';
import { findReview, reviewHistory } from '../../guidance/review/review-store.js';
import { checkAndRoute, routeMessage } from '../../guidance/review/route-draft.js';
import { reviewHistoryLines, riskTag, riskTags } from '../../guidance/review/review-views.js';
import type { FormErrors } from '../../platform/http/form-errors.js';
import { formBody, formWithErrors, textField } from '../../platform/http/forms.js';
import { replyLanguages } from './reply-input.js';
import type { Reply } from './reply-repository.js';
import { draftCaseReply, draftChannelPost, editAndSubmitReply, editReply, submitReply, type Author } from './replies.js';
import { countLine, savedRepliesFor } from './reply-views.js';
import type { PlaceholderValues } from './saved-replies.js';

/** The compose page's template. */
export const composeTemplate = 'engagement/replies/views/reply-compose.njk';

/** What a compose page is about: a case (a reply) or a channel (a new post). */
export interface ComposeTarget {
  kind: 'case' | 'channel';
  id: string;
  channel: Channel;
  placeholders: PlaceholderValues;
  /** The author's own draft being continued, if any. */
  draft: Reply | undefined;
  /** The mention a reply answers (its language matters to the check); null for a new post. */
  mentionId: string | null;
  /** The guidance policy drafts are checked and routed by. */
  policy: GuidancePolicy;
  page: Record<string, unknown>;
}

/** The compose form's values. */
export interface ComposeValues {
  text: string;
  language: string;
  essential: boolean;
}

/** The signed-in person as the author of a reply. */
export function authorOf(request: FastifyRequest): { author: Author; user: User } {
  const { user } = request;
  if (!user) throw new AppError('unauthenticated');
  return { author: { type: 'user', id: user.id, label: user.email }, user };
}

/** The form's values for a draft being continued, or an empty form. */
export function draftValues(draft: Reply | undefined): ComposeValues {
  return draft ? { text: draft.text, language: draft.language, essential: draft.essentialService } : { text: '', language: 'en', essential: false };
}

const messages = {
  publish: routeMessage({ route: 'publish', alsoPressOffice: false }), teamReview: routeMessage({ route: 'team-review', alsoPressOffice: false }),
  headOfDigital: routeMessage({ route: 'head-of-digital', alsoPressOffice: false }), pressOffice: routeMessage({ route: 'head-of-digital', alsoPressOffice: true }),
  blocked: routeMessage({ route: 'blocked', alsoPressOffice: false }),
};

/** What the compose page says of the text: the check's findings and where the draft would go, for this author. */
async function composeGuidance(db: Kysely<Database>, user: User, target: ComposeTarget, values: ComposeValues) {
  const routed = await checkAndRoute(db, { text: values.text, authorId: user.id, channel: target.channel, mentionId: target.mentionId, essentialService: values.essential }, target.policy, new Date());
  return {
    findings: values.text.trim() === '' ? [] : routed.report.findings.map((finding) => ({ ...finding, tagClass: riskTag(finding.severity) })), routeMessage: routeMessage(routed.report), reason: routed.report.reason, risk: routed.report.risk,
    context: { platform: routed.context.platform, maxCharacters: routed.context.maxCharacters ?? '', inReplyToLang: routed.context.inReplyToLang ?? '' }, messages, severityTags: JSON.stringify(riskTags),
  };
}

/** The data of a compose page with these values in its form, with the guidance check of the text and where it would go. */
export async function composeData(db: Kysely<Database>, user: User, target: ComposeTarget, values: ComposeValues, checked = false): Promise<Record<string, unknown>> {
  const guidance = await composeGuidance(db, user, target, values);
  const review = target.draft ? await findReview(db, target.draft.id) : undefined;
  const history = target.draft ? await reviewHistory(db, target.draft.id) : [];
  const changesRequested = review?.status === 'changes-requested' && target.draft?.state === 'draft' ? review.comment : undefined;
  return {
    ...target.page, channel: target.channel, values, count: countLine(target.channel, values.text), draft: target.draft,
    savedReplies: await savedRepliesFor(db, user, target.placeholders), languages: replyLanguages, guidance, checked,
    changesRequested,
    // The latest request for changes is shown above the form; the history lists the decisions before it.
    history: reviewHistoryLines(changesRequested === undefined ? history : history.slice(0, -1)),
    ...(checked && guidance.findings.length > 0 ? { errors: findingErrors(guidance.findings) } : {}),
  };
}

/** The findings of a check as the GOV.UK error summary lists them (every one, each linking to the text) and a message on the text box. */
export function findingErrors(findings: readonly CheckReport['findings'][number][]): FormErrors {
  const summary = findings.map((f) => ({ text: `${severityWords[f.severity]}: ${f.message}${f.suggestion === null ? '' : ` ${f.suggestion}`}`, href: '#text' }));
  const count = findings.length === 1 ? 'one thing' : `${findings.length} things`;
  return { summary, fields: { text: { text: `The guidance check found ${count} to look at: see the list at the top of the page` } } };
}

const severityWords = { low: 'Low risk', medium: 'Medium risk', high: 'High risk', blocked: 'Blocks submitting' } as const;

function formValues(body: Record<string, unknown>): ComposeValues {
  const language = textField(body.language);
  return { text: textField(body.text), language: language === '' ? 'en' : language, essential: textField(body.essentialServiceInformation) === 'yes' };
}

/** Where a saved or submitted reply ended up, for the page's banner: a draft (taken out of review, if it was in it), in review, or queued. */
export type ComposeOutcome = 'saved' | 'withdrawn' | 'review' | 'submitted';

/** The outcome of a compose action, told by the reply's state before and after it, not by the button pressed. */
export function composeOutcome(before: Pick<Reply, 'state'> | undefined, after: Pick<Reply, 'state'>): ComposeOutcome {
  if (after.state === 'in_review') return 'review';
  if (after.state === 'submitted') return 'submitted';
  return before?.state === 'in_review' || before?.state === 'submitted' ? 'withdrawn' : 'saved';
}

/**
 * Handles the compose form: insert a saved reply (no change stored), save the draft, or with "Submit" save and submit
 * it. Only "Submit" routes a reply: saving one that waits for review takes it out of review as a draft again.
 * Validation problems, and a refusal because someone else's reply is on its way, come back on the form.
 */
export async function handleCompose(db: Kysely<Database>, request: FastifyRequest, reply: FastifyReply, target: ComposeTarget, done: (saved: Reply, outcome: ComposeOutcome) => string): Promise<string> {
  const { author, user } = authorOf(request);
  const body = formBody(request.body);
  const values = formValues(body);
  const action = textField(body.action);
  if (action === 'insert') {
    const saved = (await savedRepliesFor(db, user, target.placeholders)).find((s) => s.id === textField(body.savedReplyId));
    if (!saved) return formWithErrors(reply, composeTemplate, [{ path: 'savedReplyId', message: 'Choose a saved reply to insert' }], await composeData(db, user, target, values));
    const text = values.text.trim() === '' ? saved.text : `${values.text.trimEnd()}\n\n${saved.text}`;
    return reply.page(composeTemplate, await composeData(db, user, target, { text, language: saved.language, essential: values.essential }));
  }
  if (action === 'check') return reply.page(composeTemplate, await composeData(db, user, target, values, true));
  const submit = action === 'submit';
  try {
    const input = { text: values.text, language: values.language, essentialServiceInformation: values.essential };
    const options = { policy: target.policy };
    let result: Reply;
    if (target.draft) {
      result = submit ? await editAndSubmitReply(db, author, target.draft.id, input, options) : await editReply(db, author, target.draft.id, input, options);
    } else {
      const saved = target.kind === 'case' ? await draftCaseReply(db, author, target.id, input) : await draftChannelPost(db, author, target.id, input);
      result = submit ? await submitReply(db, author, saved.id, options) : saved;
    }
    return await reply.redirect(done(result, composeOutcome(target.draft, result)), 303);
  } catch (error) {
    if (!(error instanceof AppError) || !['validation_failed', 'conflict', 'forbidden'].includes(error.code)) throw error;
    const problems = error.problems.length > 0 ? error.problems : [{ path: 'text', message: error.message }];
    return await formWithErrors(reply, composeTemplate, problems, await composeData(db, user, target, values));
  }
}
