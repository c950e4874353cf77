import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { enrichMention, type Enrichment } from '../enrich/enrich.js';
import type { IncomingMention } from '../mentions/incoming-mention.js';
import { deleteMentionsByExternalIds } from '../mentions/mention-delete.js';
import { storeMentions } from '../mentions/mention-store-batch.js';
import type { Matcher } from '../query/matcher.js';
import type { MentionsStoredHook, StoredMention } from './stored-mention.js';
import type { MatchablePost } from '../query/post.js';
import { recordSourceProgress } from '../sources/source-repository.js';

/** What a source hands the pipeline at once: new or changed items, deletions, a count of malformed items, and its progress. */
export interface IngestBatch {
  mentions: readonly IncomingMention[];
  /** External ids the platform says were deleted. */
  deletions?: readonly string[];
  malformed?: number;
  /** The source's progress after this batch (cursor, since_id, ETag): saved in the same transaction as the items. */
  state?: Record<string, unknown>;
}

const isAction = (value: unknown): value is () => void => typeof value === 'function';

/** What a batch goes through: the live matcher, and what else must happen to new mentions in their transaction. */
export interface IngestPipeline {
  matcher: Matcher;
  onStored?: MentionsStoredHook;
}

/** What became of a batch. */
export interface IngestOutcome {
  received: number;
  stored: number;
  created: number;
  updated: number;
  sightings: number;
  deleted: number;
}

/** The post the watch matcher reads for a mention. */
export function toMatchablePost(id: string, mention: IncomingMention): MatchablePost {
  // Built without conditional spreads: this runs for every item of every source, and spreads were a measurable cost.
  const post: MatchablePost = { id, text: mention.text, source: mention.sourceKind, links: mention.links, hashtags: mention.hashtags, mentions: mention.mentions };
  if (mention.authorHandle !== null) post.author = mention.authorHandle;
  if (mention.declaredLanguage !== null) post.lang = mention.declaredLanguage;
  return post;
}

/**
 * Runs a batch through the pipeline: match every item against the watches, enrich those that matched (or all, for a
 * source that keeps everything), then store them, apply deletions and save the source's progress in one transaction —
 * so a crash loses nothing that was acknowledged and a restart resumes from the last committed cursor. New mentions
 * go to the pipeline's onStored hook in that same transaction.
 */
export async function ingestBatch(db: Kysely<Database>, { matcher, onStored }: IngestPipeline, source: { id: string; keepAll: boolean }, batch: IngestBatch): Promise<IngestOutcome> {
  const kept: { mention: IncomingMention; watchIds: string[]; enrichment: Enrichment }[] = [];
  for (const mention of batch.mentions) {
    const watchIds = matcher.match(toMatchablePost(`${source.id}:${mention.externalId}`, mention));
    if (watchIds.length === 0 && !source.keepAll) continue;
    kept.push({ mention, watchIds, enrichment: enrichMention({ text: mention.text, ...(mention.declaredLanguage !== null ? { declaredLanguage: mention.declaredLanguage } : {}) }) });
  }
  const outcome: IngestOutcome = { received: batch.mentions.length, stored: 0, created: 0, updated: 0, sightings: 0, deleted: 0 };
  let afterCommit: unknown;
  await db.transaction().execute(async (trx) => {
    const results = await storeMentions(trx, kept.map((item) => ({ sourceId: source.id, mention: item.mention, enrichment: item.enrichment, watchIds: item.watchIds })));
    const created: StoredMention[] = [];
    for (const [at, result] of results.entries()) {
      outcome.stored += 1;
      const item = kept[at];
      if (result.outcome === 'created') {
        outcome.created += 1;
        if (item) created.push({ id: result.id, externalId: item.mention.externalId, sourceKind: item.mention.sourceKind, replyTo: item.mention.replyTo, language: item.enrichment.language, createdAt: item.mention.createdAt, watchIds: item.watchIds });
      } else if (result.outcome === 'updated') outcome.updated += 1;
      else outcome.sightings += 1;
    }
    if (onStored && created.length > 0) afterCommit = await onStored(trx, created);
    if (batch.deletions !== undefined && batch.deletions.length > 0) {
      outcome.deleted = (await deleteMentionsByExternalIds(trx, source.id, batch.deletions)).mentions;
    }
    await recordSourceProgress(trx, source.id, { received: outcome.received, stored: outcome.stored, malformed: batch.malformed ?? 0 }, batch.state);
  });
  if (isAction(afterCommit)) afterCommit();
  return outcome;
}
