import type { Kysely } from 'kysely';
import { type Actor, recordAudit } from '../../platform/audit/audit-log.js';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import { storedTime } from './mention-rows.js';
import { seqAtTime } from './mention-seq.js';

/** How many mentions the retention purge deletes per transaction, so that it never holds a long lock. */
const PURGE_BATCH = 1000;

/**
 * Deletes one mention on a person's request (data protection), with its sightings, watch links and search entry,
 * and records who did it in the audit log in the same transaction. The audit event names the mention and its source,
 * never its content.
 */
export async function deleteMention(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('mentions').select(['source_id', 'source_kind']).where('id', '=', id).executeTakeFirst();
    if (row === undefined) throw new AppError('not_found', 'There is no mention with that id.');
    const { sightings } = await trx
      .selectFrom('mention_sightings')
      .select((eb) => eb.fn.countAll<number>().as('sightings'))
      .where('mention_id', '=', id)
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('mentions').where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      action: 'mention.deleted',
      subjectType: 'mention',
      subjectId: id,
      details: { sourceId: row.source_id, sourceKind: row.source_kind, sightings },
    });
  });
}

/** What a platform's delete removed: the mention itself when it was the item stored, or only a sighting. */
export interface ExternalDeleteResult {
  mentions: number;
  sightings: number;
}

/**
 * Applies a delete from the platform (the author deleted the post): the mention stored from that item goes with its
 * derived rows and search entry; if the item was only a sighting of a mention from elsewhere, only the sighting goes.
 * Not audited as a person's action: the caller runs it in the transaction that processes the platform's event.
 */
export async function deleteMentionsByExternalId(trx: Kysely<Database>, sourceId: string, externalId: string): Promise<ExternalDeleteResult> {
  return deleteMentionsByExternalIds(trx, sourceId, [externalId]);
}

/** Values per `in (…)` list: well under both engines' limits on bound parameters. */
const DELETE_CHUNK = 500;

/**
 * Applies a batch of platform deletes from one source, as deleteMentionsByExternalId does for each id, with two
 * statements per 500 ids. Returns the totals.
 */
export async function deleteMentionsByExternalIds(trx: Kysely<Database>, sourceId: string, externalIds: readonly string[]): Promise<ExternalDeleteResult> {
  const distinct = [...new Set(externalIds)];
  const total: ExternalDeleteResult = { mentions: 0, sightings: 0 };
  for (let i = 0; i < distinct.length; i += DELETE_CHUNK) {
    const chunk = distinct.slice(i, i + DELETE_CHUNK);
    const mentions = await trx.deleteFrom('mentions').where('source_id', '=', sourceId).where('external_id', 'in', chunk).executeTakeFirst();
    const sightings = await trx.deleteFrom('mention_sightings').where('source_id', '=', sourceId).where('external_id', 'in', chunk).executeTakeFirst();
    total.mentions += Number(mentions.numDeletedRows);
    total.sightings += Number(sightings.numDeletedRows);
  }
  return total;
}

/**
 * Retention: deletes the mentions created before the cutoff — from one source, or from every source when sourceId is
 * null — with their derived rows and search entries, a batch per transaction. Returns how many were deleted.
 */
export async function purgeMentionsOlderThan(db: Kysely<Database>, sourceId: string | null, cutoffIso: string): Promise<number> {
  const cutoff = storedTime(cutoffIso, 'cutoff');
  let total = 0;
  for (;;) {
    const deleted = await db.transaction().execute(async (trx) => {
      let expired = trx.selectFrom('mentions').select('id').where('seq', '<', seqAtTime(cutoff));
      if (sourceId !== null) expired = expired.where('source_id', '=', sourceId);
      const result = await trx.deleteFrom('mentions').where('id', 'in', expired.limit(PURGE_BATCH)).executeTakeFirst();
      return Number(result.numDeletedRows);
    });
    total += deleted;
    if (deleted < PURGE_BATCH) return total;
  }
}
