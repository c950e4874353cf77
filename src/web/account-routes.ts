import type { FastifyInstance } from 'fastify';

/** The page about the signed-in person's own account. */
export function registerAccountRoutes(app: FastifyInstance): void {
  app.get('/account', { config: { access: 'signed-in' } }, async (_request, reply) => reply.page('web/account.njk'));
}
