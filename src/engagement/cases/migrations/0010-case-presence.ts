import type { Kysely } from 'kysely';

/** Who is viewing or drafting on a case: one row per case, person and activity, refreshed while they are there. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_presence')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_presence_pk', ['case_id', 'user_id', 'activity'])
    .execute();
  await db.schema.createIndex('case_presence_seen').on('case_presence').column('seen_at').execute();
  // The case page's timeline reads the audit log by subject; without this it would scan the whole log.
  await db.schema.createIndex('audit_events_subject').on('audit_events').columns(['subject_type', 'subject_id', 'seq']).execute();
}
