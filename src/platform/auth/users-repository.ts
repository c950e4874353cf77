import type { Kysely } from 'kysely';
import { commaJoined, splitJoined } from '../db/comma-joined.js';
import type { Database } from '../db/database.js';
import { isRole, type Role } from './roles.js';

/** A person's account as the rest of Parley sees it (never with the password hash). */
export interface User {
  id: string;
  email: string;
  name: string;
  status: 'active' | 'disabled';
  mustChangePassword: boolean;
  teamId: string | null;
  teamName: string | null;
  roles: Role[];
  createdAt: string;
}

const userColumns = ['users.id', 'users.email', 'users.name', 'users.status', 'users.must_change_password', 'users.team_id', 'users.created_at', 'teams.name as team_name'] as const;

type UserRow = {
  id: string;
  email: string;
  name: string;
  status: 'active' | 'disabled';
  must_change_password: number;
  team_id: string | null;
  created_at: string;
  team_name: string | null;
};

function toUser(row: UserRow): Omit<User, 'roles'> {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status,
    mustChangePassword: row.must_change_password === 1,
    teamId: row.team_id,
    teamName: row.team_name,
    createdAt: row.created_at,
  };
}

async function withRoles(db: Kysely<Database>, rows: UserRow[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const roleRows = await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', rows.map((r) => r.id)).execute();
  return rows.map((row) => ({ ...toUser(row), roles: roleRows.filter((r) => r.user_id === row.id).map((r) => r.role).filter(isRole).sort() }));
}

function selectUsers(db: Kysely<Database>) {
  return db.selectFrom('users').leftJoin('teams', 'teams.id', 'users.team_id').select(userColumns);
}

/**
 * The account a session belongs to, read with the session in one statement (every request signs in this way), with
 * the session's own fields; undefined when there is no such session.
 */
export async function findSessionUser(db: Kysely<Database>, idHash: string): Promise<{ user: User; csrfSecret: string; createdAt: string; lastSeenAt: string } | undefined> {
  const row = await db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id').leftJoin('teams', 'teams.id', 'users.team_id')
    .select([...userColumns, 'sessions.csrf_secret', 'sessions.created_at as session_created_at', 'sessions.last_seen_at'])
    // The roles come in the same statement (role names are kebab-case words, without commas).
    .select((eb) => eb.selectFrom('user_roles').select(commaJoined(db, 'user_roles.role').as('roles')).whereRef('user_roles.user_id', '=', 'users.id').as('roles'))
    .where('sessions.id_hash', '=', idHash).executeTakeFirst();
  if (!row) return undefined;
  const user = { ...toUser(row), roles: splitJoined(row.roles).filter(isRole) };
  return { user, csrfSecret: row.csrf_secret, createdAt: row.session_created_at, lastSeenAt: row.last_seen_at };
}

/** Finds an account by id. */
export async function findUserById(db: Kysely<Database>, id: string): Promise<User | undefined> {
  const row = await selectUsers(db).where('users.id', '=', id).executeTakeFirst();
  return row ? (await withRoles(db, [row]))[0] : undefined;
}

/** Finds an account by (normalised) email. */
export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<User | undefined> {
  const row = await selectUsers(db).where('users.email', '=', email).executeTakeFirst();
  return row ? (await withRoles(db, [row]))[0] : undefined;
}

/** The password hash of an active account, for sign-in. */
export async function findCredentials(db: Kysely<Database>, email: string): Promise<{ id: string; passwordHash: string; status: 'active' | 'disabled' } | undefined> {
  const row = await db.selectFrom('users').select(['id', 'password_hash', 'status']).where('email', '=', email).executeTakeFirst();
  return row ? { id: row.id, passwordHash: row.password_hash, status: row.status } : undefined;
}

/** The password hash of an account by id, for a password change. */
export async function findPasswordHash(db: Kysely<Database>, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
  return row?.password_hash;
}

/** Active accounts that have any of the roles, by name: the people a choice (an assignee, say) may name. */
export async function listActivePeopleWithRoles(db: Kysely<Database>, roles: readonly Role[]): Promise<{ id: string; name: string; teamName: string | null }[]> {
  if (roles.length === 0) return [];
  return (await db.selectFrom('users').leftJoin('teams', 'teams.id', 'users.team_id')
    .select(['users.id', 'users.name', 'teams.name as team_name'])
    .where('users.status', '=', 'active')
    .where((eb) => eb.exists(eb.selectFrom('user_roles').select('user_roles.user_id').whereRef('user_roles.user_id', '=', 'users.id').where('user_roles.role', 'in', roles)))
    .orderBy('users.name').orderBy('users.email').execute()).map((row) => ({ id: row.id, name: row.name, teamName: row.team_name }));
}

/** The names of the accounts with these ids (disabled ones too). */
export async function namesOfUsers(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Every account, by name. */
export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  return withRoles(db, await selectUsers(db).orderBy('users.name').orderBy('users.email').execute());
}

/** How many accounts exist. */
export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return row.n;
}

/** Replaces an account's roles. */
export async function replaceRoles(db: Kysely<Database>, userId: string, newRoles: readonly Role[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (newRoles.length > 0) {
    await db.insertInto('user_roles').values([...new Set(newRoles)].map((role) => ({ user_id: userId, role }))).execute();
  }
}
