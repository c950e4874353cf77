import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { findChannel, type Channel } from '../../channels/channel-repository.js';
import { withdrawReview } from '../../guidance/review/review-store.js';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { Database } from '../../platform/db/database.js';
import { nowDbTime, toDbTime } from '../../platform/db/time.js';
import { AppError, validationFailed } from '../../platform/errors/app-error.js';
import { parseInput } from '../../platform/errors/validation.js';
import { latestCaseMention } from '../cases/case-replies.js';
import { findCase } from '../cases/case-repository.js';
import { replyInput, type ReplyInput } from './reply-input.js';
import { lengthReport } from './reply-limits.js';
import { findPendingReply, findReply, type Reply } from './reply-repository.js';
import { routeReply, type SubmitOptions } from './reply-submit.js';
import { noteReviewChange } from '../../guidance/review/review-count.js';

/** A person acting: replies are always someone's. */
export type Author = Actor & { type: 'user' };

const stateWords = {
  draft: 'a draft', in_review: 'waiting for review', submitted: 'queued for publishing', publishing: 'being published', published: 'published', failed: 'failed',
  rejected: 'rejected by a reviewer',
} as const;

function checkLength(channel: Channel, data: ReplyInput): void {
  const problem = data.text.trim() === '' ? 'Enter the text to publish' : lengthReport(channel, data.text).problem;
  if (problem !== undefined) throw validationFailed([{ path: 'text', message: problem }]);
}

async function requireChannel(db: Kysely<Database>, id: string | null): Promise<Channel> {
  const channel = id === null ? undefined : await findChannel(db, id);
  if (!channel) throw new AppError('conflict', 'No channel is switched on for this case’s platform: a head of digital must switch one on before it can be answered');
  return channel;
}

/** Refuses a second reply on a case while another is on its way, saying whose it is. */
async function refuseSecondReply(db: Kysely<Database>, author: Author, caseId: string): Promise<void> {
  const pending = await findPendingReply(db, caseId);
  if (!pending) return;
  const whose = pending.authorId === author.id ? 'You already have' : `${pending.authorName ?? 'Someone else'} already has`;
  throw new AppError('conflict', `${whose} a reply on this case (${stateWords[pending.state]}): only one reply can be on its way at a time`);
}

async function insertReply(db: Kysely<Database>, author: Author, values: { caseId: string | null; mentionId: string | null; channel: Channel; data: ReplyInput }): Promise<Reply> {
  const id = randomUUID();
  const now = nowDbTime();
  try {
    await db.transaction().execute(async (trx) => {
      if (values.caseId !== null) await refuseSecondReply(trx, author, values.caseId);
      await trx.insertInto('replies').values({
        id, case_id: values.caseId, mention_id: values.mentionId, channel_id: values.channel.id, author_id: author.id, text: values.data.text, language: values.data.language,
        in_reply_to: null, state: 'draft', essential_service: values.data.essentialServiceInformation ? 1 : 0, attempts: 0, next_attempt_at: null, last_error: null, platform_id: null, url: null, published_at: null,
        created_at: now, updated_at: now, submitted_at: null, lease_owner: null, lease_expires_at: null,
      }).execute();
      await recordAudit(trx, author, { action: 'reply.drafted', subjectType: 'reply', subjectId: id, details: { case: values.caseId, channel: values.channel.id, language: values.data.language } });
    });
  } catch (error) {
    // Two people drafting at the same moment: the unique index refused the second; say whose the first is.
    if (values.caseId !== null && !(error instanceof AppError)) await refuseSecondReply(db, author, values.caseId);
    throw error;
  }
  return requireReply(db, id);
}

/** One reply, or not_found. */
export async function requireReply(db: Kysely<Database>, id: string): Promise<Reply> {
  const reply = await findReply(db, id);
  if (!reply) throw new AppError('not_found', 'There is no such reply');
  return reply;
}

/**
 * Starts a reply on a case, audited: a draft on the case's channel, answering the citizen's latest mention. Refused
 * while another reply on the case is on its way, with whose it is.
 */
export async function draftCaseReply(db: Kysely<Database>, author: Author, caseId: string, input: unknown): Promise<Reply> {
  const found = await findCase(db, caseId);
  if (!found) throw new AppError('not_found', 'There is no such case');
  const data = parseInput(replyInput, input);
  const channel = await requireChannel(db, found.channelId);
  await refuseSecondReply(db, author, caseId);
  checkLength(channel, data);
  const mentionId = await latestCaseMention(db, caseId);
  if (mentionId === undefined) throw new AppError('conflict', 'The case’s mentions have been deleted: there is nothing left to reply to');
  return insertReply(db, author, { caseId, mentionId, channel, data });
}

/** Starts a new post on a channel (not a reply to anyone), audited. */
export async function draftChannelPost(db: Kysely<Database>, author: Author, channelId: string, input: unknown): Promise<Reply> {
  const channel = await findChannel(db, channelId);
  if (!channel) throw new AppError('not_found', 'There is no such channel');
  const data = parseInput(replyInput, input);
  checkLength(channel, data);
  return insertReply(db, author, { caseId: null, mentionId: null, channel, data });
}

