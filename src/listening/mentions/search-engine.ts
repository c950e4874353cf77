// What the two search engines share: the query as they receive it, the result rows they return, and the date range
// as a range of seq.
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { seqAtTime } from './mention-seq.js';
import type { SearchCursor, SearchSort } from './search-cursor.js';
import type { ValidSearchOptions } from './search-options.js';
import type { SearchTerm } from './search-query.js';
import type { MentionTable } from './tables.js';

/** The columns a search result is made from, on the mentions table aliased `m`. */
export const hitColumns = [
  'm.seq', 'm.id', 'm.source_id', 'm.source_kind', 'm.external_id', 'm.url', 'm.author_handle', 'm.author_name',
  'm.text', 'm.language', 'm.sentiment_score', 'm.sentiment_label', 'm.personal_data_kinds', 'm.created_at',
] as const;

/** A result row as both engines return it; score is 0 when sorting newest first. */
export type HitRow = Pick<MentionTable, 'seq' | 'id' | 'source_id' | 'source_kind' | 'external_id' | 'url' | 'author_handle' | 'author_name' | 'text' | 'language' | 'sentiment_score' | 'sentiment_label' | 'personal_data_kinds' | 'created_at'> & { score: number };

/** A search as an engine runs it: the words (maybe none), the validated filters, the order and where the page starts. */
export interface EngineQuery {
  terms: readonly SearchTerm[];
  options: ValidSearchOptions;
  sort: SearchSort;
  cursor: SearchCursor | undefined;
  limit: number;
}

/** Whether any filter other than the date range is set (an empty list is no filter). */
export function hasFilters(options: ValidSearchOptions): boolean {
  const lists = [options.watchIds, options.sourceIds, options.sourceKinds, options.languages, options.sentiment];
  return options.personalData !== undefined || lists.some((list) => list !== undefined && list.length > 0);
}

/** Relevance ranks the newest this many matches that pass the filters, so that its cost has a bound. */
export const RELEVANCE_WINDOW = 1000;

/** The seq range a page may come from: the date range, and for newest first everything older than the cursor. */
export interface SeqRange {
  /** Inclusive. */
  from: number | undefined;
  /** Exclusive. */
  before: number | undefined;
}

/** The seq range of a search. */
export function seqRangeOf({ options, cursor }: EngineQuery): SeqRange {
  const to = options.to === undefined ? undefined : seqAtTime(options.to);
  const after = cursor?.sort === 'newest' ? cursor.seq : undefined;
  return {
    from: options.from === undefined ? undefined : seqAtTime(options.from),
    before: to === undefined ? after : after === undefined ? to : Math.min(to, after),
  };
}

/**
 * The seq range as conditions on the column that drives the query (mentions.seq, mention_watches.mention_seq, or FTS5's
 * rowid), or on an expression of it.
 */
export function rangeConditions(range: SeqRange, column: string | RawBuilder<number>): Expression<SqlBool>[] {
  const key = typeof column === 'string' ? sql.ref(column) : column;
  const conditions: Expression<SqlBool>[] = [];
  if (range.from !== undefined) conditions.push(sql<SqlBool>`${key} >= ${range.from}`);
  if (range.before !== undefined) conditions.push(sql<SqlBool>`${key} < ${range.before}`);
  return conditions;
}
