import type { Kysely } from 'kysely';

/** Sources of mentions, with leases so that one worker at a time polls or streams each. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('credentials', 'text')
    .addColumn('keep_all', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('include_opted_out', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retention_days', 'integer', (c) => c.notNull().defaultTo(365))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items_received', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items_stored', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items_malformed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sources_due').on('sources').columns(['status', 'next_run_at']).execute();
}
