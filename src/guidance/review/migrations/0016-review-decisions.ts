import type { Kysely } from 'kysely';

/**
 * Every reviewer's decision on a reply, kept: a resubmitted draft opens a new review, which replaced the last one's
 * comment. The words decided on are kept with each, so what was asked can be read against what was sent back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('review_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reply_id', 'text', (c) => c.notNull().references('replies.id').onDelete('cascade'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('risk', 'text', (c) => c.notNull())
    .addColumn('reviewed_text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_decisions_by_reply').on('review_decisions').columns(['reply_id', 'decided_at']).execute();
}
