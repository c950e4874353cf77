import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError, validationFailed } from '../errors/app-error.js';
import { parseInput } from '../errors/validation.js';
import { recordAudit, type Actor } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { nowDbTime } from '../db/time.js';
import { afterPeopleChange } from './people-choices.js';

/** A team: the people who own a service area, a channel or a watch. */
export interface Team {
  id: string;
  name: string;
  members: number;
}

/** What a new or renamed team needs. */
export const teamInput = z.object({
  name: z.string().trim().min(1, 'Enter a team name').max(100, 'Team name must be 100 characters or fewer'),
});

/** Every team's id and name, by name: for choices, where the member counts of listTeams are not needed. */
export async function listTeamNames(db: Kysely<Database>): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute();
}

/** Every team with its member count, by name. */
export async function listTeams(db: Kysely<Database>): Promise<Team[]> {
  const rows = await db
    .selectFrom('teams')
    .leftJoin('users', 'users.team_id', 'teams.id')
    .select((eb) => ['teams.id', 'teams.name', eb.fn.count<number>('users.id').as('members')])
    .groupBy(['teams.id', 'teams.name'])
    .orderBy('teams.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, members: r.members }));
}

/** Finds a team by id. */
export async function findTeam(db: Kysely<Database>, id: string): Promise<Team | undefined> {
  return (await listTeams(db)).find((t) => t.id === id);
}

async function assertNameFree(db: Kysely<Database>, name: string, exceptId?: string): Promise<void> {
  const clash = await db.selectFrom('teams').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())).executeTakeFirst();
  if (clash && clash.id !== exceptId) throw validationFailed([{ path: 'name', message: `A team called ${name} already exists` }]);
}

/** Creates a team, audited. */
export async function createTeam(db: Kysely<Database>, actor: Actor, input: unknown): Promise<Team> {
  const { name } = parseInput(teamInput, input);
  return afterPeopleChange(db.transaction().execute(async (trx) => {
    await assertNameFree(trx, name);
    const id = randomUUID();
    await trx.insertInto('teams').values({ id, name, created_at: nowDbTime() }).execute();
    await recordAudit(trx, actor, { action: 'team.created', subjectType: 'team', subjectId: id, details: { name } });
    return { id, name, members: 0 };
  }));
}

/** Renames a team, audited. */
export async function renameTeam(db: Kysely<Database>, actor: Actor, id: string, input: unknown): Promise<void> {
  const { name } = parseInput(teamInput, input);
  await afterPeopleChange(db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('teams').select('name').where('id', '=', id).executeTakeFirst();
    if (!existing) throw new AppError('not_found', 'There is no such team');
    await assertNameFree(trx, name, id);
    await trx.updateTable('teams').set({ name }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'team.renamed', subjectType: 'team', subjectId: id, details: { from: existing.name, to: name } });
  }));
}
