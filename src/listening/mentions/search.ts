import type { Kysely } from 'kysely';
import { type Database, dialectOf } from '../../platform/db/database.js';
import { highlightSnippet, type SnippetSegment } from './highlight.js';
import { type MentionSummary, toSummary } from './mention-read.js';
import { decodeCursor, encodeCursor, type SearchSort } from './search-cursor.js';
import { type EngineQuery, hasFilters, type HitRow } from './search-engine.js';
import { type SearchOptions, validateSearchOptions } from './search-options.js';
import { searchUnfiltered } from './search-plain.js';
import { searchPostgres } from './search-postgres.js';
import { parseSearchText, type SearchTerm } from './search-query.js';
import { searchSqlite } from './search-sqlite.js';

export type { SearchOptions } from './search-options.js';
export type { SnippetSegment } from './highlight.js';

/** One search result: the mention's facts and a snippet of its text with the searched words marked. */
export interface MentionHit extends MentionSummary {
  snippet: SnippetSegment[];
}

/** A page of results and, when there may be more, the cursor for the next page. */
export interface SearchPage {
  mentions: MentionHit[];
  nextCursor?: string;
}

function toHit(row: HitRow, terms: readonly SearchTerm[]): MentionHit {
  return { ...toSummary(row), snippet: highlightSnippet(row.text, terms) };
}

/**
 * Searches the stored mentions: full text (plain words and "quoted phrases", every one required) and filters, newest
 * first or best match first, a page at a time with an opaque cursor. One module over two engines: SQLite FTS5 and
 * PostgreSQL tsvector find the same mentions because both index the same folded words (see search-text.ts).
 * Throws a validation_failed AppError for bad options or a cursor not made by the same search.
 */
export async function searchMentions(db: Kysely<Database>, options: SearchOptions): Promise<SearchPage> {
  const valid = validateSearchOptions(options);
  const terms = parseSearchText(valid.text ?? '');
  const sort: SearchSort = terms.length > 0 ? valid.sort : 'newest';
  const query: EngineQuery = {
    terms,
    options: valid,
    sort,
    cursor: valid.after === undefined ? undefined : decodeCursor(valid.after, sort),
    limit: valid.limit + 1,
  };
  let rows: HitRow[];
  if (terms.length === 0 && !hasFilters(valid)) rows = await searchUnfiltered(db, query);
  else if (dialectOf(db) === 'sqlite') rows = await searchSqlite(db, query);
  else rows = await searchPostgres(db, query);

  const page = rows.slice(0, valid.limit);
  const last = page.at(-1);
  const mentions = page.map((row) => toHit(row, terms));
  if (rows.length <= valid.limit || last === undefined) return { mentions };
  const nextCursor = encodeCursor(sort === 'relevance' ? { sort, score: last.score, seq: last.seq } : { sort, seq: last.seq });
  return { mentions, nextCursor };
}
