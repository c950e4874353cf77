import { type Kysely, sql } from 'kysely';
import { type Database, dialectOf } from '../../platform/db/database.js';
import { toDbTime } from '../../platform/db/time.js';
import { AppError } from '../../platform/errors/app-error.js';
import { contentColumns, newMentionRow, type StoreMentionInput } from './mention-rows.js';
import { newSeq } from './mention-seq.js';
import { indexNewMentions, refreshFacets, reindexMention } from './search-index.js';
import type { MentionTable, MentionWatchTable } from './tables.js';

export type { StoreMentionInput } from './mention-rows.js';

/** What storing did: made a new mention, updated the one from the same item, or added a sighting to an existing one. */
export type StoreOutcome = 'created' | 'updated' | 'sighting';

/** The stored mention's id and what storing did. */
export interface StoreResult {
  id: string;
  outcome: StoreOutcome;
}

/** The same text with the same link from another source within this long (either way) is the same mention. */
export const SIGHTING_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Rows per insert statement in bulk loads: well under both engines' limits on bound parameters. */
const BATCH_ROWS = 500;
/** How often a new seq is drawn when one collides (two mentions in the same millisecond with the same tie-break). */
const SEQ_ATTEMPTS = 4;

type StoredRef = Pick<MentionTable, 'id'>;

/**
 * Stores one mention in the caller's transaction, de-duplicating it: the same item from the same source again
 * updates the stored one (text, enrichment, watches; it keeps its creation time); an item already recorded as a
 * sighting stays one; the same normalised text with the same first link from another source within 24 hours becomes
 * a sighting of the existing mention (counted once, its watches added); anything else is a new mention.
 */
export async function storeMention(trx: Kysely<Database>, input: StoreMentionInput, at: Date = new Date()): Promise<StoreResult> {
  const now = toDbTime(at);
  const { sourceId, mention } = input;
  const same = await findBySourceItem(trx, sourceId, mention.externalId);
  if (same !== undefined) return updateMention(trx, same, input, now);

  const sighted = await trx
    .selectFrom('mention_sightings as s')
    .innerJoin('mentions as m', 'm.id', 's.mention_id')
    .select('m.id')
    .where('s.source_id', '=', sourceId)
    .where('s.external_id', '=', mention.externalId)
    .executeTakeFirst();
  if (sighted !== undefined) {
    await addWatches(trx, sighted, input.watchIds, true);
    return { id: sighted.id, outcome: 'sighting' };
  }

  const row = newMentionRow(input, now);
  if (row.dedupe_key !== null) {
    const original = await findSameElsewhere(trx, row.dedupe_key, sourceId, row.created_at);
    if (original !== undefined) {
      await trx
        .insertInto('mention_sightings')
        .values({ mention_id: original.id, source_id: sourceId, source_kind: mention.sourceKind, external_id: mention.externalId, url: mention.url, created_at: row.created_at, seen_at: now })
        .onConflict((oc) => oc.columns(['source_id', 'external_id']).doNothing())
        .execute();
      await addWatches(trx, original, input.watchIds, true);
      return { id: original.id, outcome: 'sighting' };
    }
  }

  for (let attempt = 1; ; attempt += 1) {
    const inserted = await trx.insertInto('mentions').values(row).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
    if (inserted !== undefined) break;
    // Another worker stored the same item between our look-up and our insert: it is now an update.
    const raced = await findBySourceItem(trx, sourceId, mention.externalId);
    if (raced !== undefined) return updateMention(trx, raced, input, now);
    if (attempt === SEQ_ATTEMPTS) throw new AppError('conflict', 'The mention could not be given a place in the order; try again.');
    row.seq = newSeq(row.created_at);
  }
  await addWatches(trx, row, input.watchIds, false);
  await indexNewMentions(trx, [row]);
  return { id: row.id, outcome: 'created' };
}

/**
 * Inserts mentions known to be new, in batches, without de-duplication: for bulk loads (benchmarks, imports). The
 * rows, search entries and watches are exactly those storeMention makes. Returns the new ids in order.
 */
export async function insertNewMentions(trx: Kysely<Database>, inputs: readonly StoreMentionInput[], at: Date = new Date()): Promise<string[]> {
  const ids = await insertUnlessStored(trx, inputs, at);
  const stored = ids.filter((id) => id !== undefined);
  if (stored.length < ids.length) throw new AppError('conflict', `${ids.length - stored.length} of these mentions are already stored.`);
  return stored;
}

