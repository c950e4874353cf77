import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { CaseTable } from '../cases/tables.js';

const hour = 3_600_000;

/** A case for the report's tests: when it opened, and whether and how it was answered. */
export interface TimedCaseSpec {
  openedAt: string;
  /** Working minutes to the first response; unanswered (and open) when absent. */
  answeredMinutes?: number;
  /** Answered after the due time (30 hours after opening) rather than before it (2 hours after). */
  late?: boolean;
  language?: string;
  channelId: string | null;
  teamId: string | null;
}

/** Inserts a case as the inbox would have left it, due a day after it opened. For tests. Returns its id. */
export async function insertTimedCase(db: Kysely<Database>, spec: TimedCaseSpec): Promise<string> {
  const id = randomUUID();
  const opened = Date.parse(spec.openedAt);
  const due = new Date(opened + 24 * hour).toISOString();
  const answeredAt = spec.answeredMinutes === undefined ? null : new Date(opened + (spec.late ? 30 : 2) * hour).toISOString();
  const row: CaseTable = {
    id, mention_id: randomUUID(), thread_key: `at://${id}`, channel_id: spec.channelId, team_id: spec.teamId, assignee_id: null,
    status: answeredAt ? 'answered' : 'needs_reply', is_open: answeredAt ? 0 : 1, sort_due: due, no_reply_reason: null, escalated_to: null, priority: 'normal',
    language: spec.language ?? 'en', opened_by_watch: null, opened_by_user: null, opened_at: spec.openedAt, due_at: due, first_response_at: answeredAt,
    first_response_minutes: spec.answeredMinutes ?? null, resolved_at: answeredAt, resolution_minutes: spec.answeredMinutes ?? null, reopened_count: 0, updated_at: spec.openedAt,
  };
  await db.insertInto('cases').values(row).execute();
  return id;
}
