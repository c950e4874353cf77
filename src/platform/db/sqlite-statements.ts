import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** How many prepared statements are kept: every fixed query several times over; `in (…)` lists of each length churn. */
const KEPT_STATEMENTS = 256;

/**
 * The SQLite connection as Kysely sees it, with the statements it prepares kept for reuse (the most recently used
 * ones): Kysely prepares each query it runs, and compiling the same SQL again was a measurable part of ingesting a
 * batch. SQLite recompiles a kept statement by itself when the schema changes.
 */
export function reusingStatements(connection: SQLite.Database, kept = KEPT_STATEMENTS): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => connection.close(),
    prepare(sql) {
      const statement = statements.get(sql) ?? connection.prepare(sql);
      // Deleted and set again, so that the Map's order is the order of last use and its first entry the one to drop.
      statements.delete(sql);
      statements.set(sql, statement);
      if (statements.size > kept) {
        const [leastRecent] = statements.keys();
        if (leastRecent !== undefined) statements.delete(leastRecent);
      }
      return statement;
    },
  };
}