/**
 * Inserts mentions believed new, as insertNewMentions does, but leaves out any whose item (source and external id)
 * turns out to be stored already — another worker got there between the caller's look-up and this insert. Returns the
 * new id of each input in order, or undefined for an input left out: the caller stores those with storeMention.
 */
export async function insertUnlessStored(trx: Kysely<Database>, inputs: readonly StoreMentionInput[], at: Date = new Date()): Promise<(string | undefined)[]> {
  const now = toDbTime(at);
  const rows = inputs.map((input) => newMentionRow(input, now));
  const inserted = new Set<string>();
  let pending = rows;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    if (attempt > SEQ_ATTEMPTS) throw new AppError('conflict', 'The mentions could not be given a place in the order; try again.');
    for (let i = 0; i < pending.length; i += BATCH_ROWS) {
      const done = await trx.insertInto('mentions').values(pending.slice(i, i + BATCH_ROWS)).onConflict((oc) => oc.doNothing()).returning('id').execute();
      for (const { id } of done) inserted.add(id);
    }
    const left: MentionTable[] = [];
    for (const row of pending) {
      if (inserted.has(row.id) || (await findBySourceItem(trx, row.source_id, row.external_id)) !== undefined) continue;
      row.seq = newSeq(row.created_at);
      left.push(row);
    }
    pending = left;
  }
  const added = rows.filter((row) => inserted.has(row.id));
  const watchRows = rows.flatMap((row, i) => (inserted.has(row.id) ? [...new Set(inputs[i]?.watchIds)].map((watchId) => ({ mention_id: row.id, watch_id: watchId })) : []));
  await insertWatchRows(trx, watchRows);
  await indexNewMentions(trx, added);
  return rows.map((row) => (inserted.has(row.id) ? row.id : undefined));
}

async function findBySourceItem(trx: Kysely<Database>, sourceId: string, externalId: string): Promise<StoredRef | undefined> {
  return trx.selectFrom('mentions').select('id').where('source_id', '=', sourceId).where('external_id', '=', externalId).executeTakeFirst();
}

async function updateMention(trx: Kysely<Database>, stored: StoredRef, input: StoreMentionInput, now: string): Promise<StoreResult> {
  await trx.updateTable('mentions').set(contentColumns(input, now)).where('id', '=', stored.id).execute();
  await trx.deleteFrom('mention_watches').where('mention_id', '=', stored.id).execute();
  await addWatches(trx, stored, input.watchIds, false);
  await reindexMention(trx, stored.id);
  return { id: stored.id, outcome: 'updated' };
}

/** The creation times (as stored) within which another source's copy of a post created at createdAt is the same mention. */
export function sightingWindow(createdAt: string): { from: string; to: string } {
  const created = Date.parse(createdAt);
  return { from: toDbTime(new Date(created - SIGHTING_WINDOW_MS)), to: toDbTime(new Date(created + SIGHTING_WINDOW_MS)) };
}

/**
 * Holds, until the transaction ends, the lock on a dedupe key (PostgreSQL only): two workers storing the same post
 * from two sources at once must not both create it.
 */
export async function lockDedupeKey(trx: Kysely<Database>, key: string): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(7317003, hashtext(${key}))`.execute(trx);
}

/** The earliest mention from another source with the same key within the window around createdAt. */
async function findSameElsewhere(trx: Kysely<Database>, key: string, sourceId: string, createdAt: string): Promise<StoredRef | undefined> {
  await lockDedupeKey(trx, key);
  const { from, to } = sightingWindow(createdAt);
  return trx
    .selectFrom('mentions')
    .select('id')
    .where('dedupe_key', '=', key)
    .where('source_id', '<>', sourceId)
    .where('created_at', '>=', from)
    .where('created_at', '<=', to)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Links the mention to the watches. A sighting may add watches to a stored mention: then its facets (which name its
 * watches) and search entry are recomputed; a new or updated row already has them.
 */
async function addWatches(trx: Kysely<Database>, mention: StoredRef, watchIds: readonly string[], storedBefore: boolean): Promise<void> {
  await insertWatchRows(trx, [...new Set(watchIds)].map((watchId) => ({ mention_id: mention.id, watch_id: watchId })));
  if (storedBefore && watchIds.length > 0) await refreshFacets(trx, mention.id);
}

async function insertWatchRows(trx: Kysely<Database>, rows: readonly MentionWatchTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    await trx
      .insertInto('mention_watches')
      .values(rows.slice(i, i + BATCH_ROWS))
      .onConflict((oc) => oc.columns(['mention_id', 'watch_id']).doNothing())
      .execute();
  }
}
