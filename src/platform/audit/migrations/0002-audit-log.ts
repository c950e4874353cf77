import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../../db/database.js';

/** The audit log, which the database itself keeps append-only: updates and deletes are refused by a trigger. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_occurred_at').on('audit_events').column('occurred_at').execute();
  await db.schema.createIndex('audit_events_actor_label').on('audit_events').column('actor_label').execute();
  await db.schema.createIndex('audit_events_action').on('audit_events').column('action').execute();

  if (dialectOf(db) === 'postgres') {
    await sql`
      create function audit_events_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'the audit log is append-only';
      end $$`.execute(db);
    await sql`
      create trigger audit_events_no_change before update or delete on audit_events
      for each row execute function audit_events_append_only()`.execute(db);
  } else {
    await sql`
      create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
    await sql`
      create trigger audit_events_no_delete before delete on audit_events
      begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
  }
}
