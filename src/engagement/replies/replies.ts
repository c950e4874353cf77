import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { findChannel, type Channel } from '../../channels/channel-repository.js';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { Database } from '../../platform/db/database.js';
import { nowDbTime } from '../../platform/db/time.js';
import { AppError, validationFailed } from '../../platform/errors/app-error.js';
import { parseInput } from '../../platform/errors/validation.js';
import { latestCaseMention } from '../cases/case-replies.js';
import { findCase } from '../cases/case-repository.js';
import { replyInput, type ReplyInput } from './reply-input.js';
import { lengthReport } from './reply-limits.js';
import { findPendingReply, findReply, type Reply } from './reply-repository.js';
import { languageNames } from './reply-input.js';

/** A person acting: replies are always someone's. */
export type Author = Actor & { type: 'user' };

const stateWords = { draft: 'a draft', submitted: 'queued for publishing', publishing: 'being published', published: 'published', failed: 'failed' } as const;

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
        in_reply_to: null, state: 'draft', attempts: 0, next_attempt_at: null, last_error: null, platform_id: null, url: null, published_at: null,
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

/** Changes a draft's text or language, audited. A reply that failed becomes a draft again, to be corrected and submitted anew. */
export async function editReply(db: Kysely<Database>, author: Author, id: string, input: unknown): Promise<Reply> {
  const reply = await requireReply(db, id);
  requireAuthor(reply, author);
  if (reply.state !== 'draft' && reply.state !== 'failed') throw new AppError('conflict', `The reply is ${stateWords[reply.state]}: it can no longer be changed`);
  const data = parseInput(replyInput, input);
  checkLength(await requireChannel(db, reply.channelId), data);
  if (reply.state === 'failed' && reply.caseId !== null) await refuseSecondReply(db, author, reply.caseId);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('replies').set({ text: data.text, language: data.language, state: 'draft', last_error: null, updated_at: nowDbTime() })
      .where('id', '=', id).where('state', 'in', ['draft', 'failed']).execute();
    await recordAudit(trx, author, { action: 'reply.edited', subjectType: 'reply', subjectId: id, details: { from: reply.state, language: data.language } });
  });
  return requireReply(db, id);
}

/**
 * The one submit step, audited: the draft is queued for publishing (the guidance check will later sit here, routing a
 * reply to review before it is queued). Its text is checked again against the channel's limit, which may have changed.
 */
export async function submitReply(db: Kysely<Database>, author: Author, id: string): Promise<Reply> {
  const reply = await requireReply(db, id);
  requireAuthor(reply, author);
  if (reply.state !== 'draft') throw new AppError('conflict', `The reply is ${stateWords[reply.state]}: only a draft can be submitted`);
  checkLength(await requireChannel(db, reply.channelId), { text: reply.text, language: reply.language === 'cy' ? 'cy' : 'en' });
  await db.transaction().execute(async (trx) => {
    const now = nowDbTime();
    const moved = await trx.updateTable('replies').set({ state: 'submitted', submitted_at: now, next_attempt_at: now, updated_at: now })
      .where('id', '=', id).where('state', '=', 'draft').executeTakeFirst();
    if (moved.numUpdatedRows === 0n) throw new AppError('conflict', 'The reply was submitted already');
    await recordAudit(trx, author, { action: 'reply.submitted', subjectType: 'reply', subjectId: id, details: { case: reply.caseId, channel: reply.channelId, language: languageNames[reply.language === 'cy' ? 'cy' : 'en'] } });
  });
  return requireReply(db, id);
}
