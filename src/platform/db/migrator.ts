import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { type Database, dialectOf } from './database.js';

/** The result of running migrations: the names applied now, in order. */
export interface MigrationReport {
  applied: string[];
}

/** A failed migration, naming which one and why. */
export class MigrationError extends Error {
  constructor(name: string | undefined, cause: unknown) {
    super(`Migration ${name ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'MigrationError';
  }
}

/**
 * Brings the schema up to date. Migrations are numbered and forward-only: names sort in the order they run, and one that
 * has run is never changed. The same set serves SQLite and PostgreSQL.
 */
export async function migrateToLatest(db: Kysely<Database>, migrations: Record<string, Migration>): Promise<MigrationReport> {
  // The migrator looks for its own tables in every schema unless told which: name the one this connection uses.
  const schema = dialectOf(db) === 'postgres'
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined;
  const migrator = new Migrator({
    db,
    ...(schema !== undefined ? { migrationTableSchema: schema } : {}),
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'parley_migrations',
    migrationLockTableName: 'parley_migrations_lock',
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error !== undefined) throw new MigrationError(failed?.migrationName, error);
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
