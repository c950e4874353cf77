import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { PlatformPostRef } from '../publishing/index.js';
import type { Database } from '../../platform/db/database.js';
import { pendingStates, type ReplyState, type ReplyTable } from './tables.js';

/** A reply (or new post) as pages, the API and the publish queue see it. */
export interface Reply {
  id: string;
  caseId: string | null;
  mentionId: string | null;
  channelId: string;
  channelName: string | null;
  platform: 'mastodon' | 'bluesky' | null;
  authorId: string;
  authorName: string | null;
  text: string;
  language: string;
  inReplyTo: PlatformPostRef | null;
  state: ReplyState;
  /** The author marked it essential service information (it matters in a pre-election period). */
  essentialService: boolean;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  platformId: string | null;
  url: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
}

const strongRef = z.object({ uri: z.string(), cid: z.string() });
const postRef = z.union([
  z.object({ platform: z.literal('mastodon'), statusId: z.string(), url: z.string().optional() }),
  z.object({ platform: z.literal('bluesky'), uri: z.string(), cid: z.string(), root: strongRef.optional() }),
]);

/** A stored PlatformPostRef read back; null when there is none or it is damaged. */
export function toPostRef(json: string | null): PlatformPostRef | null {
  if (json === null) return null;
  const read = postRef.safeParse(JSON.parse(json));
  return read.success ? read.data : null;
}

type ReplyRow = Selectable<ReplyTable> & { channel_name: string | null; platform: 'mastodon' | 'bluesky' | null; author_name: string | null };

function selectReplies(db: Kysely<Database>) {
  return db.selectFrom('replies')
    .leftJoin('channels', 'channels.id', 'replies.channel_id')
    .leftJoin('users', 'users.id', 'replies.author_id')
    .selectAll('replies')
    .select(['channels.name as channel_name', 'channels.platform as platform', 'users.name as author_name']);
}

function toReply(row: ReplyRow): Reply {
  return {
    id: row.id, caseId: row.case_id, mentionId: row.mention_id, channelId: row.channel_id, channelName: row.channel_name, platform: row.platform,
    authorId: row.author_id, authorName: row.author_name, text: row.text, language: row.language, inReplyTo: toPostRef(row.in_reply_to), state: row.state, essentialService: row.essential_service === 1,
    attempts: row.attempts, nextAttemptAt: row.next_attempt_at, lastError: row.last_error, platformId: row.platform_id, url: row.url,
    publishedAt: row.published_at, createdAt: row.created_at, updatedAt: row.updated_at, submittedAt: row.submitted_at,
  };
}

/** One reply, or undefined. */
export async function findReply(db: Kysely<Database>, id: string): Promise<Reply | undefined> {
  const row = await selectReplies(db).where('replies.id', '=', id).executeTakeFirst();
  return row && toReply(row);
}

/** A case's replies, oldest first. */
export async function listCaseReplies(db: Kysely<Database>, caseId: string): Promise<Reply[]> {
  const rows = await selectReplies(db).where('replies.case_id', '=', caseId).orderBy('replies.created_at').orderBy('replies.id').execute();
  return rows.map(toReply);
}

/** Every reply in one state. */
export async function listRepliesInState(db: Kysely<Database>, state: ReplyState): Promise<Reply[]> {
  const rows = await selectReplies(db).where('replies.state', '=', state).execute();
  return rows.map(toReply);
}

/** The reply still on its way on a case (a draft, queued or being sent), if any: there is one at most. */
export async function findPendingReply(db: Kysely<Database>, caseId: string): Promise<Reply | undefined> {
  const row = await selectReplies(db).where('replies.case_id', '=', caseId).where('replies.state', 'in', [...pendingStates]).executeTakeFirst();
  return row && toReply(row);
}
