/** An account the organisation speaks from, with the plan that justifies it and what is known of its credentials. */
export interface ChannelTable {
  id: string;
  platform: 'mastodon' | 'bluesky';
  name: string;
  /** JSON: where the account lives (Mastodon instance URL; Bluesky service URL and handle). No secrets. */
  config: string;
  /** The access token or app password, sealed with AES-256-GCM; null until given. */
  credentials: string | null;
  /** A Bluesky channel's signed-in session as JSON, sealed like the credentials; null when there is none to go on with. */
  session: string | null;
  /** The account's handle as the platform reported it when the credentials were last checked. */
  account_handle: string | null;
  /** The platform's limit on a post's length, read when the credentials were last checked. */
  max_characters: number | null;
  objectives: string;
  team_id: string | null;
  staffed_hours: string;
  /** The response-time promise: so many working hours or working days (from the organisation calendar). */
  promise_amount: number | null;
  promise_unit: 'working_hours' | 'working_days' | null;
  status: 'draft' | 'active' | 'paused';
  /** Why the platform refused the credentials; publishing on the channel stops while this is set. */
  credentials_problem: string | null;
  credentials_checked_at: string | null;
  created_at: string;
  updated_at: string;
}

declare module '../platform/db/database.js' {
  interface Database {
    channels: ChannelTable;
  }
}
