import { sql, type Kysely } from 'kysely';

/**
 * Risk-routed review: each user's trust level, the review a submitted reply is waiting for (the check's risk and
 * findings with it), the essential-service flag of a draft, and the review state counted as "on its way" per case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('user_trust')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('trust_level', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('replies').addColumn('essential_service', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable('reply_reviews')
    .addColumn('reply_id', 'text', (c) => c.primaryKey().references('replies.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('press_office_role', 'text')
    .addColumn('risk', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reviewed_text', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('escalated_at', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reply_reviews_waiting').on('reply_reviews').columns(['status', 'due_at']).execute();
  // A reply waiting for review is still on its way: at most one such reply per case, as before.
  await db.schema.dropIndex('replies_one_pending_per_case').execute();
  await db.schema.createIndex('replies_one_pending_per_case').on('replies').column('case_id').unique()
    .where(sql<boolean>`state in ('draft', 'in_review', 'submitted', 'publishing')`).execute();
}
