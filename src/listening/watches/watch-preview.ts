import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { recentPosts, type StoredPost } from '../mentions/recent-posts.js';
import { parseQuery } from '../query/parse.js';
import { createMatcher } from '../query/matcher.js';

/** How many of the newest stored mentions a preview looks through. */
export const previewWindow = 2000;

/** Which of the newest stored mentions a query would match, newest first (at most `limit`), and how many were looked at. */
export async function previewWatch(db: Kysely<Database>, query: string, limit = 20): Promise<{ matches: StoredPost[]; examined: number } | undefined> {
  const parsed = parseQuery(query);
  if (!parsed.ok) return undefined;
  const matcher = createMatcher();
  matcher.set('preview', parsed.query);
  const posts = await recentPosts(db, previewWindow);
  const matches = posts.filter((stored) => matcher.match(stored.post).length > 0);
  return { matches: matches.slice(0, limit), examined: posts.length };
}
