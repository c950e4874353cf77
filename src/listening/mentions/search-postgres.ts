import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { seqAtMs } from './mention-seq.js';
import { facetGroupsOf } from './search-facets.js';
import { type EngineQuery, type HitRow, hitColumns, RELEVANCE_WINDOW, rangeConditions, type SeqRange, seqRangeOf } from './search-engine.js';
import type { SearchTerm } from './search-query.js';
import { hitsFor, rankWindow } from './search-ranking.js';

const DAY_MS = 86_400_000;
/** Each step reaches back at least this many times further than the one before. */
const GROWTH = 4;

/**
 * The terms as a tsquery, built only from plainto_tsquery (a word) and phraseto_tsquery (a phrase) joined with &&:
 * neither function has a syntax to break, and both read their text with the parser that made the document's vector.
 */
function tsqueryOf(terms: readonly SearchTerm[]): RawBuilder<unknown> {
  const parts = terms.map(({ words }) =>
    words.length === 1 ? sql`plainto_tsquery('simple', ${words.join(' ')})` : sql`phraseto_tsquery('simple', ${words.join(' ')})`,
  );
  return sql`(${sql.join(parts, sql` && `)})`;
}

/**
 * Words, filters and one step's seq range as conditions on `m`; words and filters meet inside the GIN index, which
 * intersects their lists (checking filters on the rows the words find instead is ruinous when they rarely agree, as
 * Welsh words under an English filter). Filter tokens are letters and digits only.
 */
function conditionsIn(tsquery: RawBuilder<unknown> | undefined, groups: readonly string[][], range: SeqRange): Expression<SqlBool>[] {
  const conditions = rangeConditions(range, 'm.seq');
  if (tsquery !== undefined) conditions.push(sql<SqlBool>`m.search_vector @@ ${tsquery}`);
  if (groups.length > 0) {
    const facets = groups.map((group) => `(${group.join(' | ')})`).join(' & ');
    conditions.push(sql<SqlBool>`m.facet_vector @@ to_tsquery('simple', ${facets})`);
  }
  return conditions;
}

/**
 * Runs a search in steps reaching further back from the newest mention in range, until `want` rows are found. Each
 * step is bounded by its range, so a misjudged plan (PostgreSQL walking the newest-first index through a rare match)
 * costs at most that range. The first step, one day, may walk the index; later ones must use the index intersections,
 * which cost what they find. After the first, a step reaches as far as the matches found so far say is needed for the
 * rest (twice that), and at least four times as far as the step before.
 */
async function inSteps<T>(
  db: Kysely<Database>,
  range: SeqRange,
  want: number,
  step: (stepRange: SeqRange, mayWalk: boolean, need: number) => Promise<T[]>,
): Promise<T[]> {
  const bounds = await db
    .selectFrom('mentions as m')
    .select((eb) => [eb.fn.max<number | null>('m.seq').as('newest'), eb.fn.min<number | null>('m.seq').as('oldest')])
    .where((eb) => eb.and(rangeConditions(range, 'm.seq')))
    .executeTakeFirst();
  if (bounds === undefined || bounds.newest === null || bounds.oldest === null) return [];
  const { newest, oldest } = bounds;
  const found: T[] = [];
  let before = range.before;
  let reachedMs = 0;
  let spanMs = DAY_MS;
  for (let first = true; ; first = false) {
    reachedMs += spanMs;
    const from = Math.max(newest - seqAtMs(reachedMs), oldest);
    found.push(...(await step({ from, before }, first, want - found.length)));
    if (found.length >= want || from === oldest) break;
    const needMs = found.length > 0 ? ((want - found.length) * reachedMs * 2) / found.length : 0;
    spanMs = Math.ceil(Math.max(spanMs * GROWTH, needMs));
    before = from;
  }
  return found;
}

/** Search on PostgreSQL: words and filters through the GIN index over both vectors, in steps back in time. */
export async function searchPostgres(db: Kysely<Database>, query: EngineQuery): Promise<HitRow[]> {
  const { terms, sort, cursor, limit } = query;
  const tsquery = terms.length > 0 ? tsqueryOf(terms) : undefined;
  const groups = facetGroupsOf(query.options);
  const select = (stepRange: SeqRange, mayWalk: boolean, need: number) =>
    db
      .selectFrom('mentions as m')
      .where((eb) => eb.and(conditionsIn(tsquery, groups, stepRange)))
      .orderBy(mayWalk ? sql`m.seq` : sql`m.seq + 0`, 'desc')
      .limit(need);
  const range = seqRangeOf(query);
  if (sort === 'newest' || tsquery === undefined) {
    return inSteps(db, range, limit, (stepRange, mayWalk, need) =>
      select(stepRange, mayWalk, need).select(hitColumns).select(sql<number>`0`.as('score')).execute(),
    );
  }
  const window = await inSteps(db, range, RELEVANCE_WINDOW, (stepRange, mayWalk, need) =>
    select(stepRange, mayWalk, need).select(['m.seq', 'm.search_text']).execute(),
  );
  return hitsFor(db, rankWindow(window, terms, cursor, limit));
}
