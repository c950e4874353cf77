import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { dialectOf } from '../../platform/db/database.js';
import type { SourceTable } from './tables.js';

/** A source as pages and the API show it: never its credentials. */
export interface Source {
  id: string;
  kind: SourceTable['kind'];
  name: string;
  status: 'active' | 'paused';
  config: Record<string, unknown>;
  hasCredentials: boolean;
  keepAll: boolean;
  includeOptedOut: boolean;
  retentionDays: number;
  health: {
    nextRunAt: string;
    lastRunAt: string | null;
    lastSuccessAt: string | null;
    lastError: string | null;
    lastErrorAt: string | null;
    failures: number;
    itemsReceived: number;
    itemsStored: number;
    itemsMalformed: number;
    leaseOwner: string | null;
  };
  createdAt: string;
}

function parseObject(json: string): Record<string, unknown> {
  const value: unknown = JSON.parse(json);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
}

/** Turns a row into a Source. */
export function toSource(row: SourceTable): Source {
  return {
    id: row.id, kind: row.kind, name: row.name, status: row.status, config: parseObject(row.config), hasCredentials: row.credentials !== null,
    keepAll: row.keep_all === 1, includeOptedOut: row.include_opted_out === 1, retentionDays: row.retention_days,
    health: {
      nextRunAt: row.next_run_at, lastRunAt: row.last_run_at, lastSuccessAt: row.last_success_at, lastError: row.last_error, lastErrorAt: row.last_error_at,
      failures: row.failures, itemsReceived: row.items_received, itemsStored: row.items_stored, itemsMalformed: row.items_malformed, leaseOwner: row.lease_owner,
    },
    createdAt: row.created_at,
  };
}

/** Every source, by name. */
export async function listSources(db: Kysely<Database>): Promise<Source[]> {
  return (await db.selectFrom('sources').selectAll().orderBy('name').execute()).map(toSource);
}

/** One source's row, credentials sealed. */
export async function findSourceRow(db: Kysely<Database>, id: string): Promise<SourceTable | undefined> {
  return db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Takes a lease on up to `limit` active sources that are due and not leased by a live worker, and returns their rows.
 * On PostgreSQL, rows another worker is claiming at the same moment are skipped (FOR UPDATE SKIP LOCKED).
 */
export async function claimDueSources(db: Kysely<Database>, owner: string, now: Date, leaseMs: number, limit: number, kinds: readonly SourceTable['kind'][]): Promise<SourceTable[]> {
  const nowIso = now.toISOString();
  let due = db.selectFrom('sources').select('id')
    .where('status', '=', 'active')
    .where('kind', 'in', [...kinds])
    .where('next_run_at', '<=', nowIso)
    .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', nowIso)]))
    .orderBy('next_run_at')
    .limit(limit);
  if (dialectOf(db) === 'postgres') due = due.forUpdate().skipLocked();
  return db.updateTable('sources')
    .set({ lease_owner: owner, lease_expires_at: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

/** Extends a lease; false when the worker no longer holds it (it expired and another took over, or the source was paused). */
export async function renewLease(db: Kysely<Database>, id: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
  const result = await db.updateTable('sources')
    .set({ lease_expires_at: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', '=', id).where('lease_owner', '=', owner).where('status', '=', 'active')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Gives a lease back. */
export async function releaseLease(db: Kysely<Database>, id: string, owner: string): Promise<void> {
  await db.updateTable('sources').set({ lease_owner: null, lease_expires_at: null }).where('id', '=', id).where('lease_owner', '=', owner).execute();
}

/** Records a run that worked: clears the error count and sets the next run. */
export async function recordSourceSuccess(db: Kysely<Database>, id: string, now: Date, nextRunAt: Date): Promise<void> {
  await db.updateTable('sources').set({ last_run_at: now.toISOString(), last_success_at: now.toISOString(), failures: 0, next_run_at: nextRunAt.toISOString() }).where('id', '=', id).execute();
}

/** Records a failed run: the error to show on the sources page, one more failure, and when to try again. */
export async function recordSourceFailure(db: Kysely<Database>, id: string, now: Date, error: string, nextRunAt: Date): Promise<number> {
  const row = await db.selectFrom('sources').select('failures').where('id', '=', id).executeTakeFirst();
  const failures = (row?.failures ?? 0) + 1;
  await db.updateTable('sources').set({ last_run_at: now.toISOString(), last_error: error.slice(0, 500), last_error_at: now.toISOString(), failures, next_run_at: nextRunAt.toISOString() }).where('id', '=', id).execute();
  return failures;
}

/** Adds to the counts shown on the sources page and saves the source's progress, in the caller's transaction. */
export async function recordSourceProgress(trx: Kysely<Database>, id: string, counts: { received: number; stored: number; malformed: number }, state: Record<string, unknown> | undefined): Promise<void> {
  await trx.updateTable('sources')
    .set((eb) => ({
      items_received: eb('items_received', '+', counts.received),
      items_stored: eb('items_stored', '+', counts.stored),
      items_malformed: eb('items_malformed', '+', counts.malformed),
      ...(state !== undefined ? { state: JSON.stringify(state) } : {}),
    }))
    .where('id', '=', id)
    .execute();
}
