import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { Database } from '../../platform/db/database.js';
import { nowDbTime } from '../../platform/db/time.js';
import { AppError, validationFailed, type Problem } from '../../platform/errors/app-error.js';
import { parseInput } from '../../platform/errors/validation.js';
import { parseQuery } from '../query/parse.js';
import { findWatch, nextWatchRevision, type Watch } from './watch-repository.js';

/** What a watch is made of, as a form or the API gives it. */
export const watchInput = z.object({
  name: z.string().trim().min(1, 'Enter a name for the watch').max(120, 'Name must be 120 characters or fewer'),
  query: z.string().min(1, 'Enter a query, for example: "universal credit" AND (payment OR late)'),
  teamId: z.string().trim().min(1).nullable().optional(),
  serviceArea: z.string().trim().max(120, 'Service area must be 120 characters or fewer').optional(),
  needsResponse: z.boolean().optional(),
  status: z.enum(['active', 'paused']).optional(),
});

/** The query's problems as form problems, each naming its line and column. */
export function queryProblems(query: string): Problem[] {
  const parsed = parseQuery(query);
  if (parsed.ok) return [];
  return parsed.errors.map((e) => ({ path: 'query', message: `Line ${e.line}, column ${e.column}: ${e.message}` }));
}

async function assertTeam(db: Kysely<Database>, teamId: string | null | undefined): Promise<void> {
  if (teamId === null || teamId === undefined) return;
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw validationFailed([{ path: 'teamId', message: 'Choose a team from the list' }]);
}

function checked(input: unknown) {
  const data = parseInput(watchInput, input);
  const problems = queryProblems(data.query);
  if (problems.length > 0) throw validationFailed(problems);
  return data;
}

/** Saves a new watch, audited. Running ingest picks it up within seconds. */
export async function createWatch(db: Kysely<Database>, actor: Actor, input: unknown): Promise<Watch> {
  const data = checked(input);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await assertTeam(trx, data.teamId);
    const now = nowDbTime();
    await trx.insertInto('watches').values({
      id, name: data.name, query: data.query, team_id: data.teamId ?? null, service_area: data.serviceArea ?? '', needs_response: data.needsResponse === true ? 1 : 0,
      status: data.status ?? 'active', created_by: actor.type === 'user' ? actor.id : null, created_at: now, updated_at: now, revision: await nextWatchRevision(trx),
    }).execute();
    await recordAudit(trx, actor, { action: 'watch.created', subjectType: 'watch', subjectId: id, details: { name: data.name, query: data.query } });
  });
  const watch = await findWatch(db, id);
  if (!watch) throw new AppError('internal');
  return watch;
}

/** Changes a watch, audited with the old and new query. */
export async function updateWatch(db: Kysely<Database>, actor: Actor, id: string, input: unknown): Promise<Watch> {
  const data = checked(input);
  await db.transaction().execute(async (trx) => {
    const before = await findWatch(trx, id);
    if (!before) throw new AppError('not_found', 'There is no such watch');
    await assertTeam(trx, data.teamId);
    await trx.updateTable('watches').set({
      name: data.name, query: data.query, team_id: data.teamId ?? null, service_area: data.serviceArea ?? '', needs_response: data.needsResponse === true ? 1 : 0,
      status: data.status ?? before.status, updated_at: nowDbTime(), revision: await nextWatchRevision(trx),
    }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'watch.updated', subjectType: 'watch', subjectId: id, details: { name: data.name, from: before.query, to: data.query, status: data.status ?? before.status } });
  });
  const watch = await findWatch(db, id);
  if (!watch) throw new AppError('internal');
  return watch;
}

/** Deletes a watch, audited. The row stays (marked deleted) so that every process sees the deletion. */
export async function deleteWatch(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await findWatch(trx, id);
    if (!before) throw new AppError('not_found', 'There is no such watch');
    await trx.updateTable('watches').set({ status: 'deleted', updated_at: nowDbTime(), revision: await nextWatchRevision(trx) }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'watch.deleted', subjectType: 'watch', subjectId: id, details: { name: before.name, query: before.query } });
  });
}
