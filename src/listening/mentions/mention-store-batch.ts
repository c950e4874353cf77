import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { dedupeKeyOf } from './dedupe-key.js';
import { storedTime, type StoreMentionInput } from './mention-rows.js';
import { insertUnlessStored, lockDedupeKey, sightingWindow, storeMention, type StoreResult } from './mention-store.js';

/** Values per `in (…)` list: well under both engines' limits on bound parameters. */
const CHUNK = 500;

/**
 * Stores a batch of mentions from one source in the caller's transaction with exactly the outcome of storing them one
 * by one with storeMention, in order — but the items that are plainly new (not stored from this source, not a
 * sighting, the first of their id in the batch, and no copy from another source within the sighting window) are
 * inserted together. Everything else goes through storeMention in the original order. Returns each input's result.
 */
export async function storeMentions(trx: Kysely<Database>, inputs: readonly StoreMentionInput[]): Promise<StoreResult[]> {
  const [first] = inputs;
  if (first === undefined) return [];
  const { sourceId } = first;
  if (inputs.some((input) => input.sourceId !== sourceId)) throw new TypeError('storeMentions takes the mentions of one source.');

  const externalIds = [...new Set(inputs.map((input) => input.mention.externalId))];
  const known = await knownExternalIds(trx, sourceId, externalIds);
  const seen = new Set<string>();
  const candidates: { index: number; key: string | null; createdAt: string }[] = [];
  inputs.forEach((input, index) => {
    const { externalId, createdAt, text, links } = input.mention;
    if (!seen.has(externalId) && !known.has(externalId)) candidates.push({ index, key: dedupeKeyOf(text, links), createdAt: storedTime(createdAt, 'createdAt') });
    seen.add(externalId);
  });
  const elsewhere = await copiesElsewhere(trx, sourceId, candidates.flatMap((c) => (c.key === null ? [] : [c.key])));
  const fresh = candidates.filter((c) => c.key === null || !hasCopyInWindow(elsewhere.get(c.key), c.createdAt)).map((c) => c.index);

  const results = new Map<number, StoreResult>();
  const ids = await insertUnlessStored(trx, fresh.map((index) => inputs[index]).filter((input) => input !== undefined));
  fresh.forEach((index, i) => {
    const id = ids[i];
    if (id !== undefined) results.set(index, { id, outcome: 'created' });
  });
  const ordered: StoreResult[] = [];
  for (const [index, input] of inputs.entries()) ordered.push(results.get(index) ?? (await storeMention(trx, input)));
  return ordered;
}

/** The external ids among these that this source has already stored, as a mention or as a sighting. */
async function knownExternalIds(trx: Kysely<Database>, sourceId: string, externalIds: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < externalIds.length; i += CHUNK) {
    const chunk = externalIds.slice(i, i + CHUNK);
    const stored = await trx.selectFrom('mentions').select('external_id').where('source_id', '=', sourceId).where('external_id', 'in', chunk).execute();
    const sighted = await trx.selectFrom('mention_sightings').select('external_id').where('source_id', '=', sourceId).where('external_id', 'in', chunk).execute();
    for (const row of [...stored, ...sighted]) known.add(row.external_id);
  }
  return known;
}

/**
 * The creation times of the mentions from other sources with each of these dedupe keys. On PostgreSQL each key is
 * locked first (in a fixed order), as storeMention does, so that no other worker can store a copy before we commit.
 */
async function copiesElsewhere(trx: Kysely<Database>, sourceId: string, keys: readonly string[]): Promise<Map<string, string[]>> {
  const distinct = [...new Set(keys)].sort();
  for (const key of distinct) await lockDedupeKey(trx, key);
  const byKey = new Map<string, string[]>();
  for (let i = 0; i < distinct.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('mentions')
      .select(['dedupe_key', 'created_at'])
      .where('dedupe_key', 'in', distinct.slice(i, i + CHUNK))
      .where('source_id', '<>', sourceId)
      .execute();
    for (const { dedupe_key: key, created_at: createdAt } of rows) {
      if (key !== null) byKey.set(key, [...(byKey.get(key) ?? []), createdAt]);
    }
  }
  return byKey;
}

function hasCopyInWindow(copies: readonly string[] | undefined, createdAt: string): boolean {
  const { from, to } = sightingWindow(createdAt);
  return (copies ?? []).some((time) => time >= from && time <= to);
}
