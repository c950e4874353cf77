import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit/audit-log.js';
import type { User } from '../auth/users-repository.js';
import { AppError } from '../errors/app-error.js';

/** The signed-in person of a request; unauthenticated when nobody is signed in. */
export function signedInUser(request: FastifyRequest): User {
  const user = request.user;
  if (!user) throw new AppError('unauthenticated');
  return user;
}

/** The audit actor of a signed-in request; unauthenticated when nobody is signed in. */
export function actorOf(request: FastifyRequest): Actor & { type: 'user' } {
  const user = signedInUser(request);
  return { type: 'user', id: user.id, label: user.email };
}
