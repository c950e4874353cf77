import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { sha256Hex } from './secret-tokens.js';

/** When throttling starts and how it grows. */
export interface ThrottlePolicy {
  /** Failures allowed on one account before each further one adds a delay. */
  accountFreeFailures: number;
  /** Failures allowed from one address before each further one adds a delay. */
  ipFreeFailures: number;
  /** The first delay; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
}

/** Five free tries per account and twenty per address, then 1 s, 2 s, 4 s … up to 15 minutes. */
export const defaultThrottlePolicy: ThrottlePolicy = {
  accountFreeFailures: 5,
  ipFreeFailures: 20,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 3_600_000,
};

/** The throttle keys of one attempt. The email is hashed, so the table holds no address that was merely typed. */
export function throttleKeys(email: string, ip: string): { account: string; ip: string } {
  return { account: `account:${sha256Hex(email.trim().toLowerCase())}`, ip: `ip:${ip}` };
}

/** Milliseconds until another attempt is allowed for these keys (0: go ahead). */
export async function throttleWait(db: Kysely<Database>, keys: { account: string; ip: string }, now = new Date()): Promise<number> {
  const rows = await db.selectFrom('sign_in_throttle').select(['locked_until']).where('key', 'in', [keys.account, keys.ip]).execute();
  return Math.max(0, ...rows.map((r) => (r.locked_until ? Date.parse(r.locked_until) - now.getTime() : 0)));
}

/** Counts a failed attempt against both keys and sets their next allowed time. */
export async function recordFailure(db: Kysely<Database>, keys: { account: string; ip: string }, policy = defaultThrottlePolicy, now = new Date()): Promise<void> {
  for (const [key, free] of [[keys.account, policy.accountFreeFailures], [keys.ip, policy.ipFreeFailures]] as const) {
    const row = await db.selectFrom('sign_in_throttle').select(['failures', 'updated_at']).where('key', '=', key).executeTakeFirst();
    const stale = row !== undefined && now.getTime() - Date.parse(row.updated_at) > policy.forgetAfterMs;
    const failures = (row && !stale ? row.failures : 0) + 1;
    const over = failures - free;
    const lockedUntil = over > 0 ? new Date(now.getTime() + Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (over - 1))).toISOString() : null;
    const values = { failures, locked_until: lockedUntil, updated_at: now.toISOString() };
    await db.insertInto('sign_in_throttle').values({ key, ...values }).onConflict((oc) => oc.column('key').doUpdateSet(values)).execute();
  }
}

/** A successful sign-in clears the account's count (not the address's: one good password must not reset an attack). */
export async function recordSuccess(db: Kysely<Database>, keys: { account: string }): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', keys.account).execute();
}
