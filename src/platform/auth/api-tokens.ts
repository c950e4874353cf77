import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit, type Actor } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { nowDbTime } from '../db/time.js';
import { AppError } from '../errors/app-error.js';
import { parseInput } from '../errors/validation.js';
import { randomSecret, sha256Hex } from './secret-tokens.js';
import { findUserById, type User } from './users-repository.js';

/** Every token starts with this, so that secret scanners and people can recognise one. */
export const tokenPrefix = 'parley_';

/** A token as listed: never the token itself. */
export interface ApiTokenInfo {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** What a new token needs. */
export const newTokenInput = z.object({
  name: z.string().trim().min(1, 'Enter a name for the token, such as the script that will use it').max(100, 'Name must be 100 characters or fewer'),
});

/** Makes a personal API token for a user; returns it once. Only its hash is stored. */
export async function createApiToken(db: Kysely<Database>, actor: Actor, userId: string, input: unknown): Promise<{ info: ApiTokenInfo; token: string }> {
  const { name } = parseInput(newTokenInput, input);
  const token = `${tokenPrefix}${randomSecret()}`;
  const info: ApiTokenInfo = { id: randomUUID(), userId, name, prefix: token.slice(0, 12), createdAt: nowDbTime(), lastUsedAt: null, revokedAt: null };
  await db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw new AppError('not_found', 'There is no such user');
    await trx.insertInto('api_tokens').values({
      id: info.id, user_id: userId, name, token_hash: sha256Hex(token), prefix: info.prefix, created_at: info.createdAt, last_used_at: null, revoked_at: null,
    }).execute();
    await recordAudit(trx, actor, { action: 'token.created', subjectType: 'api-token', subjectId: info.id, details: { userId, email: user.email, name } });
  });
  return { info, token };
}

/** Revokes a token, audited. Revoking a revoked token changes nothing. */
export async function revokeApiToken(db: Kysely<Database>, actor: Actor, tokenId: string): Promise<ApiTokenInfo> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'There is no such token');
    if (row.revoked_at === null) {
      const revokedAt = nowDbTime();
      await trx.updateTable('api_tokens').set({ revoked_at: revokedAt }).where('id', '=', tokenId).execute();
      await recordAudit(trx, actor, { action: 'token.revoked', subjectType: 'api-token', subjectId: tokenId, details: { userId: row.user_id, name: row.name } });
      row.revoked_at = revokedAt;
    }
    return toInfo(row);
  });
}

function toInfo(row: { id: string; user_id: string; name: string; prefix: string; created_at: string; last_used_at: string | null; revoked_at: string | null }): ApiTokenInfo {
  return { id: row.id, userId: row.user_id, name: row.name, prefix: row.prefix, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}

/** A user's tokens, newest first. */
export async function listApiTokens(db: Kysely<Database>, userId: string): Promise<ApiTokenInfo[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
  return rows.map(toInfo);
}

/** Finds a token by id. */
export async function findApiToken(db: Kysely<Database>, tokenId: string): Promise<ApiTokenInfo | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).executeTakeFirst();
  return row ? toInfo(row) : undefined;
}

/** The active user a bearer token belongs to, or undefined for an unknown, revoked or disabled one. */
export async function authenticateApiToken(db: Kysely<Database>, token: string, now = new Date()): Promise<User | undefined> {
  if (!token.startsWith(tokenPrefix)) return undefined;
  const row = await db.selectFrom('api_tokens').select(['id', 'user_id', 'revoked_at', 'last_used_at']).where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
  if (!row || row.revoked_at !== null) return undefined;
  const user = await findUserById(db, row.user_id);
  if (!user || user.status !== 'active') return undefined;
  if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return user;
}
