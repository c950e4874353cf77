import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { Database } from '../../platform/db/database.js';
import { nowDbTime } from '../../platform/db/time.js';
import { AppError, validationFailed } from '../../platform/errors/app-error.js';
import { isTrustLevel, type TrustLevel } from '../trust.js';

/** A user's trust level: the one an admin gave, else the policy's default. */
export async function trustLevelOf(db: Kysely<Database>, userId: string, defaultTrust: TrustLevel): Promise<TrustLevel> {
  return (await givenTrustLevel(db, userId)) ?? defaultTrust;
}

/** The trust level an admin gave a user, or undefined when they have the policy's default. */
export async function givenTrustLevel(db: Kysely<Database>, userId: string): Promise<TrustLevel | undefined> {
  const row = await db.selectFrom('user_trust').select('trust_level').where('user_id', '=', userId).executeTakeFirst();
  return row && isTrustLevel(row.trust_level) ? row.trust_level : undefined;
}

/** Sets a user's trust level, audited with the level it replaces. */
export async function setTrustLevel(db: Kysely<Database>, actor: Actor, userId: string, level: string): Promise<TrustLevel> {
  if (!isTrustLevel(level)) throw validationFailed([{ path: 'trustLevel', message: 'Choose supervised or trusted' }]);
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw new AppError('not_found', 'There is no such user');
  await db.transaction().execute(async (trx) => {
    const before = await givenTrustLevel(trx, userId);
    const now = nowDbTime();
    await trx.insertInto('user_trust').values({ user_id: userId, trust_level: level, updated_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ trust_level: level, updated_at: now })).execute();
    await recordAudit(trx, actor, { action: 'user.trust_changed', subjectType: 'user', subjectId: userId, details: { from: before ?? 'default', to: level } });
  });
  return level;
}
