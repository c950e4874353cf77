/** A saved query that picks out the posts a team cares about. */
export interface WatchTable {
  id: string;
  name: string;
  query: string;
  team_id: string | null;
  service_area: string;
  /** 1 when a matching mention should open a case (used by the engagement feature). */
  needs_response: number;
  status: 'active' | 'paused' | 'deleted';
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** Increases with every change to any watch, so that each process can fetch what changed since it last looked. */
  revision: number;
}

declare module '../../platform/db/database.js' {
  interface Database {
    watches: WatchTable;
  }
}
