import type { ColumnType } from 'kysely';

/** One stored mention: a post that matched at least one watch (or came from a source that keeps everything). */
export interface MentionTable {
  /**
   * The mention's place in newest-first order, unique: its creation time in milliseconds × 1024 plus a random
   * tie-break (see mention-seq.ts). Pages are keyed on it, date ranges are ranges of it, and on SQLite it is the row id
   * the FTS5 index is keyed on, so a search can walk the index newest first and stop after a page.
   */
  seq: number;
  id: string;
  /** The source that first saw it. No foreign key: sources may be removed while their mentions are kept. */
  source_id: string;
  source_kind: string;
  external_id: string;
  url: string | null;
  author_handle: string | null;
  author_name: string | null;
  text: string;
  /** The text as the search index sees it: folded, diacritics removed, emoji as words (see search-text.ts). */
  search_text: string;
  language: string;
  language_confidence: number;
  sentiment_score: number;
  sentiment_label: string;
  /** JSON array of the kinds of personal data found, e.g. `["email","phone"]`. */
  personal_data_kinds: string;
  /** 1 when personal data was found: the filter's index. */
  has_personal_data: number;
  /** JSON arrays of strings. */
  links: string;
  hashtags: string;
  mentioned: string;
  reply_to: string | null;
  created_at: string;
  first_seen_at: string;
  updated_at: string;
  /** The filter values as search tokens (see search-facets.ts), kept in step with the row and its watches. */
  facets: string;
  /** SHA-256 of the normalised text and first link, when it has a link: finds the same post from other sources. */
  dedupe_key: string | null;
}

/** Another source's copy of a stored mention (the same text and link within a day): counted once, listed here. */
export interface MentionSightingTable {
  mention_id: string;
  source_id: string;
  source_kind: string;
  external_id: string;
  url: string | null;
  created_at: string;
  seen_at: string;
}

/** Which watches a mention matched. */
export interface MentionWatchTable {
  mention_id: string;
  watch_id: string;
}

/**
 * SQLite only: the FTS5 index (contentless: Parley writes each entry from `search_text` and `facets`, a trigger deletes
 * it with its mention), keyed by `mentions.seq`.
 */
export interface MentionFtsTable {
  rowid: number;
  words: string;
  facets: string;
  /** The hidden column named after the table, used on the left of MATCH; never written. */
  mentions_fts: ColumnType<string, never, never>;
}

declare module '../../platform/db/database.js' {
  interface Database {
    mentions: MentionTable;
    mention_sightings: MentionSightingTable;
    mention_watches: MentionWatchTable;
    mentions_fts: MentionFtsTable;
  }
}
