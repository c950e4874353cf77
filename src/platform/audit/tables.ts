/** One event of the append-only audit log. */
export interface AuditEventTable {
  /** Position in the chain, from 1, without gaps. */
  seq: number;
  occurred_at: string;
  actor_type: 'user' | 'system';
  actor_id: string | null;
  /** Who acted, as people read it: a user's email or the name of a system process. */
  actor_label: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  /** JSON object. */
  details: string;
  prev_hash: string;
  hash: string;
}

declare module '../db/database.js' {
  interface Database {
    audit_events: AuditEventTable;
  }
}
