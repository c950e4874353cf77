import type { Kysely } from 'kysely';
import { createTeam, listTeams } from '../platform/auth/teams.js';
import { hashPassword } from '../platform/auth/passwords.js';
import type { Role } from '../platform/auth/roles.js';
import { createUser, generateOneTimePassword } from '../platform/auth/users.js';
import { findUserByEmail } from '../platform/auth/users-repository.js';
import { createWatch } from '../listening/watches/watches.js';
import { demoWatches } from './sample-posts.js';
import type { Database } from '../platform/db/database.js';

/** The fictional organisation `--demo` loads: a small council-like department with someone in every role, and its watches. */
export const demoTeams = ['Digital communications', 'Benefits service', 'Libraries', 'Waste and recycling', 'Press office'] as const;

/** The demo accounts: one for each role, with their team. */
export const demoPeople: readonly { email: string; name: string; roles: Role[]; team: (typeof demoTeams)[number] }[] = [
  { email: 'olu.adeyemi@demo.parley.example', name: 'Olu Adeyemi', roles: ['officer'], team: 'Digital communications' },
  { email: 'gareth.williams@demo.parley.example', name: 'Gareth Williams', roles: ['officer'], team: 'Benefits service' },
  { email: 'rhian.evans@demo.parley.example', name: 'Rhian Evans', roles: ['reviewer'], team: 'Digital communications' },
  { email: 'harriet.shah@demo.parley.example', name: 'Harriet Shah', roles: ['head-of-digital', 'reviewer'], team: 'Digital communications' },
  { email: 'priya.nair@demo.parley.example', name: 'Priya Nair', roles: ['hr'], team: 'Digital communications' },
  { email: 'ian.thomas@demo.parley.example', name: 'Ian Thomas', roles: ['it-admin'], team: 'Digital communications' },
  { email: 'morgan.lee@demo.parley.example', name: 'Morgan Lee', roles: ['admin'], team: 'Digital communications' },
];

/**
 * Loads the demo organisation unless it is there already. Every demo account gets the same new random password,
 * returned to print once; nothing else in the demo holds a secret.
 */
export async function loadDemoOrganisation(db: Kysely<Database>): Promise<{ password: string; people: typeof demoPeople } | undefined> {
  const first = demoPeople[0];
  if (!first || (await findUserByEmail(db, first.email))) return undefined;
  const actor = { type: 'system', label: 'demo' } as const;
  const existing = new Map((await listTeams(db)).map((t) => [t.name, t.id]));
  for (const name of demoTeams) {
    if (!existing.has(name)) existing.set(name, (await createTeam(db, actor, { name })).id);
  }
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  for (const person of demoPeople) {
    const { user } = await createUser(db, actor, { email: person.email, name: person.name, roles: person.roles, teamId: existing.get(person.team) ?? null });
    await db.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0 }).where('id', '=', user.id).execute();
  }
  for (const watch of demoWatches) {
    await createWatch(db, actor, { name: watch.name, query: watch.query, teamId: existing.get(watch.team) ?? null, serviceArea: watch.serviceArea, needsResponse: watch.needsResponse });
  }
  return { password, people: demoPeople };
}
