import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { MatchablePost } from '../query/post.js';
import { toStringArray } from './mention-read.js';

/** A stored mention as the matcher reads it, with what a preview shows. */
export interface StoredPost {
  post: MatchablePost;
  authorHandle: string | null;
  createdAt: string;
}

/** The newest stored mentions, as posts the matcher can test: what a watch's preview runs over. */
export async function recentPosts(db: Kysely<Database>, limit: number): Promise<StoredPost[]> {
  const rows = await db.selectFrom('mentions')
    .select(['id', 'text', 'author_handle', 'language', 'source_kind', 'links', 'hashtags', 'mentioned', 'created_at'])
    .orderBy('seq', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    post: {
      id: row.id, text: row.text, lang: row.language, source: row.source_kind,
      ...(row.author_handle !== null ? { author: row.author_handle } : {}),
      links: toStringArray(row.links), hashtags: toStringArray(row.hashtags), mentions: toStringArray(row.mentioned),
    },
    authorHandle: row.author_handle,
    createdAt: row.created_at,
  }));
}
