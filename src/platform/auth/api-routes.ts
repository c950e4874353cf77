import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { AppError } from '../errors/app-error.js';
import { found } from '../http/server.js';
import { actorOf } from '../http/actor.js';
import { createApiToken, findApiToken, listApiTokens, newTokenInput, revokeApiToken } from './api-tokens.js';
import { hasPermission, roles } from './roles.js';
import { createTeam, listTeams, teamInput } from './teams.js';
import { createUser, disableUser, enableUser, newUserInput, resetPassword, updateUser, userChangeInput } from './users.js';
import { findUserById, listUsers } from './users-repository.js';

/** How a user looks in the API. */
export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  status: z.enum(['active', 'disabled']),
  mustChangePassword: z.boolean(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  roles: z.array(z.enum(roles)),
  createdAt: z.string(),
});

const tokenSchema = z.object({
  id: z.string(), userId: z.string(), name: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable(),
});
const teamSchema = z.object({ id: z.string(), name: z.string(), members: z.number() });
const idParams = z.object({ id: z.string().min(1) });
const manageUsers = { access: { permission: 'users:manage' } } as const;

/** The accounts part of the JSON API. */
export function registerAccountApi(root: FastifyInstance, db: Kysely<Database>): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/me', { config: { access: 'signed-in' }, schema: { tags: ['accounts'], summary: 'The account the token belongs to', response: { 200: userSchema } } }, (request) =>
    found(request.user, 'user'));

  app.get('/api/v1/users', { config: manageUsers, schema: { tags: ['accounts'], summary: 'List users', response: { 200: z.object({ users: z.array(userSchema) }) } } }, async () =>
    ({ users: await listUsers(db) }));

  app.post('/api/v1/users', {
    config: manageUsers,
    schema: { tags: ['accounts'], summary: 'Add a user; the response holds their one-time password, shown only this once', body: newUserInput, response: { 201: z.object({ user: userSchema, oneTimePassword: z.string() }) } },
  }, async (request, reply) => {
    const result = await createUser(db, actorOf(request), request.body);
    return reply.code(201).send(result);
  });

  app.get('/api/v1/users/:id', { config: manageUsers, schema: { tags: ['accounts'], summary: 'One user', params: idParams, response: { 200: userSchema } } }, async (request) =>
    found(await findUserById(db, request.params.id), 'user'));

  app.patch('/api/v1/users/:id', {
    config: manageUsers,
    schema: { tags: ['accounts'], summary: 'Change a user’s name, roles, team or status (disabling ends their sessions)', params: idParams, body: userChangeInput.extend({ status: z.enum(['active', 'disabled']).optional() }), response: { 200: userSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    const { status, ...changes } = request.body;
    const id = found(await findUserById(db, request.params.id), 'user').id;
    if (Object.keys(changes).length > 0) await updateUser(db, actor, id, changes);
    if (status === 'disabled') await disableUser(db, actor, id);
    if (status === 'active') await enableUser(db, actor, id);
    return found(await findUserById(db, id), 'user');
  });

  app.post('/api/v1/users/:id/password-reset', {
    config: manageUsers,
    schema: { tags: ['accounts'], summary: 'Give a user a new one-time password and end their sessions', params: idParams, response: { 200: z.object({ oneTimePassword: z.string() }) } },
  }, async (request) => ({ oneTimePassword: await resetPassword(db, actorOf(request), request.params.id) }));

  app.get('/api/v1/teams', { config: { access: 'signed-in' }, schema: { tags: ['accounts'], summary: 'List teams', response: { 200: z.object({ teams: z.array(teamSchema) }) } } }, async () =>
    ({ teams: await listTeams(db) }));

  app.post('/api/v1/teams', { config: { access: { permission: 'teams:manage' } }, schema: { tags: ['accounts'], summary: 'Add a team', body: teamInput, response: { 201: teamSchema } } }, async (request, reply) =>
    reply.code(201).send(await createTeam(db, actorOf(request), request.body)));

  app.get('/api/v1/tokens', { config: { access: 'signed-in' }, schema: { tags: ['accounts'], summary: 'Your API tokens (never the tokens themselves)', response: { 200: z.object({ tokens: z.array(tokenSchema) }) } } }, async (request) =>
    ({ tokens: await listApiTokens(db, found(request.user, 'user').id) }));

  app.post('/api/v1/tokens', {
    config: { access: 'signed-in' },
    schema: { tags: ['accounts'], summary: 'Create an API token for yourself; the token is in the response only this once', body: newTokenInput, response: { 201: z.object({ token: z.string(), info: tokenSchema }) } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    return reply.code(201).send(await createApiToken(db, actor, found(request.user, 'user').id, request.body));
  });

  app.delete('/api/v1/tokens/:id', { config: { access: 'signed-in' }, schema: { tags: ['accounts'], summary: 'Revoke a token: your own, or anyone’s as an admin', params: idParams, response: { 200: tokenSchema } } }, async (request) => {
    const user = found(request.user, 'user');
    const token = await findApiToken(db, request.params.id);
    if (!token || (token.userId !== user.id && !hasPermission(user.roles, 'tokens:manage-any'))) throw new AppError('not_found', 'There is no such token');
    return revokeApiToken(db, actorOf(request), token.id);
  });
}
