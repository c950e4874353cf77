import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { Sentiment, SentimentLabel } from '../enrich/sentiment.js';
import { type SourceKind, sourceKinds } from './incoming-mention.js';
import type { MentionTable } from './tables.js';

/** What every view of a stored mention shows: where it came from, who wrote it and what enrichment found. */
export interface MentionSummary {
  id: string;
  sourceId: string;
  sourceKind: SourceKind;
  externalId: string;
  url: string | null;
  authorHandle: string | null;
  authorName: string | null;
  language: string;
  sentiment: Sentiment;
  personalDataKinds: string[];
  createdAt: string;
}

/** The columns a MentionSummary is read from. */
export type SummaryRow = Pick<
  MentionTable,
  'id' | 'source_id' | 'source_kind' | 'external_id' | 'url' | 'author_handle' | 'author_name' | 'language' | 'sentiment_score' | 'sentiment_label' | 'personal_data_kinds' | 'created_at'
>;

/** A stored mention as the rest of Parley sees it. */
export interface Mention extends MentionSummary {
  text: string;
  languageConfidence: number;
  links: string[];
  hashtags: string[];
  /** The accounts it mentions. */
  mentions: string[];
  replyTo: string | null;
  firstSeenAt: string;
  updatedAt: string;
}

/** Another source's copy of a mention. */
export interface MentionSighting {
  sourceId: string;
  sourceKind: SourceKind;
  externalId: string;
  url: string | null;
  createdAt: string;
  seenAt: string;
}

/** A mention with the watches it matched and the other sources that saw it. */
export interface MentionDetail extends Mention {
  watchIds: string[];
  sightings: MentionSighting[];
}

const sentimentLabels: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/** A source kind read back from storage; only Parley writes them, so anything else is a damaged row. */
export function toSourceKind(value: string): SourceKind {
  const kind = sourceKinds.find((k) => k === value);
  if (kind === undefined) throw new Error(`Unknown source kind in storage: ${value}`);
  return kind;
}

/** A sentiment read back from storage. */
export function toSentiment(score: number, label: string): Sentiment {
  return { score, label: sentimentLabels.find((l) => l === label) ?? 'neutral' };
}

/** The summary of a stored mention, from its row. */
export function toSummary(row: SummaryRow): MentionSummary {
  return {
    id: row.id,
    sourceId: row.source_id,
    sourceKind: toSourceKind(row.source_kind),
    externalId: row.external_id,
    url: row.url,
    authorHandle: row.author_handle,
    authorName: row.author_name,
    language: row.language,
    sentiment: toSentiment(row.sentiment_score, row.sentiment_label),
    personalDataKinds: toStringArray(row.personal_data_kinds),
    createdAt: row.created_at,
  };
}

/** A JSON array of strings read back from storage. */
export function toStringArray(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** One mention with its watches and sightings, or undefined when there is none with that id. */
export async function getMention(db: Kysely<Database>, id: string): Promise<MentionDetail | undefined> {
  const row = await db
    .selectFrom('mentions')
    .select([
      'id', 'source_id', 'source_kind', 'external_id', 'url', 'author_handle', 'author_name', 'text', 'language',
      'language_confidence', 'sentiment_score', 'sentiment_label', 'personal_data_kinds', 'links', 'hashtags',
      'mentioned', 'reply_to', 'created_at', 'first_seen_at', 'updated_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const watches = await db.selectFrom('mention_watches').select('watch_id').where('mention_id', '=', id).orderBy('watch_id').execute();
  const sightings = await db
    .selectFrom('mention_sightings')
    .select(['source_id', 'source_kind', 'external_id', 'url', 'created_at', 'seen_at'])
    .where('mention_id', '=', id)
    .orderBy('seen_at')
    .orderBy('source_id')
    .execute();
  return {
    ...toSummary(row),
    text: row.text,
    languageConfidence: row.language_confidence,
    links: toStringArray(row.links),
    hashtags: toStringArray(row.hashtags),
    mentions: toStringArray(row.mentioned),
    replyTo: row.reply_to,
    firstSeenAt: row.first_seen_at,
    updatedAt: row.updated_at,
    watchIds: watches.map((w) => w.watch_id),
    sightings: sightings.map((s) => ({
      sourceId: s.source_id,
      sourceKind: toSourceKind(s.source_kind),
      externalId: s.external_id,
      url: s.url,
      createdAt: s.created_at,
      seenAt: s.seen_at,
    })),
  };
}

/** Several mentions' summaries and texts by id, for lists that show mentions (an inbox page); missing ids are left out. */
export async function getMentionTexts(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, MentionSummary & { text: string; replyTo: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('mentions')
    .select(['id', 'source_id', 'source_kind', 'external_id', 'url', 'author_handle', 'author_name', 'text', 'language', 'sentiment_score', 'sentiment_label', 'personal_data_kinds', 'reply_to', 'created_at'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, { ...toSummary(row), text: row.text, replyTo: row.reply_to }]));
}
