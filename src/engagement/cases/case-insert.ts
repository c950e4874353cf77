import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { findActiveChannelFor } from '../../channels/channel-repository.js';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { Database } from '../../platform/db/database.js';
import { toDbTime } from '../../platform/db/time.js';
import { loadCalendar } from '../calendar/calendar.js';
import { addWorkingDuration } from '../calendar/working-time.js';
import { NO_DUE_TIME, type CaseStatus } from './tables.js';

/** What opening a case needs to know of its first mention. */
export interface OpeningMention {
  id: string;
  externalId: string;
  sourceKind: string;
  replyTo: string | null;
  language: string;
}

/**
 * Inserts a case for a mention, audited, in the caller's transaction. Its channel is the team's own on the mention's
 * platform when it has one that is on (else any that is on), and its due time is the channel's promise counted on
 * the organisation calendar from now. Returns the case's id.
 */
export async function insertCase(
  trx: Kysely<Database>, actor: Actor, mention: OpeningMention,
  opening: { teamId: string | null; status: CaseStatus; watchId: string | null; userId: string | null },
): Promise<string> {
  const id = randomUUID();
  const opened = new Date();
  const platform = mention.sourceKind === 'mastodon' || mention.sourceKind === 'bluesky' ? mention.sourceKind : undefined;
  const channel = platform ? await findActiveChannelFor(trx, platform, opening.teamId) : undefined;
  const promise = channel?.promise;
  const due = promise ? toDbTime(addWorkingDuration(await loadCalendar(trx), opened, promise.unit === 'working_hours' ? { workingHours: promise.amount } : { workingDays: promise.amount })) : null;
  const now = toDbTime(opened);
  await trx.insertInto('cases').values({
    id, mention_id: mention.id, thread_key: mention.replyTo ?? mention.externalId, channel_id: channel?.id ?? null, team_id: opening.teamId ?? channel?.teamId ?? null,
    assignee_id: null, status: opening.status, is_open: 1, sort_due: due ?? NO_DUE_TIME, no_reply_reason: null, escalated_to: null, priority: 'normal', language: mention.language,
    opened_by_watch: opening.watchId, opened_by_user: opening.userId, opened_at: now, due_at: due, first_response_at: null, first_response_minutes: null, resolved_at: null,
    resolution_minutes: null, reopened_count: 0, updated_at: now,
  }).execute();
  await trx.insertInto('case_mentions').values({ case_id: id, mention_id: mention.id, external_id: mention.externalId, added_at: now }).execute();
  await recordAudit(trx, actor, { action: 'case.opened', subjectType: 'case', subjectId: id, details: { mention: mention.id, watch: opening.watchId, channel: channel?.id ?? null, due } });
  return id;
}
