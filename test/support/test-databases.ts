import { randomBytes } from 'node:crypto';
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

async function openPostgresSchema(url: string): Promise<DatabaseHandle> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  await admin.db.schema.createSchema(schema).execute();
  const handle = await openMigrated({ kind: 'postgres', url, schema, poolSize: 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.db.schema.dropSchema(schema).cascade().execute();
      await admin.close();
    },
  };
}
