import type { Kysely } from 'kysely';

/** Cases: the shared inbox's conversations, their mentions and tags. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mention_id', 'text', (c) => c.notNull())
    .addColumn('thread_key', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.references('channels.id').onDelete('set null'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_open', 'integer', (c) => c.notNull())
    .addColumn('sort_due', 'text', (c) => c.notNull())
    .addColumn('no_reply_reason', 'text')
    .addColumn('escalated_to', 'text')
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('opened_by_watch', 'text')
    .addColumn('opened_by_user', 'text')
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('first_response_at', 'text')
    .addColumn('first_response_minutes', 'integer')
    .addColumn('resolved_at', 'text')
    .addColumn('resolution_minutes', 'integer')
    .addColumn('reopened_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The inbox's views: open cases by due time, for a team, for a person, and the thread a follow-up joins.
  await db.schema.createIndex('cases_open_due').on('cases').columns(['is_open', 'sort_due', 'id']).execute();
  await db.schema.createIndex('cases_team_open_due').on('cases').columns(['team_id', 'is_open', 'sort_due', 'id']).execute();
  await db.schema.createIndex('cases_assignee_open_due').on('cases').columns(['assignee_id', 'is_open', 'sort_due', 'id']).execute();
  await db.schema.createIndex('cases_language_open_due').on('cases').columns(['language', 'is_open', 'sort_due', 'id']).execute();
  await db.schema.createIndex('cases_thread').on('cases').columns(['thread_key', 'status']).execute();
  await db.schema
    .createTable('case_mentions')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('mention_id', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_mentions_pk', ['case_id', 'mention_id'])
    .execute();
  await db.schema.createIndex('case_mentions_mention').on('case_mentions').column('mention_id').unique().execute();
  await db.schema.createIndex('case_mentions_external').on('case_mentions').column('external_id').execute();
  await db.schema
    .createTable('case_tags')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_tags_pk', ['case_id', 'tag'])
    .execute();
}
