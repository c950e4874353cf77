import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { type Database, dialectOf } from '../db/database.js';
import type { AuditEventTable } from './tables.js';

/** Who did something: a signed-in person, or a process such as the CLI or the ingest worker. */
export type Actor = { type: 'user'; id: string; label: string } | { type: 'system'; label: string };

/** What happened, to what, with what details. Details must hold no secret and no citizen's personal data. */
export interface AuditInput {
  action: string;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
}

/** An audit event as read back. */
export interface AuditEvent {
  seq: number;
  occurredAt: string;
  actor: Actor;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
  hash: string;
}

/** The hash before the first event. */
export const genesisHash = '0'.repeat(64);

type HashedFields = Omit<AuditEventTable, 'hash'>;

/** JSON with object keys sorted at every level, so that the same event always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 over the previous hash and every other field of the event. */
export function hashEvent(fields: HashedFields): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

/**
 * Appends an event to the chain. Call it with the transaction that makes the change it records, so that the change and
 * its record commit together or not at all.
 */
export async function recordAudit(trx: Kysely<Database>, actor: Actor, input: AuditInput, at: Date = new Date()): Promise<number> {
  if (dialectOf(trx) === 'postgres') {
    // Serialises writers across processes; the lock is released when the transaction ends.
    await sql`select pg_advisory_xact_lock(7317001)`.execute(trx);
  }
  const last = await trx.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const fields: HashedFields = {
    seq: (last?.seq ?? 0) + 1,
    occurred_at: at.toISOString(),
    actor_type: actor.type,
    actor_id: actor.type === 'user' ? actor.id : null,
    actor_label: actor.label,
    action: input.action,
    subject_type: input.subjectType ?? null,
    subject_id: input.subjectId ?? null,
    details: canonicalJson(input.details ?? {}),
    prev_hash: last?.hash ?? genesisHash,
  };
  await trx.insertInto('audit_events').values({ ...fields, hash: hashEvent(fields) }).execute();
  return fields.seq;
}

/** Filters for reading the log; all optional. Dates are ISO dates (YYYY-MM-DD) in UTC, inclusive. */
export interface AuditFilter {
  actor?: string;
  action?: string;
  /** Only events about this subject (both given), such as one case. */
  subject?: { type: string; id: string };
  from?: string;
  to?: string;
  /** Keyset paging: only events older than this sequence number. */
  before?: number;
  limit?: number;
}

function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
}

function toEvent(row: AuditEventTable): AuditEvent {
  const details: unknown = JSON.parse(row.details);
  return {
    seq: row.seq,
    occurredAt: row.occurred_at,
    actor: row.actor_type === 'user' && row.actor_id !== null
      ? { type: 'user', id: row.actor_id, label: row.actor_label }
      : { type: 'system', label: row.actor_label },
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    details: details !== null && typeof details === 'object' && !Array.isArray(details) ? { ...details } : {},
    hash: row.hash,
  };
}

/** Reads events newest first. The actor filter matches part of the actor's label; the action filter matches its start. */
export async function listAuditEvents(db: Kysely<Database>, filter: AuditFilter = {}): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_events').selectAll();
  if (filter.actor) query = query.where(sql<boolean>`lower(actor_label) like ${`%${escapeLike(filter.actor.toLowerCase())}%`} escape '\\'`);
  if (filter.action) query = query.where('action', 'like', `${escapeLike(filter.action)}%`);
  if (filter.subject) query = query.where('subject_type', '=', filter.subject.type).where('subject_id', '=', filter.subject.id);
  if (filter.from) query = query.where('occurred_at', '>=', `${filter.from}T00:00:00.000Z`);
  if (filter.to) query = query.where('occurred_at', '<', nextDay(filter.to));
  if (filter.before !== undefined) query = query.where('seq', '<', filter.before);
  const rows = await query.orderBy('seq', 'desc').limit(filter.limit ?? 50).execute();
  return rows.map(toEvent);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The distinct actions in the log, for the filter's list. */
export async function listAuditActions(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('audit_events').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}

/** The outcome of checking the chain. */
export type VerifyResult =
  | { ok: true; events: number }
  | { ok: false; events: number; brokenAt: number; reason: string };

/** Walks the whole chain in order and names the first event whose link or hash does not hold. */
export async function verifyAuditChain(db: Kysely<Database>, pageSize = 1000): Promise<VerifyResult> {
  let prevHash = genesisHash;
  let expectedSeq = 1;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(pageSize).execute();
    for (const row of rows) {
      const checked = expectedSeq - 1;
      if (row.seq !== expectedSeq) {
        return { ok: false, events: checked, brokenAt: expectedSeq, reason: `event ${expectedSeq} is missing (the next one is ${row.seq})` };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, events: checked, brokenAt: row.seq, reason: `event ${row.seq} does not link to the hash of event ${row.seq - 1}` };
      }
      const { hash, ...fields } = row;
      if (hashEvent(fields) !== hash) {
        return { ok: false, events: checked, brokenAt: row.seq, reason: `event ${row.seq} was changed after it was written (its hash does not match its contents)` };
      }
      prevHash = hash;
      expectedSeq += 1;
    }
    if (rows.length < pageSize) return { ok: true, events: expectedSeq - 1 };
  }
}
