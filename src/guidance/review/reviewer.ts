import type { FastifyRequest } from 'fastify';
import { signedInUser } from '../../platform/http/actor.js';
import type { ReviewerActor } from './review-actions.js';

/** The signed-in person as a reviewer. */
export function reviewerOf(request: FastifyRequest): ReviewerActor {
  const user = signedInUser(request);
  return { id: user.id, email: user.email, roles: user.roles, teamId: user.teamId };
}
