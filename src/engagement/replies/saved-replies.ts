import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hasPermission } from '../../platform/auth/roles.js';
import { findTeam } from '../../platform/auth/teams.js';
import type { User } from '../../platform/auth/users-repository.js';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { Database } from '../../platform/db/database.js';
import { nowDbTime } from '../../platform/db/time.js';
import { AppError, validationFailed } from '../../platform/errors/app-error.js';
import { parseInput } from '../../platform/errors/validation.js';
import { savedReplyInput } from './reply-input.js';

/** A team's saved reply. */
export interface SavedReply {
  id: string;
  teamId: string;
  title: string;
  language: 'en' | 'cy';
  body: string;
  createdAt: string;
  updatedAt: string;
}

/** The placeholders a saved reply may use, and what each stands for. */
export const placeholders = {
  name: 'the citizen’s name, or their handle',
  handle: 'the citizen’s handle',
  case_reference: 'the case’s reference',
  channel: 'the channel’s name',
  officer: 'your name',
  team: 'the case’s team',
} as const;

/** What the placeholders are filled with; those not known are left as written. */
export type PlaceholderValues = Partial<Record<keyof typeof placeholders, string>>;

/** Fills `{name}`, `{case_reference}`… in a saved reply's body; unknown or unfilled placeholders stay as they are. */
export function fillPlaceholders(body: string, values: PlaceholderValues): string {
  return body.replace(/\{([a-z_]+)\}/g, (whole, key: string) => {
    const value = Object.entries(values).find(([name]) => name === key)?.[1];
    return value === undefined || value === '' ? whole : value;
  });
}

function toSaved(row: { id: string; team_id: string; title: string; language: 'en' | 'cy'; body: string; created_at: string; updated_at: string }): SavedReply {
  return { id: row.id, teamId: row.team_id, title: row.title, language: row.language, body: row.body, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** A team's saved replies, by language and title. */
export async function listSavedReplies(db: Kysely<Database>, teamId: string): Promise<SavedReply[]> {
  return (await db.selectFrom('saved_replies').selectAll().where('team_id', '=', teamId).orderBy('language').orderBy('title').execute()).map(toSaved);
}

/** A saved reply with its team's name, as the saved replies page lists it. */
export interface SavedReplyListing extends SavedReply {
  teamName: string;
}

/** Saved replies by team name, language and title: every team's, or one team's. */
export async function listSavedRepliesByTeam(db: Kysely<Database>, teamId?: string): Promise<SavedReplyListing[]> {
  let query = db.selectFrom('saved_replies').innerJoin('teams', 'teams.id', 'saved_replies.team_id').selectAll('saved_replies').select('teams.name as team_name');
  if (teamId !== undefined) query = query.where('saved_replies.team_id', '=', teamId);
  const rows = await query.orderBy('teams.name').orderBy('saved_replies.team_id').orderBy('saved_replies.language').orderBy('saved_replies.title').execute();
  return rows.map((row) => ({ ...toSaved(row), teamName: row.team_name }));
}

/**
 * Whether a person may add, change and delete a team's saved replies: with the `saved-replies:manage` permission,
 * for their own team; an admin for any team.
 */
export function mayManageSavedReplies(user: Pick<User, 'roles' | 'teamId'>, teamId: string): boolean {
  return hasPermission(user.roles, 'saved-replies:manage') && (user.teamId === teamId || user.roles.includes('admin'));
}

/** One saved reply, or not_found. */
export async function requireSavedReply(db: Kysely<Database>, id: string): Promise<SavedReply> {
  const row = await db.selectFrom('saved_replies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'There is no such saved reply');
  return toSaved(row);
}

async function parseSaved(db: Kysely<Database>, input: unknown) {
  const data = parseInput(savedReplyInput, input);
  if (!(await findTeam(db, data.teamId))) throw validationFailed([{ path: 'teamId', message: 'Choose a team from the list' }]);
  return data;
}

/** Adds a saved reply to a team, audited. */
export async function createSavedReply(db: Kysely<Database>, actor: Actor, input: unknown): Promise<SavedReply> {
  const data = await parseSaved(db, input);
  const id = randomUUID();
  const now = nowDbTime();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('saved_replies').values({ id, team_id: data.teamId, title: data.title, language: data.language, body: data.body, created_at: now, updated_at: now }).execute();
    await recordAudit(trx, actor, { action: 'saved-reply.created', subjectType: 'saved-reply', subjectId: id, details: { team: data.teamId, title: data.title, language: data.language } });
  });
  return requireSavedReply(db, id);
}

/** Changes a saved reply, audited. */
export async function updateSavedReply(db: Kysely<Database>, actor: Actor, id: string, input: unknown): Promise<SavedReply> {
  await requireSavedReply(db, id);
  const data = await parseSaved(db, input);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('saved_replies').set({ team_id: data.teamId, title: data.title, language: data.language, body: data.body, updated_at: nowDbTime() }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'saved-reply.changed', subjectType: 'saved-reply', subjectId: id, details: { team: data.teamId, title: data.title, language: data.language } });
  });
  return requireSavedReply(db, id);
}

/** Deletes a saved reply, audited. */
export async function deleteSavedReply(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  const saved = await requireSavedReply(db, id);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('saved_replies').where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'saved-reply.deleted', subjectType: 'saved-reply', subjectId: id, details: { team: saved.teamId, title: saved.title } });
  });
}
