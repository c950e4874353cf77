import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../../../platform/db/database.js';

/**
 * PostgreSQL only (SQLite's FTS5 index keeps positions and is keyed by seq already): the search vectors gain lexemes
 * that let the GIN index answer phrases and time ranges by itself (see search-word-pairs.ts and search-day-blocks.ts).
 *
 * - `search_vector` also holds each pair of neighbouring words of `search_text` ("heol y").
 * - `facet_vector` also holds the blocks of 1, 4, 16, 64, 256 and 1024 days since the epoch that the mention's seq falls
 *   in (`d2n1298`); a day is 86,400,000 ms × 1024 seqs (mention-seq.ts).
 *
 * The index is rebuilt without the pending list (fastupdate off): a search then never scans unsorted recent entries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`
    create function mention_word_pairs(words text) returns text[] language sql immutable strict parallel safe as $$
      select coalesce(array_agg(w[i] || ' ' || w[i + 1]), '{}')
      from string_to_array(words, ' ') as w, generate_series(1, cardinality(w) - 1) as i
    $$`.execute(db);
  await sql`
    create function mention_day_blocks(seq bigint) returns text[] language sql immutable strict parallel safe as $$
      select array_agg('d' || level || 'n' || (seq / 88473600000 / (1::bigint << (2 * level)))::text)
      from generate_series(0, 5) as level
    $$`.execute(db);
  await sql`drop index mentions_search`.execute(db);
  await sql`
    alter table mentions
      drop column search_vector,
      drop column facet_vector,
      add column search_vector tsvector not null generated always as
        (to_tsvector('simple'::regconfig, search_text) || array_to_tsvector(mention_word_pairs(search_text))) stored,
      add column facet_vector tsvector not null generated always as
        (to_tsvector('simple'::regconfig, facets) || array_to_tsvector(mention_day_blocks(seq))) stored`.execute(db);
  await sql`create index mentions_search on mentions using gin (search_vector, facet_vector) with (fastupdate = off)`.execute(db);
}
