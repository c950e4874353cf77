import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';
import { defaultThrottlePolicy, recordFailure, recordSuccess, throttleKeys, throttleWait, type ThrottlePolicy } from './sign-in-throttle.js';
import { findCredentials, findUserById, type User } from './users-repository.js';

/** What happened to a sign-in attempt. The two failures are worded the same whether or not the account exists. */
export type SignInOutcome =
  | { ok: true; user: User; sessionId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** Checks an email and password, throttled per account and per address, audited either way; starts a session on success. */
export async function signIn(
  db: Kysely<Database>,
  attempt: { email: string; password: string; ip: string; userAgent: string },
  policy: ThrottlePolicy = defaultThrottlePolicy,
): Promise<SignInOutcome> {
  const email = attempt.email.trim().toLowerCase();
  const keys = throttleKeys(email, attempt.ip);
  const wait = await throttleWait(db, keys);
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };

  const credentials = await findCredentials(db, email);
  const passwordOk = await verifyPassword(credentials?.passwordHash, attempt.password);
  const user = credentials && passwordOk && credentials.status === 'active' ? await findUserById(db, credentials.id) : undefined;

  if (!user) {
    await db.transaction().execute(async (trx) => {
      await recordFailure(trx, keys, policy);
      await recordAudit(trx, { type: 'system', label: 'sign-in' }, {
        action: 'user.sign-in-failed',
        ...(credentials ? { subjectType: 'user', subjectId: credentials.id } : {}),
        details: { ip: attempt.ip, reason: !credentials ? 'unknown account' : passwordOk ? 'account disabled' : 'wrong password' },
      });
    });
    return { ok: false, reason: 'invalid' };
  }

  const session = await db.transaction().execute(async (trx) => {
    await recordSuccess(trx, keys);
    const created = await createSession(trx, user.id, attempt);
    await recordAudit(trx, { type: 'user', id: user.id, label: user.email }, { action: 'user.sign-in', subjectType: 'user', subjectId: user.id, details: { ip: attempt.ip } });
    return created;
  });
  return { ok: true, user, sessionId: session.id };
}
