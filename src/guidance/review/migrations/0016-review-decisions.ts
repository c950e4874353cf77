import { sql, type Kysely } from 'kysely';

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
    .addColumn('language', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_decisions_by_reply').on('review_decisions').columns(['reply_id', 'decided_at']).execute();
  // The last decision on each reply is all that was kept before; a withdrawn review with a decision was an approval
  // (only approvals and waiting reviews are withdrawn, and waiting ones have no decision).
  await sql`insert into review_decisions (id, reply_id, decision, decided_by, decided_at, comment, risk, reviewed_text, language)
    select 'before-0016:' || r.reply_id, r.reply_id, case when r.status = 'withdrawn' then 'approved' else r.status end,
      r.decided_by, r.decided_at, r.comment, r.risk, r.reviewed_text, p.language
    from reply_reviews r join replies p on p.id = r.reply_id
    where r.decided_at is not null`.execute(db);
}
