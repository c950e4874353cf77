import type { FastifyInstance } from 'fastify';

/** The home page every signed-in person lands on. */
export function registerHomeRoutes(app: FastifyInstance): void {
  app.get('/', { config: { access: 'signed-in' } }, async (_request, reply) => reply.page('web/home.njk'));
}
