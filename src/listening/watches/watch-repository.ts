import { type Kysely, sql } from 'kysely';
import { type Database, dialectOf } from '../../platform/db/database.js';
import type { WatchTable } from './tables.js';

/** A watch as the rest of Parley sees it. */
export interface Watch {
  id: string;
  name: string;
  query: string;
  teamId: string | null;
  teamName: string | null;
  serviceArea: string;
  needsResponse: boolean;
  status: 'active' | 'paused';
  createdAt: string;
  updatedAt: string;
}

type Row = WatchTable & { team_name: string | null };

function toWatch(row: Row): Watch {
  return {
    id: row.id, name: row.name, query: row.query, teamId: row.team_id, teamName: row.team_name, serviceArea: row.service_area,
    needsResponse: row.needs_response === 1, status: row.status === 'paused' ? 'paused' : 'active', createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function selectWatches(db: Kysely<Database>) {
  return db.selectFrom('watches').leftJoin('teams', 'teams.id', 'watches.team_id').selectAll('watches').select('teams.name as team_name').where('watches.status', '!=', 'deleted');
}

/** Every watch that is not deleted, by name. */
export async function listWatches(db: Kysely<Database>): Promise<Watch[]> {
  return (await selectWatches(db).orderBy('watches.name').execute()).map(toWatch);
}

/** One watch that is not deleted. */
export async function findWatch(db: Kysely<Database>, id: string): Promise<Watch | undefined> {
  const row = await selectWatches(db).where('watches.id', '=', id).executeTakeFirst();
  return row ? toWatch(row) : undefined;
}

/**
 * The next revision number. Call inside the transaction that changes a watch; on PostgreSQL a transaction-scoped lock
 * makes concurrent writers take turns, so revisions never repeat.
 */
export async function nextWatchRevision(trx: Kysely<Database>): Promise<number> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(7317002)`.execute(trx);
  const row = await trx.selectFrom('watches').select((eb) => eb.fn.max<number | null>('revision').as('max')).executeTakeFirst();
  return (row?.max ?? 0) + 1;
}

/** What changed since a revision: each watch's id, query and whether it is active (paused and deleted are not). */
export async function watchChangesSince(db: Kysely<Database>, revision: number): Promise<{ id: string; query: string; active: boolean; revision: number }[]> {
  const rows = await db.selectFrom('watches').select(['id', 'query', 'status', 'revision']).where('revision', '>', revision).orderBy('revision').execute();
  return rows.map((r) => ({ id: r.id, query: r.query, active: r.status === 'active', revision: r.revision }));
}

/** Of these watches, those marked as needing a response, with their teams, in the order given. */
export async function findWatchesNeedingResponse(db: Kysely<Database>, ids: readonly string[]): Promise<{ id: string; teamId: string | null }[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('watches').select(['id', 'team_id']).where('id', 'in', [...new Set(ids)]).where('needs_response', '=', 1).where('status', '=', 'active').execute();
  const teams = new Map(rows.map((row) => [row.id, row.team_id]));
  return ids.filter((id, at) => teams.has(id) && ids.indexOf(id) === at).map((id) => ({ id, teamId: teams.get(id) ?? null }));
}
