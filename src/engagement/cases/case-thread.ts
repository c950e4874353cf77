import type { Kysely } from 'kysely';
import { getMentionTexts, type MentionSummary } from '../../listening/mentions/mention-read.js';
import type { Database } from '../../platform/db/database.js';

/** A mention of a case's thread, with its text and when it joined the case. */
export type ThreadMention = MentionSummary & { text: string; replyTo: string | null; addedAt: string };

/** The mentions of a case in the order they joined it; mentions erased on request are left out. */
export async function caseThread(db: Kysely<Database>, caseId: string): Promise<ThreadMention[]> {
  const rows = await db.selectFrom('case_mentions').select(['mention_id', 'added_at']).where('case_id', '=', caseId).orderBy('added_at').orderBy('mention_id').execute();
  const texts = await getMentionTexts(db, rows.map((row) => row.mention_id));
  return rows.flatMap((row) => {
    const mention = texts.get(row.mention_id);
    return mention ? [{ ...mention, addedAt: row.added_at }] : [];
  });
}

/** The case a mention is in, if any. */
export async function caseIdOfMention(db: Kysely<Database>, mentionId: string): Promise<string | undefined> {
  const row = await db.selectFrom('case_mentions').select('case_id').where('mention_id', '=', mentionId).executeTakeFirst();
  return row?.case_id;
}