function requireAuthor(reply: Reply, author: Author): void {
  if (reply.authorId !== author.id) throw new AppError('forbidden', `This is ${reply.authorName ?? 'someone else'}’s reply: only its author can change or submit it`);
}

/** True while the author may still change a reply: not yet sent to the platform, nor closed. */
export function isEditable(reply: Pick<Reply, 'state' | 'attempts'>): boolean {
  return reply.state === 'draft' || reply.state === 'failed' || reply.state === 'in_review' || (reply.state === 'submitted' && reply.attempts === 0);
}

/**
 * Changes a reply's text, language or essential-service flag, audited; it is never submitted here. A draft stays a
 * draft; a reply that failed, one waiting for review, and one approved and queued but not yet sent all become drafts
 * again: a waiting review or an approval is withdrawn (audited), and the author submits the new words when ready.
 */
export async function editReply(db: Kysely<Database>, author: Author, id: string, input: unknown, options: SubmitOptions = {}): Promise<Reply> {
  const reply = await requireReply(db, id);
  requireAuthor(reply, author);
  if (!isEditable(reply)) throw new AppError('conflict', `The reply is ${stateWords[reply.state]}: it can no longer be changed`);
  const data = parseInput(replyInput, input);
  const channel = await requireChannel(db, reply.channelId);
  checkLength(channel, data);
  if (reply.state === 'failed' && reply.caseId !== null) await refuseSecondReply(db, author, reply.caseId);
  const now = options.now ?? new Date();
  const at = toDbTime(now);
  await db.transaction().execute(async (trx) => {
    const moved = await trx.updateTable('replies')
      .set({ text: data.text, language: data.language, essential_service: data.essentialServiceInformation ? 1 : 0, state: 'draft', last_error: null, next_attempt_at: null, updated_at: at })
      .where('id', '=', id).where('state', '=', reply.state).where('attempts', '=', reply.attempts)
      .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', at)]))
      .executeTakeFirst();
    if (moved.numUpdatedRows === 0n) throw new AppError('conflict', 'The reply changed while you were working on it: reload the page to see where it is');
    await recordAudit(trx, author, { action: 'reply.edited', subjectType: 'reply', subjectId: id, details: { from: reply.state, language: data.language } }, now);
    const withdrawn = await withdrawReview(trx, id, now);
    if (withdrawn !== undefined) {
      await recordAudit(trx, author, { action: withdrawn === 'approved' ? 'review.approval_withdrawn' : 'review.withdrawn', subjectType: 'reply', subjectId: id, details: { reason: 'edited' } }, now);
    }
  });
  noteReviewChange();
  return requireReply(db, id);
}

/**
 * Changes a reply and submits the new words in one step (the compose page's "Submit"). A reply waiting for review, or
 * approved and not yet sent, is checked again at once in one transaction: its review or approval is withdrawn and the
 * new words take their own route, and a blocked change is refused with the reply left as it was. Any other editable
 * reply is saved as a draft and then submitted.
 */
export async function editAndSubmitReply(db: Kysely<Database>, author: Author, id: string, input: unknown, options: SubmitOptions = {}): Promise<Reply> {
  const reply = await requireReply(db, id);
  requireAuthor(reply, author);
  if (reply.state !== 'in_review' && reply.state !== 'submitted') {
    await editReply(db, author, id, input, options);
    return submitReply(db, author, id, options);
  }
  if (!isEditable(reply)) throw new AppError('conflict', `The reply is ${stateWords[reply.state]}: it can no longer be changed`);
  const data = parseInput(replyInput, input);
  const channel = await requireChannel(db, reply.channelId);
  checkLength(channel, data);
  const words = { text: data.text, language: data.language, essentialService: data.essentialServiceInformation };
  await routeReply(db, author, reply, channel, words, [reply.state], { ...options, editedFrom: reply.state });
  return requireReply(db, id);
}

/**
 * The one submit step: check → route → review → publish. The draft is checked against the guidance (and the channel's
 * limit, which may have changed) and, in one transaction with its audit events, queued for publishing or sent for
 * review with its findings; a blocked draft is refused with the findings as problems.
 */
export async function submitReply(db: Kysely<Database>, author: Author, id: string, options: SubmitOptions = {}): Promise<Reply> {
  const reply = await requireReply(db, id);
  requireAuthor(reply, author);
  if (reply.state !== 'draft') throw new AppError('conflict', `The reply is ${stateWords[reply.state]}: only a draft can be submitted`);
  const channel = await requireChannel(db, reply.channelId);
  const language = reply.language === 'cy' ? 'cy' : 'en';
  checkLength(channel, { text: reply.text, language, essentialServiceInformation: reply.essentialService });
  await routeReply(db, author, reply, channel, { text: reply.text, language, essentialService: reply.essentialService }, ['draft'], options);
  return requireReply(db, id);
}
