import type { ReviewLevel } from './tables.js';

/** The person looking at a review: who they are, their roles and their team. */
export interface Reviewer {
  id: string;
  roles: readonly string[];
  teamId: string | null;
}

/** What a review is, as far as who may act on it goes. */
export interface ReviewScope {
  authorId: string;
  level: ReviewLevel;
  channelTeamId: string | null;
  pressOfficeRole: string | null;
  dueAt: string;
  escalatedAt: string | null;
}

/** What a person may do with a review: see it in their queue, approve it, request changes or reject it. */
export interface ReviewPowers {
  listed: boolean;
  approve: boolean;
  decide: boolean;
}

const none: ReviewPowers = { listed: false, approve: false, decide: false };

/** True when a review's due time has passed. */
export function isOverdue(scope: Pick<ReviewScope, 'dueAt'>, now: Date): boolean {
  return new Date(scope.dueAt).getTime() < now.getTime();
}

/**
 * Who reviews what. Nobody reviews their own draft. A reviewer of the channel's team reviews team-level drafts; the
 * head of digital reviews high-risk ones and, as the next reviewer up, any team review that is overdue (whether or not
 * the escalation job has run yet), and may act on any review; the press office sees the political drafts it was sent
 * and may ask for changes or reject, but approval stays with the reviewer; an admin may act on any.
 */
export function reviewPowers(viewer: Reviewer, scope: ReviewScope, now: Date): ReviewPowers {
  if (viewer.id === scope.authorId) return none;
  const roles = new Set(viewer.roles);
  if (roles.has('admin')) return { listed: true, approve: true, decide: true };
  if (roles.has('head-of-digital')) {
    const listed = scope.level === 'head-of-digital' || scope.escalatedAt !== null || isOverdue(scope, now) || (roles.has('reviewer') && teamReview(viewer, scope));
    return { listed, approve: true, decide: true };
  }
  if (roles.has('reviewer') && teamReview(viewer, scope)) return { listed: true, approve: true, decide: true };
  if (scope.pressOfficeRole !== null && roles.has(scope.pressOfficeRole)) return { listed: true, approve: false, decide: true };
  return none;
}

function teamReview(viewer: Reviewer, scope: ReviewScope): boolean {
  return scope.level === 'team' && viewer.teamId !== null && viewer.teamId === scope.channelTeamId;
}
