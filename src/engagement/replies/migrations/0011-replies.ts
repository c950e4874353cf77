import { sql, type Kysely } from 'kysely';

/** Replies and new posts with their publishing state, and teams' saved replies. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.references('cases.id').onDelete('cascade'))
    .addColumn('mention_id', 'text')
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('in_reply_to', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('platform_id', 'text')
    .addColumn('url', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'text')
    .execute();
  // The publish queue: due replies waiting to go out, oldest first.
  await db.schema.createIndex('replies_queue').on('replies').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('replies_case').on('replies').columns(['case_id', 'created_at']).execute();
  // At most one reply on its way per case, whoever writes it: the backstop for two people drafting at once.
  await db.schema.createIndex('replies_one_pending_per_case').on('replies').column('case_id').unique()
    .where(sql<boolean>`state in ('draft', 'submitted', 'publishing')`).execute();
  await db.schema
    .createTable('saved_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('saved_replies_team').on('saved_replies').columns(['team_id', 'language', 'title']).execute();
}
