import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { facetGroupsOf } from './search-facets.js';
import { type EngineQuery, type HitRow, hitColumns, RELEVANCE_WINDOW, rangeConditions, seqRangeOf } from './search-engine.js';
import { type SearchTerm, toFts5Query } from './search-query.js';
import { hitsFor, rankWindow } from './search-ranking.js';

/** Words and filters as one FTS5 query: the words in the `words` column, a token of each filter group in `facets`. */
function ftsQueryOf(terms: readonly SearchTerm[], groups: readonly string[][]): string {
  const words = terms.length > 0 ? [`words : (${toFts5Query(terms)})`] : [];
  const facets = groups.map((group) => `facets : (${group.map((token) => `"${token}"`).join(' OR ')})`);
  return [...words, ...facets].join(' AND ');
}

/**
 * Search on SQLite. Words and filters are one FTS5 query; its entries are keyed by seq, so FTS5 walks the matches newest
 * first (a date range is a range of keys) and stops after a page, or after the relevance window, which is then ranked.
 */
export async function searchSqlite(db: Kysely<Database>, query: EngineQuery): Promise<HitRow[]> {
  const { terms, options, sort, cursor, limit } = query;
  const matching = db
    .selectFrom('mentions_fts')
    .where('mentions_fts.mentions_fts', 'match', ftsQueryOf(terms, facetGroupsOf(options)))
    .where((eb) => eb.and(rangeConditions(seqRangeOf(query), 'mentions_fts.rowid')))
    .orderBy('mentions_fts.rowid', 'desc');
  if (sort === 'newest') {
    return matching.innerJoin('mentions as m', 'm.seq', 'mentions_fts.rowid').select(hitColumns).select(sql<number>`0`.as('score')).limit(limit).execute();
  }
  const window = await matching.innerJoin('mentions as m', 'm.seq', 'mentions_fts.rowid').select(['m.seq', 'm.search_text']).limit(RELEVANCE_WINDOW).execute();
  return hitsFor(db, rankWindow(window, terms, cursor, limit));
}
