import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import { dialectOf } from '../../../platform/db/database.js';

/**
 * Mentions, their sightings from other sources and the watches they matched, with the search index.
 *
 * Both engines index the words (`search_text`, folded by Parley before it reaches either engine) and the filter values
 * as tokens (`facets`, see search-facets.ts), so that words and filters meet inside one index.
 *
 * PostgreSQL: generated tsvectors (the 'simple' configuration: no English stemming of Welsh) under one GIN index.
 *
 * SQLite: one contentless FTS5 index keyed by seq, so that every search is one walk of the index newest first. Parley
 * writes its entries; a trigger removes them, so no delete can leave one behind.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  await mentionsTable(db.schema.createTable('mentions'), postgres).execute();
  await db.schema
    .createIndex('mentions_dedupe')
    .on('mentions')
    .columns(['dedupe_key', 'created_at'])
    .where(sql.ref('dedupe_key'), 'is not', null)
    .execute();

  await db.schema
    .createTable('mention_sightings')
    .addColumn('mention_id', 'text', (c) => c.notNull().references('mentions.id').onDelete('cascade'))
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mention_sightings_pk', ['source_id', 'external_id'])
    .execute();
  await db.schema.createIndex('mention_sightings_mention').on('mention_sightings').column('mention_id').execute();

  await db.schema
    .createTable('mention_watches')
    .addColumn('mention_id', 'text', (c) => c.notNull().references('mentions.id').onDelete('cascade'))
    .addColumn('watch_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mention_watches_pk', ['mention_id', 'watch_id'])
    .execute();

  if (postgres) await indexForPostgres(db);
  else await indexForSqlite(db);
}

function mentionsTable(table: CreateTableBuilder<'mentions'>, postgres: boolean): CreateTableBuilder<'mentions', string> {
  // On SQLite seq is the row id (an alias of it must be declared exactly `integer primary key`), which FTS5 keys on.
  const keyed = postgres
    ? table.addColumn('seq', 'bigint', (c) => c.notNull().unique()).addColumn('id', 'text', (c) => c.primaryKey())
    : table.addColumn('seq', 'integer', (c) => c.primaryKey()).addColumn('id', 'text', (c) => c.notNull().unique());
  const columns = keyed
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('author_handle', 'text')
    .addColumn('author_name', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('language_confidence', 'double precision', (c) => c.notNull())
    .addColumn('sentiment_score', 'double precision', (c) => c.notNull())
    .addColumn('sentiment_label', 'text', (c) => c.notNull())
    .addColumn('personal_data_kinds', 'text', (c) => c.notNull())
    .addColumn('has_personal_data', 'integer', (c) => c.notNull())
    .addColumn('links', 'text', (c) => c.notNull())
    .addColumn('hashtags', 'text', (c) => c.notNull())
    .addColumn('mentioned', 'text', (c) => c.notNull())
    .addColumn('reply_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('facets', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text')
    .addUniqueConstraint('mentions_source_external', ['source_id', 'external_id']);
  return postgres
    ? columns
        .addColumn('search_vector', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, search_text)`).stored().notNull())
        .addColumn('facet_vector', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, facets)`).stored().notNull())
    : columns;
}

async function indexForPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`create index mentions_search on mentions using gin (search_vector, facet_vector)`.execute(db);
}

async function indexForSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`
    create virtual table mentions_fts using fts5(
      words, facets, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
    )`.execute(db);
  await sql`
    create trigger mentions_fts_delete after delete on mentions begin
      delete from mentions_fts where rowid = old.seq;
    end`.execute(db);
}
