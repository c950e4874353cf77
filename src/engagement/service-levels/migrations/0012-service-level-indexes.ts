import type { Kysely } from 'kysely';

/**
 * Indexes for reading cases by when they opened (the service-level report's period) and for the navigation's count of
 * cases waiting on someone: its "unassigned in my team" half otherwise reads every unassigned open case's row to check
 * the team.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('cases_opened').on('cases').column('opened_at').execute();
  await db.schema.createIndex('cases_team_open_assignee').on('cases').columns(['team_id', 'is_open', 'assignee_id']).execute();
}
