import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle, type DialectName } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrator.js';
import { migrations } from '../../src/migrations.js';

/** A way to get a fresh, migrated, empty database for one test file. */
export interface TestDialect {
  name: DialectName;
  /** Opens a new empty database with every migration applied; close() also throws it away. */
  open(): Promise<DatabaseHandle>;
}

/**
 * The engines storage tests run on: SQLite always, PostgreSQL when PARLEY_TEST_DATABASE_URL is set. Each PostgreSQL
 * database is a fresh schema in the test database, dropped on close, so test files can run side by side.
 */
export function testDialects(): TestDialect[] {
  const dialects: TestDialect[] = [{ name: 'sqlite', open: () => openMigrated({ kind: 'sqlite', path: ':memory:' }) }];
  const url = process.env.PARLEY_TEST_DATABASE_URL;
  if (url) dialects.push({ name: 'postgres', open: () => openPostgresSchema(url) });
  return dialects;
}

async function openMigrated(target: Parameters<typeof openDatabase>[0]): Promise<DatabaseHandle> {
  const handle = await openDatabase(target);
  await migrateToLatest(handle.db, migrations);
  return handle;
}

// Kysely's migrator looks at the tables of every schema (to find its own); a schema another test file drops meanwhile
// makes that fail with "schema … does not exist". Migrations hold this advisory lock shared and drops hold it alone.
const SCHEMA_CHANGES_LOCK = 20_261_121;

async function openPostgresSchema(url: string): Promise<DatabaseHandle> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  await admin.db.schema.createSchema(schema).execute();
  await sql`select pg_advisory_lock_shared(${SCHEMA_CHANGES_LOCK})`.execute(admin.db);
  let handle: DatabaseHandle;
  try {
    handle = await openMigrated({ kind: 'postgres', url, schema, poolSize: 5 });
  } finally {
    await sql`select pg_advisory_unlock_shared(${SCHEMA_CHANGES_LOCK})`.execute(admin.db);
  }
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await sql`select pg_advisory_lock(${SCHEMA_CHANGES_LOCK})`.execute(admin.db);
      try {
        await admin.db.schema.dropSchema(schema).cascade().execute();
      } finally {
        await sql`select pg_advisory_unlock(${SCHEMA_CHANGES_LOCK})`.execute(admin.db);
        await admin.close();
      }
    },
  };
}
