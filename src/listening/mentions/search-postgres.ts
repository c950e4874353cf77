import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { type DayRange, dayBlockTokens, dayOfSeq, SEQS_PER_DAY, seqAtDay } from './search-day-blocks.js';
import { facetGroupsOf } from './search-facets.js';
import { type EngineQuery, type HitRow, hitColumns, RELEVANCE_WINDOW, rangeConditions, type SeqRange, seqRangeOf } from './search-engine.js';
import type { SearchTerm } from './search-query.js';
import { hitsFor, rankWindow } from './search-ranking.js';
import { wordPairsTsquery } from './search-word-pairs.js';

/** Each step reaches back at least this many times further than the one before. */
const GROWTH = 4;

/**
 * The terms as a tsquery, built only from plainto_tsquery (a word), phraseto_tsquery (a phrase) and the phrases' word
 * pairs, joined with &&: neither function has a syntax to break, both read their text with the parser that made the
 * document's vector, and the pairs are quoted lexemes. The pairs let the index find a phrase's rows without reading
 * every row that has its words; phraseto_tsquery still checks the whole phrase on the rows found.
 */
function tsqueryOf(terms: readonly SearchTerm[]): RawBuilder<unknown> {
  const parts = terms.map(({ words }) =>
    words.length === 1 ? sql`plainto_tsquery('simple', ${words.join(' ')})` : sql`phraseto_tsquery('simple', ${words.join(' ')})`,
  );
  const pairs = wordPairsTsquery(terms);
  if (pairs !== undefined) parts.push(sql`${pairs}::tsquery`);
  return sql`(${sql.join(parts, sql` && `)})`;
}

/**
 * Words, filters and a step's days as conditions on `m`: all three meet inside the GIN index, which intersects their
 * posting lists (checking filters on the rows the words find instead is ruinous when they rarely agree, as Welsh words
 * under an English filter), reading only the step's part of each list. Tokens are letters and digits.
 *
 * The index is always the right plan: a step is sized to hold about the rows it needs. The planner cannot see that (it
 * takes words and filters as independent and has no statistics for day blocks) and would scan the whole table for a
 * common filter over many days, or walk the seq index through a rare one. So the filter and day tsquery is a subquery
 * it cannot estimate, and the search's seq range is checked on the rows found, as `seq + 0`, not with the seq index.
 */
function conditionsIn(tsquery: RawBuilder<unknown> | undefined, groups: readonly string[][], range: SeqRange, days: DayRange): Expression<SqlBool>[] {
  const facets = [...groups, dayBlockTokens(days)].map((group) => `(${group.join(' | ')})`).join(' & ');
  const conditions = [...rangeConditions(range, sql<number>`m.seq + 0`), sql<SqlBool>`m.facet_vector @@ (select to_tsquery('simple', ${facets}))`];
  if (tsquery !== undefined) conditions.push(sql<SqlBool>`m.search_vector @@ ${tsquery}`);
  return conditions;
}

/**
 * Runs a search in steps of whole days reaching further back from the newest mention in range, until `want` rows are
 * found; a step costs what its days hold. The first step is the newest day and the day before; after it, a step reaches
 * as far as the matches found so far say is needed for the rest (twice that), and at least four times as far as the
 * step before.
 */
async function inSteps<T>(db: Kysely<Database>, range: SeqRange, want: number, step: (days: DayRange, need: number) => Promise<T[]>): Promise<T[]> {
  const bounds = await db
    .selectFrom('mentions as m')
    .select((eb) => [eb.fn.max<number | null>('m.seq').as('newest'), eb.fn.min<number | null>('m.seq').as('oldest')])
    .where((eb) => eb.and(rangeConditions(range, 'm.seq')))
    .executeTakeFirst();
  if (bounds === undefined || bounds.newest === null || bounds.oldest === null) return [];
  const { newest } = bounds;
  const oldest = dayOfSeq(bounds.oldest);
  const found: T[] = [];
  let last = dayOfSeq(newest);
  let spanDays = 2;
  while (true) {
    const first = Math.max(last - spanDays + 1, oldest);
    found.push(...(await step({ first, last }, want - found.length)));
    if (found.length >= want || first === oldest) break;
    const reachedDays = (newest - seqAtDay(first)) / SEQS_PER_DAY;
    const needDays = found.length > 0 ? ((want - found.length) * reachedDays * 2) / found.length : 0;
    spanDays = Math.ceil(Math.max(spanDays * GROWTH, needDays));
    last = first - 1;
  }
  return found;
}

/** Search on PostgreSQL: words, filters and days through the GIN index over both vectors, in steps back in time. */
export async function searchPostgres(db: Kysely<Database>, query: EngineQuery): Promise<HitRow[]> {
  const { terms, sort, cursor, limit } = query;
  const tsquery = terms.length > 0 ? tsqueryOf(terms) : undefined;
  const groups = facetGroupsOf(query.options);
  const range = seqRangeOf(query);
  const select = (days: DayRange, need: number) =>
    db
      .selectFrom('mentions as m')
      .where((eb) => eb.and(conditionsIn(tsquery, groups, range, days)))
      .orderBy(sql`m.seq + 0`, 'desc')
      .limit(need);
  if (sort === 'newest' || tsquery === undefined) {
    return inSteps(db, range, limit, (days, need) => select(days, need).select(hitColumns).select(sql<number>`0`.as('score')).execute());
  }
  const window = await inSteps(db, range, RELEVANCE_WINDOW, (days, need) => select(days, need).select(['m.seq', 'm.search_text']).execute());
  return hitsFor(db, rankWindow(window, terms, cursor, limit));
}
