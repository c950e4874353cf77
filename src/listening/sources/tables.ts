/** A place mentions come from, with its settings, its progress and its health. */
export interface SourceTable {
  id: string;
  kind: 'rss' | 'mastodon' | 'bluesky' | 'webhook';
  name: string;
  status: 'active' | 'paused';
  /** JSON: the kind's settings (no secrets). */
  config: string;
  /** Credentials sealed with AES-256-GCM (a Mastodon token, a webhook secret), or null. */
  credentials: string | null;
  /** 1: store every item, not only those that match a watch. */
  keep_all: number;
  /** 1: also store posts from accounts that opted out of indexing (an admin's decision). */
  include_opted_out: number;
  retention_days: number;
  /** JSON: where the source has got to (ETag, cursor, since_id), saved with the items before it. */
  state: string;
  next_run_at: string;
  last_run_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  failures: number;
  items_received: number;
  items_stored: number;
  items_malformed: number;
  lease_owner: string | null;
  lease_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    sources: SourceTable;
  }
}
