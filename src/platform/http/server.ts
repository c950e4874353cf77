import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import view from '@fastify/view';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { nunjucks } from './nunjucks.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors/app-error.js';
import { deriveKey } from '../secrets/secret-key.js';
import './fastify-types.js';
import { registerAuthentication } from './authentication.js';
import { registerErrorHandling } from './error-handler.js';
import { navigationFor, type NavItem } from './navigation.js';
import { registerSecurityHeaders } from './security.js';
import { assetRoots, configureNunjucks, templateRoots } from './views.js';

/** What the web server is built from. */
export interface ServerDeps {
  config: Config;
  db: Kysely<Database>;
  logger: FastifyBaseLogger;
  secretKey: Buffer;
  navigation: readonly NavItem[];
  /** The service's phase, shown in the phase banner. */
  phase?: string;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Builds the Fastify server with every cross-cutting concern in place: security headers, rate limit, cookies, forms,
 * sessions and API tokens, route access, CSRF, views, static assets and errors. Features then register their routes.
 */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: deps.logger,
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await registerSecurityHeaders(app, config.secureCookies);
  if (config.rateLimitPerMinute > 0) {
    await app.register(rateLimit, { max: config.rateLimitPerMinute, timeWindow: 60_000, allowList: (request) => request.url.startsWith('/assets/') });
  }
  await app.register(cookie);
  await app.register(formbody);
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: config.secureCookies ? '__Host-parley-csrf' : 'parley-csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: config.secureCookies },
    getUserInfo: (request) => request.session?.idHash ?? 'anonymous',
    csrfOpts: { hmacKey: deriveKey(deps.secretKey, 'csrf') },
  });
  registerAuthentication(app, deps.db, { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs }, config.secureCookies);
  app.addHook('preHandler', (request, reply, done) => {
    const exempt = request.authMethod === 'token' || request.routeOptions.config.csrf === false;
    if (!unsafeMethods.has(request.method) || exempt || reply.sent) {
      done();
      return;
    }
    app.csrfProtection(request, reply, done);
  });

  await app.register(view, {
    engine: { nunjucks },
    templates: templateRoots,
    options: { onConfigure: configureNunjucks },
  });
  app.decorateReply('page', async function page(template: string, data: Record<string, unknown> = {}) {
    const request = this.request;
    const html = await this.viewAsync(template, {
      ...data,
      user: request.user,
      navigation: await navigationFor(deps.navigation, request.user, request.url, deps.db),
      csrfToken: this.generateCsrf({ userInfo: request.session?.idHash ?? 'anonymous' }),
      cspNonce: this.cspNonce.script,
      phase: deps.phase ?? 'alpha',
      currentPath: request.url,
    });
    this.type('text/html; charset=utf-8');
    return html;
  });

  await app.register(fastifyStatic, { root: assetRoots, prefix: '/assets/', maxAge: '1h', decorateReply: false, index: false, list: false });
  registerErrorHandling(app);
  return app;
}

/** Throws not_found when a value is missing: keeps route handlers short. */
export function found<T>(value: T | undefined, what = 'page'): T {
  if (value === undefined) throw new AppError('not_found', `There is no such ${what}`);
  return value;
}
