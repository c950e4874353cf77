import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors/app-error.js';
import { problemsOf } from '../errors/validation.js';
import { sessionCookieName, sessionCookieOptions } from '../http/authentication.js';
import { formBody, formWithErrors, handleForm, safeNext, textField } from '../http/forms.js';
import { createApiToken, findApiToken, listApiTokens, revokeApiToken } from './api-tokens.js';
import { endSession } from './sessions.js';
import { signIn } from './sign-in.js';
import { changeOwnPassword } from './users.js';

const signInForm = z.object({
  email: z.string().trim().min(1, 'Enter your email address'),
  password: z.string().min(1, 'Enter your password'),
});

/** Sign in and out, and a person's own account: password and API tokens. */
export function registerAuthRoutes(app: FastifyInstance, db: Kysely<Database>, secure: boolean): void {
  const cookieName = sessionCookieName(secure);

  app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const query = formBody(request.query);
    if (request.user) return reply.redirect(safeNext(query.next), 303);
    return reply.page('platform/auth/views/sign-in.njk', { next: safeNext(query.next, ''), signedOut: query['signed-out'] === '1', values: {} });
  });

  app.post('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const body = formBody(request.body);
    const next = safeNext(formBody(request.query).next, '');
    const values = { email: textField(body.email) };
    const template = 'platform/auth/views/sign-in.njk';
    const parsed = signInForm.safeParse(body);
    if (!parsed.success) return formWithErrors(reply, template, problemsOf(parsed.error), { values, next });
    const outcome = await signIn(db, { ...parsed.data, ip: request.ip, userAgent: request.headers['user-agent'] ?? '' });
    if (!outcome.ok) {
      if (outcome.reason === 'throttled') {
        const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        const wait = outcome.retryAfterSeconds < 60 ? `${outcome.retryAfterSeconds} seconds` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
        const problems = [{ path: 'email', message: `There have been too many attempts to sign in. Wait ${wait} and try again.` }];
        const html = await formWithErrors(reply, template, problems, { values, next });
        reply.code(429);
        return html;
      }
      return formWithErrors(reply, template, [{ path: 'email', message: 'Enter a correct email address and password' }], { values, next });
    }
    reply.setCookie(cookieName, outcome.sessionId, sessionCookieOptions(secure));
    return reply.redirect(outcome.user.mustChangePassword ? '/account/password' : safeNext(next), 303);
  });

  app.post('/sign-out', { config: { access: 'password-change' } }, async (request, reply) => {
    const { session, user } = request;
    if (session && user) {
      await db.transaction().execute(async (trx) => {
        await endSession(trx, session.idHash);
        await recordAudit(trx, { type: 'user', id: user.id, label: user.email }, { action: 'user.sign-out', subjectType: 'user', subjectId: user.id });
      });
    }
    reply.clearCookie(cookieName, sessionCookieOptions(secure));
    return reply.redirect('/sign-in?signed-out=1', 303);
  });

  app.get('/account/password', { config: { access: 'password-change' } }, async (request, reply) =>
    reply.page('platform/auth/views/password.njk', { changed: formBody(request.query).changed === '1' }));

  app.post('/account/password', { config: { access: 'password-change' } }, async (request, reply) => {
    const { user, session } = request;
    if (!user || !session) throw new AppError('unauthenticated');
    return handleForm(reply, 'platform/auth/views/password.njk', {}, async () => {
      await changeOwnPassword(db, user, formBody(request.body), session.idHash);
      return reply.redirect(user.mustChangePassword ? '/' : '/account/password?changed=1', 303);
    });
  });

  app.get('/account/tokens', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = request.user;
    if (!user) throw new AppError('unauthenticated');
    return reply.page('platform/auth/views/tokens.njk', { tokens: await listApiTokens(db, user.id), revokeBase: '/account/tokens', values: {} });
  });

  app.post('/account/tokens', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = request.user;
    if (!user) throw new AppError('unauthenticated');
    const body = formBody(request.body);
    const data = { tokens: await listApiTokens(db, user.id), revokeBase: '/account/tokens', values: { name: textField(body.name) } };
    return handleForm(reply, 'platform/auth/views/tokens.njk', data, async () => {
      const { token } = await createApiToken(db, { type: 'user', id: user.id, label: user.email }, user.id, body);
      return reply.page('platform/auth/views/tokens.njk', { tokens: await listApiTokens(db, user.id), revokeBase: '/account/tokens', newToken: token, values: {} });
    });
  });

  app.post<{ Params: { id: string } }>('/account/tokens/:id/revoke', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = request.user;
    const token = await findApiToken(db, request.params.id);
    if (!user || token?.userId !== user.id) throw new AppError('not_found', 'There is no such token');
    await revokeApiToken(db, { type: 'user', id: user.id, label: user.email }, token.id);
    return reply.redirect('/account/tokens', 303);
  });
}
