import type { Kysely } from 'kysely';

/**
 * A Bluesky channel's signed-in session (access and refresh tokens, DID, handle), sealed like its app password, so a
 * restarted worker goes on with it instead of calling `createSession` again (a PDS allows few of those a day).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('channels').addColumn('session', 'text').execute();
}
