import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { Database } from '../../platform/db/database.js';
import { toDbTime } from '../../platform/db/time.js';
import { loadCalendar } from '../calendar/calendar.js';
import { workingMinutesBetween } from '../calendar/working-time.js';

/** The mention a reply on a case answers: the citizen's latest in the case's thread; undefined when the case has none left. */
export async function latestCaseMention(db: Kysely<Database>, caseId: string): Promise<string | undefined> {
  const row = await db.selectFrom('case_mentions').select('mention_id').where('case_id', '=', caseId).orderBy('added_at', 'desc').orderBy('mention_id', 'desc').executeTakeFirst();
  return row?.mention_id;
}

/**
 * Records that a reply on a case was published, audited, in the caller's transaction: the case is answered and
 * closed, its first response time (kept if it already had one) and resolution time measured in working minutes on
 * the organisation calendar from its opening.
 */
export async function markCaseAnswered(trx: Kysely<Database>, actor: Actor, caseId: string, at: Date, replyId: string): Promise<void> {
  const row = await trx.selectFrom('cases').select(['opened_at', 'first_response_at', 'status']).where('id', '=', caseId).executeTakeFirst();
  if (!row) return;
  const minutes = workingMinutesBetween(await loadCalendar(trx), new Date(row.opened_at), at);
  const first = row.first_response_at === null ? { first_response_at: toDbTime(at), first_response_minutes: minutes } : {};
  await trx.updateTable('cases').set({
    ...first, status: 'answered', is_open: 0, no_reply_reason: null, resolved_at: toDbTime(at), resolution_minutes: minutes, updated_at: toDbTime(new Date()),
  }).where('id', '=', caseId).execute();
  await recordAudit(trx, actor, { action: 'case.answered', subjectType: 'case', subjectId: caseId, details: { from: row.status, reply: replyId, workingMinutes: minutes, firstResponse: row.first_response_at === null } });
}
