import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';

/** A mention ingest has just stored for the first time, as features downstream of listening see it. */
export interface StoredMention {
  readonly id: string;
  readonly externalId: string;
  /** mastodon, bluesky, rss or webhook. */
  readonly sourceKind: string;
  /** The external id (or URL) of the post it answers, if it is a reply. */
  readonly replyTo: string | null;
  readonly language: string;
  readonly createdAt: string;
  readonly watchIds: readonly string[];
}

/**
 * Called by ingest inside the transaction that stores new mentions, so that what a feature does with them (opening
 * cases) commits or rolls back with the mentions themselves. If it resolves to a function, ingest calls that once the
 * transaction has committed (to tell others what changed only when the change is there to see).
 */
export type MentionsStoredHook = (trx: Kysely<Database>, stored: readonly StoredMention[]) => Promise<unknown>;
