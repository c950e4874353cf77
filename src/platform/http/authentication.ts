import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { authenticateApiToken } from '../auth/api-tokens.js';
import { hasPermission } from '../auth/roles.js';
import { loadSession, type SessionPolicy } from '../auth/sessions.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors/app-error.js';
import type { Access } from './access.js';

/** Names of the session cookie: `__Host-` prefixed over HTTPS, so that no subdomain can set or read it. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-parley-session' : 'parley-session';
}

/** The cookie options for the session cookie. */
export function sessionCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure } as const;
}

/** True for requests that expect JSON rather than a page. */
export function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/**
 * Resolves who is asking (session cookie or `Authorization: Bearer` token) before anything else runs, and enforces each
 * route's declared access before its handler. A route that declares no access makes start-up fail.
 */
export function registerAuthentication(app: FastifyInstance, db: Kysely<Database>, policy: SessionPolicy, secure: boolean): void {
  const cookieName = sessionCookieName(secure);
  app.decorateRequest('user', undefined);
  app.decorateRequest('session', undefined);
  app.decorateRequest('authMethod', undefined);

  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined && !route.url.startsWith('/assets') && route.method !== 'HEAD') {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/assets/')) return;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer (\S+)$/i.exec(authorization);
      const user = match?.[1] ? await authenticateApiToken(db, match[1]) : undefined;
      if (!user) throw new AppError('invalid_token');
      request.user = user;
      request.authMethod = 'token';
      return;
    }
    const id = request.cookies[cookieName];
    if (id === undefined) return;
    const session = await loadSession(db, id, policy);
    if (!session) {
      reply.clearCookie(cookieName, sessionCookieOptions(secure));
      return;
    }
    request.session = session;
    request.user = session.user;
    request.authMethod = 'session';
  });

  app.addHook('preHandler', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    await enforce(access, request, reply);
  });
}

async function enforce(access: Exclude<Access, 'public'>, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const user = request.user;
  if (!user) {
    if (wantsJson(request)) throw new AppError('unauthenticated');
    const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
    await reply.redirect(`/sign-in${next}`, 303);
    return;
  }
  if (user.mustChangePassword && access !== 'password-change' && request.authMethod === 'session') {
    if (wantsJson(request)) throw new AppError('forbidden', 'Change your one-time password before doing anything else');
    await reply.redirect('/account/password', 303);
    return;
  }
  if (typeof access === 'object' && !hasPermission(user.roles, access.permission)) throw new AppError('forbidden');
}
