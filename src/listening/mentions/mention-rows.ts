import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors/app-error.js';
import { toDbTime } from '../../platform/db/time.js';
import type { Enrichment } from '../enrich/enrich.js';
import { dedupeKeyOf } from './dedupe-key.js';
import type { IncomingMention } from './incoming-mention.js';
import { facetsOf } from './search-facets.js';
import { newSeq } from './mention-seq.js';
import { searchTextOf } from './search-text.js';
import type { MentionTable } from './tables.js';

/** What the pipeline hands over to store one mention: who saw it, what it is, what enrichment found, which watches it matched. */
export interface StoreMentionInput {
  readonly sourceId: string;
  readonly mention: IncomingMention;
  readonly enrichment: Enrichment;
  readonly watchIds: readonly string[];
}

/** An ISO 8601 time as stored (UTC with milliseconds), or a validation error naming the field. */
export function storedTime(value: string, field: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new AppError('validation_failed', `${field} is not a valid date and time.`, [{ path: field, message: 'Enter an ISO 8601 date and time' }]);
  }
  return toDbTime(date);
}

/**
 * The columns that follow from a mention's content and enrichment: written when it is created and when it changes.
 * Its creation time (and so its place in the order) is kept from the first time it was stored.
 */
export type MentionContent = Omit<MentionTable, 'seq' | 'id' | 'source_id' | 'external_id' | 'first_seen_at' | 'created_at'>;

/** The content columns of a mention as it now is, with the watches it now matches. */
export function contentColumns(input: StoreMentionInput, now: string): MentionContent {
  const { mention, enrichment } = input;
  const hasPersonalData = enrichment.personalData.kinds.length > 0;
  return {
    source_kind: mention.sourceKind,
    url: mention.url,
    author_handle: mention.authorHandle,
    author_name: mention.authorName,
    text: mention.text,
    search_text: searchTextOf(mention.text),
    language: enrichment.language,
    language_confidence: enrichment.languageConfidence,
    sentiment_score: enrichment.sentiment.score,
    sentiment_label: enrichment.sentiment.label,
    personal_data_kinds: JSON.stringify(enrichment.personalData.kinds),
    has_personal_data: hasPersonalData ? 1 : 0,
    links: JSON.stringify(mention.links),
    hashtags: JSON.stringify(mention.hashtags),
    mentioned: JSON.stringify(mention.mentions),
    reply_to: mention.replyTo,
    updated_at: now,
    dedupe_key: dedupeKeyOf(mention.text, mention.links),
    facets: facetsOf({
      sourceId: input.sourceId,
      sourceKind: mention.sourceKind,
      language: enrichment.language,
      sentimentLabel: enrichment.sentiment.label,
      hasPersonalData,
      watchIds: input.watchIds,
    }),
  };
}

/** A new mention's row, with a fresh id and seq. */
export function newMentionRow(input: StoreMentionInput, now: string): MentionTable {
  const createdAt = storedTime(input.mention.createdAt, 'createdAt');
  return {
    ...contentColumns(input, now),
    seq: newSeq(createdAt),
    id: randomUUID(),
    created_at: createdAt,
    source_id: input.sourceId,
    external_id: input.mention.externalId,
    first_seen_at: now,
  };
}
