import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { purgeMentionsOlderThan } from './mention-delete.js';

/** Days a mention is kept when its source is gone or sets nothing else. */
export const defaultRetentionDays = 365;

/**
 * Deletes mentions past their source's retention period, with their search entries and derived rows; mentions of
 * deleted sources after the default period. Returns how many were deleted. Safe to run in several processes at once.
 */
export async function applyRetention(db: Kysely<Database>, now = new Date()): Promise<number> {
  const cutoff = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const sources = await db.selectFrom('sources').select(['id', 'retention_days']).execute();
  let deleted = 0;
  for (const source of sources) deleted += await purgeMentionsOlderThan(db, source.id, cutoff(source.retention_days));
  const known = new Set(sources.map((s) => s.id));
  const orphans = await db.selectFrom('mentions').select('source_id').distinct().execute();
  for (const { source_id: sourceId } of orphans) {
    if (!known.has(sourceId)) deleted += await purgeMentionsOlderThan(db, sourceId, cutoff(defaultRetentionDays));
  }
  return deleted;
}
