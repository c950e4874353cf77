import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { randomSecret, sha256Hex } from './secret-tokens.js';
import { findSessionUser, type User } from './users-repository.js';

/** How long sessions last. */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/** A live session and its user. */
export interface ActiveSession {
  idHash: string;
  csrfSecret: string;
  user: User;
  createdAt: string;
}

// last_seen_at is written at most this often, so that every request is not a write.
const touchIntervalMs = 60_000;

/** Starts a session; returns the id for the cookie (stored only as a hash). */
export async function createSession(db: Kysely<Database>, userId: string, client: { ip: string; userAgent: string }, now = new Date()): Promise<{ id: string; idHash: string }> {
  const id = randomSecret();
  const idHash = sha256Hex(id);
  await db.insertInto('sessions').values({
    id_hash: idHash,
    user_id: userId,
    csrf_secret: randomSecret(),
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    ip: client.ip,
    user_agent: client.userAgent.slice(0, 300),
  }).execute();
  return { id, idHash };
}

/**
 * Finds the live session for a cookie value. Ends it (and returns undefined) when it is past its idle or absolute
 * limit or its user is disabled.
 */
export async function loadSession(db: Kysely<Database>, id: string, policy: SessionPolicy, now = new Date()): Promise<ActiveSession | undefined> {
  const idHash = sha256Hex(id);
  const found = await findSessionUser(db, idHash);
  if (!found) return undefined;
  const { user } = found;
  const idle = now.getTime() - Date.parse(found.lastSeenAt);
  const age = now.getTime() - Date.parse(found.createdAt);
  if (idle > policy.idleMs || age > policy.absoluteMs || user.status !== 'active') {
    await endSession(db, idHash);
    return undefined;
  }
  if (idle > touchIntervalMs) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id_hash', '=', idHash).execute();
  }
  return { idHash, csrfSecret: found.csrfSecret, user, createdAt: found.createdAt };
}

/** Ends one session. */
export async function endSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a user, except optionally one; returns how many ended. */
export async function endAllSessions(db: Kysely<Database>, userId: string, exceptIdHash?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash !== undefined) query = query.where('id_hash', '!=', exceptIdHash);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes sessions past either limit; run now and then so the table does not grow. */
export async function purgeExpiredSessions(db: Kysely<Database>, policy: SessionPolicy, now = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([
      eb('last_seen_at', '<', new Date(now.getTime() - policy.idleMs).toISOString()),
      eb('created_at', '<', new Date(now.getTime() - policy.absoluteMs).toISOString()),
    ]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
