import { sql, type Kysely } from 'kysely';

/** The guidance policy an admin edits in the product: a single row holding the document, who saved it and when. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('guidance_policy')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('updated_by_id', 'text')
    .addColumn('updated_by_label', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
