import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { type Database, pingDatabase } from '../db/database.js';

/** `/ping` (the process answers) and `/health` (and its database answers), for load balancers and monitoring. */
export function registerHealthRoutes(app: FastifyInstance, db: Kysely<Database>): void {
  app.get('/ping', { config: { access: 'public' }, logLevel: 'warn' }, async (_request, reply) => reply.type('text/plain').send('pong'));

  app.get('/health', { config: { access: 'public' }, logLevel: 'warn' }, async (_request, reply) => {
    const database = await pingDatabase(db);
    reply.header('cache-control', 'no-store');
    return reply.code(database ? 200 : 503).send({ status: database ? 'ok' : 'unavailable', checks: { database: database ? 'ok' : 'unreachable' } });
  });
}
