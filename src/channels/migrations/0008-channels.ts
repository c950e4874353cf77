import type { Kysely } from 'kysely';

/** Channels: the accounts the organisation speaks from, each with its plan. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('credentials', 'text')
    .addColumn('account_handle', 'text')
    .addColumn('max_characters', 'integer')
    .addColumn('objectives', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('staffed_hours', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('promise_amount', 'integer')
    .addColumn('promise_unit', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('credentials_problem', 'text')
    .addColumn('credentials_checked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('channels_name').on('channels').column('name').unique().execute();
}
