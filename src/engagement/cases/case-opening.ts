import type { Kysely } from 'kysely';
import type { MentionsStoredHook, StoredMention } from '../../listening/ingest/stored-mention.js';
import { findWatchesNeedingResponse } from '../../listening/watches/watch-repository.js';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { Database } from '../../platform/db/database.js';
import { toDbTime } from '../../platform/db/time.js';
import { insertCase } from './case-insert.js';
import { noteCaseChange } from './inbox-counts.js';

const ingestActor: Actor = { type: 'system', label: 'ingest' };
/** Statuses of a case a citizen's follow-up joins; an answered case is reopened by it. */
const joinable = ['new', 'needs_reply', 'escalated', 'answered'] as const;

/**
 * Opens a case for each newly stored mention that matched a watch needing a response, in the ingest transaction.
 * A mention that answers a post already in a case (the citizen following up in the same thread) joins that case
 * instead, reopening it if it had been answered. Returns how many cases were opened and how many mentions joined one.
 */
export async function openCasesFor(trx: Kysely<Database>, stored: readonly StoredMention[]): Promise<{ opened: number; joined: number }> {
  let opened = 0;
  let joined = 0;
  // One query for the whole batch: most new mentions match no watch that needs a response.
  const needing = new Map((await findWatchesNeedingResponse(trx, stored.flatMap((mention) => mention.watchIds))).map((watch) => [watch.id, watch]));
  for (const mention of stored) {
    const watchId = mention.watchIds.find((id) => needing.has(id));
    const first = watchId === undefined ? undefined : needing.get(watchId);
    if (!first) continue;
    const thread = mention.replyTo === null ? undefined : await findCaseInThread(trx, mention.replyTo);
    if (thread) {
      await joinCase(trx, thread, mention);
      joined += 1;
    } else {
      await insertCase(trx, ingestActor, mention, { teamId: first.teamId, status: 'new', watchId: first.id, userId: null });
      opened += 1;
    }
  }
  return { opened, joined };
}

/** The case a reply to this post belongs in: one that holds the post, or that hangs from it. */
async function findCaseInThread(trx: Kysely<Database>, replyTo: string): Promise<{ id: string; status: string } | undefined> {
  const holding = await trx.selectFrom('case_mentions').innerJoin('cases', 'cases.id', 'case_mentions.case_id').select(['cases.id', 'cases.status'])
    .where('case_mentions.external_id', '=', replyTo).where('cases.status', 'in', joinable).orderBy('cases.opened_at', 'desc').executeTakeFirst();
  if (holding) return holding;
  return trx.selectFrom('cases').select(['id', 'status']).where('thread_key', '=', replyTo).where('status', 'in', joinable).orderBy('opened_at', 'desc').executeTakeFirst();
}

async function joinCase(trx: Kysely<Database>, found: { id: string; status: string }, mention: StoredMention): Promise<void> {
  const now = toDbTime(new Date());
  await trx.insertInto('case_mentions').values({ case_id: found.id, mention_id: mention.id, external_id: mention.externalId, added_at: now }).execute();
  if (found.status === 'answered') {
    await trx.updateTable('cases').set((eb) => ({ status: 'needs_reply', is_open: 1, resolved_at: null, resolution_minutes: null, reopened_count: eb('reopened_count', '+', 1), updated_at: now })).where('id', '=', found.id).execute();
    await recordAudit(trx, ingestActor, { action: 'case.reopened', subjectType: 'case', subjectId: found.id, details: { by: 'follow-up', mention: mention.id } });
  } else {
    await trx.updateTable('cases').set({ updated_at: now }).where('id', '=', found.id).execute();
  }
  await recordAudit(trx, ingestActor, { action: 'case.follow-up', subjectType: 'case', subjectId: found.id, details: { mention: mention.id } });
}

/** openCasesFor as ingest's hook: once the batch has committed, this server's processes hear that cases changed. */
export const openCasesOnIngest: MentionsStoredHook = async (trx, stored) => {
  const { opened, joined } = await openCasesFor(trx, stored);
  return opened + joined > 0 ? noteCaseChange : undefined;
};
