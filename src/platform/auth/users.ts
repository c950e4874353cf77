import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit, type Actor } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { nowDbTime } from '../db/time.js';
import { AppError, validationFailed } from '../errors/app-error.js';
import { parseInput } from '../errors/validation.js';
import { emailAddress } from './email.js';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.js';
import { roles, type Role } from './roles.js';
import { endAllSessions } from './sessions.js';
import { countUsers, findPasswordHash, findUserByEmail, findUserById, replaceRoles, type User } from './users-repository.js';
import { afterPeopleChange } from './people-choices.js';

const roleList = z.array(z.enum(roles, { error: 'Choose roles from the list' }));

/** What an admin gives when making an account. */
export const newUserInput = z.object({
  email: emailAddress,
  name: z.string().trim().min(1, 'Enter the person’s full name').max(200, 'Name must be 200 characters or fewer'),
  roles: roleList.min(1, 'Choose at least one role'),
  teamId: z.string().trim().min(1).nullable().optional(),
});

/** What an admin may change on an account. */
export const userChangeInput = z.object({
  name: z.string().trim().min(1, 'Enter the person’s full name').max(200, 'Name must be 200 characters or fewer').optional(),
  roles: roleList.min(1, 'Choose at least one role').optional(),
  teamId: z.string().trim().min(1).nullable().optional(),
});

const unambiguous = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password: five groups of four characters from 31 unambiguous ones, about 99 bits. */
export function generateOneTimePassword(): string {
  const groups = Array.from({ length: 5 }, () => Array.from({ length: 4 }, () => unambiguous[randomInt(unambiguous.length)]).join(''));
  return groups.join('-');
}

async function assertTeamExists(db: Kysely<Database>, teamId: string | null | undefined): Promise<void> {
  if (teamId === null || teamId === undefined) return;
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw validationFailed([{ path: 'teamId', message: 'Choose a team from the list' }]);
}

async function requireUser(db: Kysely<Database>, id: string): Promise<User> {
  const user = await findUserById(db, id);
  if (!user) throw new AppError('not_found', 'There is no such user');
  return user;
}

/**
 * Makes an account with a one-time password, which the person must change when they first sign in. Returns the
 * password: it is shown once to whoever made the account and never stored in clear.
 */
export async function createUser(db: Kysely<Database>, actor: Actor, input: unknown): Promise<{ user: User; oneTimePassword: string }> {
  const data = parseInput(newUserInput, input);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const id = randomUUID();
  await afterPeopleChange(db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, data.email)) throw validationFailed([{ path: 'email', message: 'An account with this email address already exists' }]);
    await assertTeamExists(trx, data.teamId);
    const now = nowDbTime();
    await trx.insertInto('users').values({
      id, email: data.email, name: data.name, password_hash: passwordHash, status: 'active', must_change_password: 1,
      team_id: data.teamId ?? null, created_at: now, updated_at: now,
    }).execute();
    await replaceRoles(trx, id, data.roles);
    await recordAudit(trx, actor, { action: 'user.created', subjectType: 'user', subjectId: id, details: { email: data.email, roles: [...data.roles].sort(), teamId: data.teamId ?? null } });
  }));
  return { user: await requireUser(db, id), oneTimePassword };
}

/** Changes an account's name, roles or team, audited with what changed. */
export async function updateUser(db: Kysely<Database>, actor: Actor, id: string, input: unknown): Promise<User> {
  const data = parseInput(userChangeInput, input);
  await afterPeopleChange(db.transaction().execute(async (trx) => {
    const before = await requireUser(trx, id);
    await assertTeamExists(trx, data.teamId);
    const changes: Record<string, unknown> = {};
    if (data.name !== undefined && data.name !== before.name) changes.name = { from: before.name, to: data.name };
    if (data.teamId !== undefined && data.teamId !== before.teamId) changes.teamId = { from: before.teamId, to: data.teamId };
    const newRoles: Role[] | undefined = data.roles ? [...new Set(data.roles)].sort() : undefined;
    if (newRoles && newRoles.join() !== before.roles.join()) changes.roles = { from: before.roles, to: newRoles };
    if (Object.keys(changes).length === 0) return;
    if (before.id === actorId(actor) && newRoles && !newRoles.includes('admin') && before.roles.includes('admin')) {
      throw validationFailed([{ path: 'roles', message: 'You cannot remove your own admin role; ask another admin' }]);
    }
    await trx.updateTable('users').set({
      ...(data.name !== undefined ? { name: data.name } : {}),
      ...(data.teamId !== undefined ? { team_id: data.teamId } : {}),
      updated_at: nowDbTime(),
    }).where('id', '=', id).execute();
    if (newRoles) await replaceRoles(trx, id, newRoles);
    await recordAudit(trx, actor, { action: 'user.updated', subjectType: 'user', subjectId: id, details: changes });
  }));
  return requireUser(db, id);
}

