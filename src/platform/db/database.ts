import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { reusingStatements } from './sqlite-statements.js';

/**
 * The tables of the database. Empty here: each feature adds its own tables to it by declaration merging
 * (`declare module '…/platform/db/database.js' { interface Database { … } }`), so the platform knows no feature.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}

/** The two storage engines Parley runs on. */
export type DialectName = 'sqlite' | 'postgres';

/** An open database: the typed query builder, which engine is behind it, and how to close it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where it is, without credentials: a file path or host:port/database. */
  location: string;
  close(): Promise<void>;
}

/** Where to open the database. */
export type DatabaseTarget =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

/** The database could not be opened or reached. The message is one line that names where, never a password. */
export class DatabaseUnavailableError extends Error {
  constructor(location: string, reason: string) {
    super(`Cannot open the database at ${location}: ${reason}`);
    this.name = 'DatabaseUnavailableError';
  }
}

// COUNT(*) and other int8 results come back as strings from node-postgres; Parley's counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** Describes a PostgreSQL URL without its password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the PostgreSQL URL given';
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? `${error.code}: ` : '';
    return `${code}${error.message.split('\n')[0] ?? ''}`;
  }
  return String(error);
}

/** Opens the database and checks that it answers. Throws DatabaseUnavailableError when it does not. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'sqlite') return openSqlite(target.path);
  return openPostgres(target);
}

function openSqlite(path: string): DatabaseHandle {
  let connection: SQLite.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    connection = new SQLite(path);
    connection.pragma('journal_mode = WAL');
    connection.pragma('foreign_keys = ON');
    connection.pragma('busy_timeout = 5000');
    connection.pragma('synchronous = NORMAL');
  } catch (error) {
    throw new DatabaseUnavailableError(path, reasonOf(error));
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(connection) }) });
  return { db, dialect: 'sqlite', location: path, close: () => db.destroy() };
}

async function openPostgres(target: { url: string; schema?: string; poolSize?: number }): Promise<DatabaseHandle> {
  const location = describePostgresUrl(target.url);
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  // An idle client that loses its connection must not crash the process; the next query reports the fault.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new DatabaseUnavailableError(location, reasonOf(error));
  }
  return { db, dialect: 'postgres', location, close: () => db.destroy() };
}

/** Which engine a Kysely instance (or transaction) talks to; migrations use it for the few dialect-specific statements. */
export function dialectOf<T>(db: Kysely<T>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Checks that the database answers a trivial query. */
export async function pingDatabase(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
