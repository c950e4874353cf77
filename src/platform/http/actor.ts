import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit/audit-log.js';
import { AppError } from '../errors/app-error.js';

/** The audit actor of a signed-in request; unauthenticated when nobody is signed in. */
export function actorOf(request: FastifyRequest): Actor {
  const user = request.user;
  if (!user) throw new AppError('unauthenticated');
  return { type: 'user', id: user.id, label: user.email };
}
