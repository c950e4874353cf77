import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { getMention } from '../../listening/mentions/mention-read.js';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.js';
import { findTeam } from '../../platform/auth/teams.js';
import { findUserById } from '../../platform/auth/users-repository.js';
import type { Database } from '../../platform/db/database.js';
import { toDbTime } from '../../platform/db/time.js';
import { AppError, validationFailed } from '../../platform/errors/app-error.js';
import { problemsOf } from '../../platform/errors/validation.js';
import { loadCalendar } from '../calendar/calendar.js';
import { workingMinutesBetween } from '../calendar/working-time.js';
import { assignInput, priorityInput, tagsInput, triageInput } from './case-input.js';
import { insertCase } from './case-insert.js';
import { findCase, type CaseSummary } from './case-repository.js';
import { noteCaseChange } from './inbox-counts.js';
import type { CaseStatus } from './tables.js';

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationFailed(problemsOf(parsed.error));
  return parsed.data;
}

async function requireCase(db: Kysely<Database>, id: string): Promise<CaseSummary> {
  const found = await findCase(db, id);
  if (!found) throw new AppError('not_found', 'There is no such case');
  return found;
}

/** Runs a change to one case and its audit event in one transaction, and returns the case as it is after. */
async function change(db: Kysely<Database>, id: string, run: (trx: Kysely<Database>, before: CaseSummary) => Promise<void>): Promise<CaseSummary> {
  await db.transaction().execute(async (trx) => run(trx, await requireCase(trx, id)));
  noteCaseChange();
  return requireCase(db, id);
}

const isOpen = (status: CaseStatus) => (status === 'new' || status === 'needs_reply' || status === 'escalated' ? 1 : 0);

/**
 * Records a triage decision, audited. "No reply needed" closes the case with its reason (resolution time measured on
 * the calendar); escalating keeps it open for the team it was escalated to; "needs a reply" keeps it in the inbox.
 */
export async function triageCase(db: Kysely<Database>, actor: Actor, id: string, input: unknown): Promise<CaseSummary> {
  const decision = parse(triageInput, input);
  return change(db, id, async (trx, before) => {
    const now = new Date();
    const status: CaseStatus = decision.decision === 'escalate' ? 'escalated' : decision.decision;
    const closing = status === 'no_reply_needed';
    const resolution = closing ? workingMinutesBetween(await loadCalendar(trx), new Date(before.openedAt), now) : null;
    await trx.updateTable('cases').set({
      status, is_open: isOpen(status), no_reply_reason: decision.decision === 'no_reply_needed' ? decision.reason : null, escalated_to: decision.decision === 'escalate' ? decision.target : null,
      resolved_at: closing ? toDbTime(now) : null, resolution_minutes: resolution, updated_at: toDbTime(now),
    }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'case.triaged', subjectType: 'case', subjectId: id, details: { from: before.status, ...decision } });
  });
}

/** Reopens a closed case (no reply needed, or answered), audited: it goes back to needing a reply. */
export async function reopenCase(db: Kysely<Database>, actor: Actor, id: string): Promise<CaseSummary> {
  return change(db, id, async (trx, before) => {
    if (isOpen(before.status) === 1) throw new AppError('conflict', 'The case is already open');
    await trx.updateTable('cases').set((eb) => ({
      status: 'needs_reply', is_open: 1, no_reply_reason: null, resolved_at: null, resolution_minutes: null, reopened_count: eb('reopened_count', '+', 1), updated_at: toDbTime(new Date()),
    })).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'case.reopened', subjectType: 'case', subjectId: id, details: { from: before.status } });
  });
}

/** Assigns a case to a person and/or a team (empty clears), audited. A person must be an active user. */
export async function assignCase(db: Kysely<Database>, actor: Actor, id: string, input: unknown): Promise<CaseSummary> {
  const data = parse(assignInput, input);
  const assignee = data.assigneeId === '' ? undefined : await findUserById(db, data.assigneeId);
  if (data.assigneeId !== '' && assignee?.status !== 'active') throw validationFailed([{ path: 'assigneeId', message: 'Choose a person from the list' }]);
  if (data.teamId !== '' && !(await findTeam(db, data.teamId))) throw validationFailed([{ path: 'teamId', message: 'Choose a team from the list' }]);
  return change(db, id, async (trx, before) => {
    const teamId = data.teamId === '' ? (assignee?.teamId ?? before.teamId) : data.teamId;
    await trx.updateTable('cases').set({ assignee_id: assignee?.id ?? null, team_id: teamId, updated_at: toDbTime(new Date()) }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'case.assigned', subjectType: 'case', subjectId: id, details: { from: { assignee: before.assigneeId, team: before.teamId }, to: { assignee: assignee?.id ?? null, team: teamId } } });
  });
}

/** Sets a case's priority, audited. */
export async function setCasePriority(db: Kysely<Database>, actor: Actor, id: string, input: unknown): Promise<CaseSummary> {
  const { priority } = parse(priorityInput, input);
  return change(db, id, async (trx, before) => {
    await trx.updateTable('cases').set({ priority, updated_at: toDbTime(new Date()) }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'case.priority-set', subjectType: 'case', subjectId: id, details: { from: before.priority, to: priority } });
  });
}

/** Replaces a case's tags, audited. */
export async function setCaseTags(db: Kysely<Database>, actor: Actor, id: string, input: unknown): Promise<CaseSummary> {
  const tags = [...new Set(parse(tagsInput, input).tags)];
  return change(db, id, async (trx, before) => {
    await trx.deleteFrom('case_tags').where('case_id', '=', id).execute();
    if (tags.length > 0) await trx.insertInto('case_tags').values(tags.map((tag) => ({ case_id: id, tag }))).execute();
    await trx.updateTable('cases').set({ updated_at: toDbTime(new Date()) }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'case.tagged', subjectType: 'case', subjectId: id, details: { from: before.tags, to: tags } });
  });
}

/**
 * Opens a case by hand from a stored mention, audited; the mention's existing case when it already has one.
 */
export async function openCaseFromMention(db: Kysely<Database>, actor: Actor & { type: 'user' }, mentionId: string, teamId: string | null): Promise<CaseSummary> {
  const mention = await getMention(db, mentionId);
  if (!mention) throw new AppError('not_found', 'There is no such mention');
  const existing = await db.selectFrom('case_mentions').select('case_id').where('mention_id', '=', mentionId).executeTakeFirst();
  if (existing) return requireCase(db, existing.case_id);
  const id = await db.transaction().execute((trx) => insertCase(trx, actor, mention, { teamId, status: 'needs_reply', watchId: null, userId: actor.id }));
  noteCaseChange();
  return requireCase(db, id);
}
