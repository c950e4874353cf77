import type { Kysely } from 'kysely';
import { changeSignal } from '../cluster/change-signal.js';
import { keptUntilChange } from '../cluster/kept-until-change.js';
import type { Database } from '../db/database.js';
import type { Role } from './roles.js';
import { listTeamNames } from './teams.js';
import { listActivePeopleWithRoles } from './users-repository.js';

/** How long the lists are reused when no account or team changes in this server meanwhile. */
const keptMs = 30_000;
const peopleChanges = changeSignal('people-change');

/** Resolves as the change does, and then tells every process of this server that accounts or teams changed. */
export async function afterPeopleChange<T>(change: Promise<T>): Promise<T> {
  const result = await change;
  peopleChanges.note();
  return result;
}

const keptPeople = keptUntilChange((db: Kysely<Database>, roles: readonly Role[]) => listActivePeopleWithRoles(db, roles), { signal: peopleChanges, keptMs, keyOf: (roles) => roles.join(',') });
const keptTeams = keptUntilChange<Kysely<Database>, 'all', { id: string; name: string }[]>((db) => listTeamNames(db), { signal: peopleChanges, keptMs, keyOf: () => 'all' });

/** Active people with any of the roles (the choices for an assignee, say), kept until an account or team changes. */
export function peopleChoices(db: Kysely<Database>, roles: readonly Role[], now = Date.now()): Promise<{ id: string; name: string; teamName: string | null }[]> {
  return keptPeople(db, roles, now);
}

/** Every team's id and name, kept until an account or team changes. */
export function teamChoices(db: Kysely<Database>, now = Date.now()): Promise<{ id: string; name: string }[]> {
  return keptTeams(db, 'all', now);
}
