import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { formBody, handleForm, listField, textField } from '../http/forms.js';
import { actorOf } from '../http/actor.js';
import { found } from '../http/server.js';
import { listApiTokens, revokeApiToken } from './api-tokens.js';
import { roleDescriptions, roles } from './roles.js';
import { createTeam, listTeams } from './teams.js';
import { createUser, disableUser, enableUser, resetPassword, updateUser } from './users.js';
import { findUserById, listUsers } from './users-repository.js';

type WithId = { Params: { id: string } };

const roleOptions = roles.map((value) => ({ value, description: roleDescriptions[value] }));
const manageUsers = { access: { permission: 'users:manage' } } as const;

function userForm(body: Record<string, unknown>) {
  const teamId = textField(body.teamId);
  return { email: textField(body.email), name: textField(body.name), roles: listField(body.roles), teamId: teamId === '' ? null : teamId };
}

/** The admin's pages for people and teams. */
export function registerAdminRoutes(app: FastifyInstance, db: Kysely<Database>): void {
  app.get('/admin/users', { config: manageUsers }, async (_request, reply) => reply.page('platform/auth/views/users.njk', { users: await listUsers(db) }));

  app.get('/admin/users/new', { config: manageUsers }, async (_request, reply) =>
    reply.page('platform/auth/views/user-new.njk', { roleOptions, teams: await listTeams(db), values: { roles: ['officer'] } }));

  app.post('/admin/users/new', { config: manageUsers }, async (request, reply) => {
    const values = userForm(formBody(request.body));
    return handleForm(reply, 'platform/auth/views/user-new.njk', { roleOptions, teams: await listTeams(db), values }, async () => {
      const { user, oneTimePassword } = await createUser(db, actorOf(request), values);
      return reply.page('platform/auth/views/one-time-password.njk', { heading: 'User added', subject: user, oneTimePassword });
    });
  });

  app.get<WithId>('/admin/users/:id', { config: manageUsers }, async (request, reply) => {
    const subject = found(await findUserById(db, request.params.id), 'user');
    return reply.page('platform/auth/views/user.njk', {
      subject, roleOptions, teams: await listTeams(db), tokens: await listApiTokens(db, subject.id),
      values: subject, saved: formBody(request.query).saved === '1',
    });
  });

  app.post<WithId>('/admin/users/:id', { config: manageUsers }, async (request, reply) => {
    const subject = found(await findUserById(db, request.params.id), 'user');
    const values = userForm(formBody(request.body));
    const data = { subject, roleOptions, teams: await listTeams(db), tokens: await listApiTokens(db, subject.id), values };
    return handleForm(reply, 'platform/auth/views/user.njk', data, async () => {
      await updateUser(db, actorOf(request), subject.id, { name: values.name, roles: values.roles, teamId: values.teamId });
      return reply.redirect(`/admin/users/${subject.id}?saved=1`, 303);
    });
  });

  app.post<WithId>('/admin/users/:id/disable', { config: manageUsers }, async (request, reply) => {
    await disableUser(db, actorOf(request), request.params.id);
    return reply.redirect(`/admin/users/${request.params.id}?saved=1`, 303);
  });

  app.post<WithId>('/admin/users/:id/enable', { config: manageUsers }, async (request, reply) => {
    await enableUser(db, actorOf(request), request.params.id);
    return reply.redirect(`/admin/users/${request.params.id}?saved=1`, 303);
  });

  app.post<WithId>('/admin/users/:id/reset-password', { config: manageUsers }, async (request, reply) => {
    const subject = found(await findUserById(db, request.params.id), 'user');
    const oneTimePassword = await resetPassword(db, actorOf(request), subject.id);
    return reply.page('platform/auth/views/one-time-password.njk', { heading: 'Password reset', subject, oneTimePassword });
  });

  app.post<WithId>('/admin/tokens/:id/revoke', { config: { access: { permission: 'tokens:manage-any' } } }, async (request, reply) => {
    const token = await revokeApiToken(db, actorOf(request), request.params.id);
    return reply.redirect(`/admin/users/${token.userId}?saved=1`, 303);
  });

  app.get('/admin/teams', { config: { access: { permission: 'teams:manage' } } }, async (_request, reply) =>
    reply.page('platform/auth/views/teams.njk', { teams: await listTeams(db), values: {} }));

  app.post('/admin/teams', { config: { access: { permission: 'teams:manage' } } }, async (request, reply) => {
    const body = formBody(request.body);
    return handleForm(reply, 'platform/auth/views/teams.njk', { teams: await listTeams(db), values: { name: textField(body.name) } }, async () => {
      await createTeam(db, actorOf(request), body);
      return reply.redirect('/admin/teams', 303);
    });
  });
}