function actorId(actor: Actor): string | undefined {
  return actor.type === 'user' ? actor.id : undefined;
}

/** Disables an account and ends every session it has at once. Its API tokens stop working while it is disabled. */
export async function disableUser(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  if (actorId(actor) === id) throw new AppError('conflict', 'You cannot disable your own account');
  await afterPeopleChange(db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, id);
    if (user.status === 'disabled') return;
    await trx.updateTable('users').set({ status: 'disabled', updated_at: nowDbTime() }).where('id', '=', id).execute();
    const ended = await endAllSessions(trx, id);
    await recordAudit(trx, actor, { action: 'user.disabled', subjectType: 'user', subjectId: id, details: { email: user.email, sessionsEnded: ended } });
  }));
}

/** Enables a disabled account. */
export async function enableUser(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  await afterPeopleChange(db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, id);
    if (user.status === 'active') return;
    await trx.updateTable('users').set({ status: 'active', updated_at: nowDbTime() }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'user.enabled', subjectType: 'user', subjectId: id, details: { email: user.email } });
  }));
}

/** Gives an account a new one-time password and ends its sessions; returns the password to show once. */
export async function resetPassword(db: Kysely<Database>, actor: Actor, id: string): Promise<string> {
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, id);
    await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 1, updated_at: nowDbTime() }).where('id', '=', id).execute();
    const ended = await endAllSessions(trx, id);
    await recordAudit(trx, actor, { action: 'user.password-reset', subjectType: 'user', subjectId: id, details: { email: user.email, sessionsEnded: ended } });
  });
  return oneTimePassword;
}

/** What a person gives to change their own password. */
export const passwordChangeInput = z.object({
  currentPassword: z.string().min(1, 'Enter your current password'),
  newPassword: z.string().min(1, 'Enter a new password'),
  confirmPassword: z.string().min(1, 'Confirm your new password'),
});

/**
 * Changes a person's own password after checking the current one, and ends their other sessions (the one they are
 * using survives, so they stay signed in).
 */
export async function changeOwnPassword(db: Kysely<Database>, user: User, input: unknown, keepSessionHash: string): Promise<void> {
  const data = parseInput(passwordChangeInput, input);
  const problems = [];
  if (!(await verifyPassword(await findPasswordHash(db, user.id), data.currentPassword))) {
    problems.push({ path: 'currentPassword', message: 'Your current password is not right' });
  }
  problems.push(...passwordProblems(data.newPassword, user.email).map((message) => ({ path: 'newPassword', message })));
  if (data.newPassword !== data.confirmPassword) problems.push({ path: 'confirmPassword', message: 'The passwords do not match' });
  if (data.newPassword === data.currentPassword) problems.push({ path: 'newPassword', message: 'Your new password must be different from your current one' });
  if (problems.length > 0) throw validationFailed(problems);
  const passwordHash = await hashPassword(data.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0, updated_at: nowDbTime() }).where('id', '=', user.id).execute();
    const ended = await endAllSessions(trx, user.id, keepSessionHash);
    await recordAudit(trx, { type: 'user', id: user.id, label: user.email }, { action: 'user.password-changed', subjectType: 'user', subjectId: user.id, details: { otherSessionsEnded: ended } });
  });
}

/**
 * On an empty database, makes the first admin with a one-time password and returns it (to print once).
 * Returns undefined when any account exists already.
 */
export async function ensureFirstAdmin(db: Kysely<Database>, email: string): Promise<string | undefined> {
  if ((await countUsers(db)) > 0) return undefined;
  const { oneTimePassword } = await createUser(db, { type: 'system', label: 'first start' }, { email, name: 'Administrator', roles: ['admin'] });
  return oneTimePassword;
}
