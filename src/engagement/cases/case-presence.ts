import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { toDbTime } from '../../platform/db/time.js';

/** What someone is doing on a case. */
export const presenceActivities = ['viewing', 'drafting'] as const;
/** Viewing a case, or drafting a reply to it. */
export type PresenceActivity = (typeof presenceActivities)[number];

/** How long a mark counts: someone not seen for this long has left. */
export const presenceWindowMs = 2 * 60_000;

/** Someone on a case, as last seen. */
export interface Presence {
  userId: string;
  name: string;
  activity: PresenceActivity;
  seenAt: string;
}

/** Records that someone is viewing or drafting on a case now (or refreshes the mark). */
export async function markPresence(db: Kysely<Database>, caseId: string, userId: string, activity: PresenceActivity, at: Date = new Date()): Promise<void> {
  const seenAt = toDbTime(at);
  await db.insertInto('case_presence').values({ case_id: caseId, user_id: userId, activity, seen_at: seenAt })
    .onConflict((oc) => oc.columns(['case_id', 'user_id', 'activity']).doUpdateSet({ seen_at: seenAt }))
    .execute();
}

/** How often one process writes the same mark again: well inside the window, so nobody seems to leave while they stay. */
export const presenceRefreshMs = 20_000;
const mostRemembered = 10_000;

/**
 * markPresence for page views, which come often: a mark this process wrote less than `presenceRefreshMs` ago is not
 * written again. Saves a write per view; presence stays right to within the refresh time.
 */
export function presenceMarker(): (db: Kysely<Database>, caseId: string, userId: string, activity: PresenceActivity, at?: Date) => Promise<void> {
  const written = new Map<string, number>();
  return async (db, caseId, userId, activity, at = new Date()) => {
    const key = `${caseId} ${userId} ${activity}`;
    const last = written.get(key);
    if (last !== undefined && at.getTime() - last < presenceRefreshMs) return;
    if (written.size >= mostRemembered) for (const [old, time] of written) if (at.getTime() - time >= presenceRefreshMs) written.delete(old);
    await markPresence(db, caseId, userId, activity, at);
    written.set(key, at.getTime());
  };
}

/** Everyone seen on a case since the time given, by name; someone both viewing and drafting appears twice. */
export async function presenceOn(db: Kysely<Database>, caseId: string, since: Date): Promise<Presence[]> {
  const rows = await db.selectFrom('case_presence').innerJoin('users', 'users.id', 'case_presence.user_id')
    .select(['case_presence.user_id', 'users.name', 'case_presence.activity', 'case_presence.seen_at'])
    .where('case_presence.case_id', '=', caseId).where('case_presence.seen_at', '>=', toDbTime(since))
    .orderBy('users.name').orderBy('case_presence.activity').execute();
  return rows.map((row) => ({ userId: row.user_id, name: row.name, activity: row.activity, seenAt: row.seen_at }));
}

/** The people other than the viewer, once each: drafting a reply outranks viewing. */
export function othersPresent(presence: readonly Presence[], viewerId: string): Presence[] {
  const byUser = new Map<string, Presence>();
  for (const mark of presence) {
    if (mark.userId === viewerId) continue;
    const seen = byUser.get(mark.userId);
    if (!seen || (seen.activity === 'viewing' && mark.activity === 'drafting')) byUser.set(mark.userId, mark);
  }
  return [...byUser.values()];
}

/** What the case page says about someone present. */
export function presenceMessage(presence: Pick<Presence, 'name' | 'activity'>): string {
  return presence.activity === 'drafting' ? `${presence.name} is drafting a reply` : `${presence.name} is viewing this case`;
}

/** Deletes marks older than the time given; they no longer count anyway. Returns how many went. */
export async function purgePresence(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db.deleteFrom('case_presence').where('seen_at', '<', toDbTime(before)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
