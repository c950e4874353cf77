import type { Kysely } from 'kysely';
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

async function withRoles(db: Kysely<Database>, rows: UserRow[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const roleRows = await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', rows.map((r) => r.id)).execute();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status,
    mustChangePassword: row.must_change_password === 1,
    teamId: row.team_id,
    teamName: row.team_name,
    roles: roleRows.filter((r) => r.user_id === row.id).map((r) => r.role).filter(isRole).sort(),
    createdAt: row.created_at,
  }));
}

function selectUsers(db: Kysely<Database>) {
  return db.selectFrom('users').leftJoin('teams', 'teams.id', 'users.team_id').select(userColumns);
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
