import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf } from './database.js';

/**
 * An aggregate that joins a text column's values with commas, on either engine (`string_agg` on PostgreSQL,
 * `group_concat` on SQLite), in no particular order; null when there are none. For values that hold no commas.
 */
export function commaJoined<T>(db: Kysely<T>, column: string): RawBuilder<string | null> {
  const ref = sql.ref(column);
  return dialectOf(db) === 'postgres' ? sql<string | null>`string_agg(${ref}, ',')` : sql<string | null>`group_concat(${ref}, ',')`;
}

/** The values a commaJoined aggregate gave, sorted; none for null. */
export function splitJoined(joined: string | null | undefined): string[] {
  return joined ? joined.split(',').sort() : [];
}
