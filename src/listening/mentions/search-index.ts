import type { Kysely } from 'kysely';
import { type Database, dialectOf } from '../../platform/db/database.js';
import { facetsOf } from './search-facets.js';
import type { MentionTable } from './tables.js';

/** What a mention's index entry is made from. */
export type IndexedMention = Pick<MentionTable, 'seq' | 'search_text' | 'facets'>;

const BATCH_ROWS = 500;

function entryOf(mention: IndexedMention): { rowid: number; words: string; facets: string } {
  return { rowid: mention.seq, words: mention.search_text, facets: mention.facets };
}

/**
 * Writes the search entries of new mentions. On PostgreSQL there is nothing to write: the vectors are generated
 * columns of the row.
 */
export async function indexNewMentions(trx: Kysely<Database>, mentions: readonly IndexedMention[]): Promise<void> {
  if (dialectOf(trx) === 'postgres') return;
  for (let i = 0; i < mentions.length; i += BATCH_ROWS) {
    await trx.insertInto('mentions_fts').values(mentions.slice(i, i + BATCH_ROWS).map(entryOf)).execute();
  }
}

/** Rewrites a mention's search entry from its row, after its words or facets changed (nothing to do on PostgreSQL). */
export async function reindexMention(trx: Kysely<Database>, mentionId: string): Promise<void> {
  if (dialectOf(trx) === 'postgres') return;
  const mention = await trx.selectFrom('mentions').select(['seq', 'search_text', 'facets']).where('id', '=', mentionId).executeTakeFirstOrThrow();
  const { rowid, words, facets } = entryOf(mention);
  await trx.updateTable('mentions_fts').set({ words, facets }).where('rowid', '=', rowid).execute();
}

/** Recomputes a mention's facets after its watches changed (a sighting added some), and its search entry. */
export async function refreshFacets(trx: Kysely<Database>, mentionId: string): Promise<void> {
  const row = await trx
    .selectFrom('mentions')
    .select(['source_id', 'source_kind', 'language', 'sentiment_label', 'has_personal_data'])
    .where('id', '=', mentionId)
    .executeTakeFirstOrThrow();
  const watches = await trx.selectFrom('mention_watches').select('watch_id').where('mention_id', '=', mentionId).orderBy('watch_id').execute();
  const facets = facetsOf({
    sourceId: row.source_id,
    sourceKind: row.source_kind,
    language: row.language,
    sentimentLabel: row.sentiment_label,
    hasPersonalData: row.has_personal_data === 1,
    watchIds: watches.map((w) => w.watch_id),
  });
  await trx.updateTable('mentions').set({ facets }).where('id', '=', mentionId).execute();
  await reindexMention(trx, mentionId);
}
