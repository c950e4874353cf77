import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { CaseTiming } from './service-levels.js';

/**
 * The timings of the cases opened from `startsAt` (included) to `endsBefore` (excluded), both UTC ISO: only the columns
 * the report reads, in one pass of the opened_at index.
 */
export async function readCaseTimings(db: Kysely<Database>, period: { startsAt: string; endsBefore: string }): Promise<CaseTiming[]> {
  const rows = await db.selectFrom('cases')
    .select(['opened_at', 'due_at', 'first_response_at', 'first_response_minutes', 'is_open', 'language', 'channel_id', 'team_id'])
    .where('opened_at', '>=', period.startsAt).where('opened_at', '<', period.endsBefore)
    .execute();
  return rows.map((row) => ({
    openedAt: row.opened_at, dueAt: row.due_at, firstResponseAt: row.first_response_at, firstResponseMinutes: row.first_response_minutes,
    isOpen: row.is_open === 1, language: row.language, channelId: row.channel_id, teamId: row.team_id,
  }));
}
