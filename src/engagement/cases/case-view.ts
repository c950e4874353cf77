import type { Kysely } from 'kysely';
import type { User } from '../../platform/auth/users-repository.js';
import type { Database } from '../../platform/db/database.js';
import { toDbTime } from '../../platform/db/time.js';
import { loadCalendar } from '../calendar/calendar.js';
import { addWorkingTime } from '../calendar/working-time.js';
import { othersPresent, presenceMessage, presenceOn, presenceWindowMs, type Presence } from './case-presence.js';
import type { CaseSummary, InboxQuery, Viewer } from './case-repository.js';
import type { InboxQueryInput } from './case-schemas.js';

/** "Due soon" reaches this far ahead, in working time. */
const soonWorkingMinutes = 4 * 60;
const snippetLength = 140;

/** The viewer of the inbox: who, their team, now, and the end of "due soon" (4 working hours ahead on the calendar). */
export async function viewerFor(db: Kysely<Database>, user: Pick<User, 'id' | 'teamId'>, now: Date = new Date()): Promise<Viewer> {
  const soon = addWorkingTime(await loadCalendar(db), now, soonWorkingMinutes);
  return { userId: user.id, teamId: user.teamId, now: toDbTime(now), soon: toDbTime(soon) };
}

/** The repository's query for a parsed inbox query string. */
export function toInboxQuery(query: InboxQueryInput, defaultLimit = 25): InboxQuery {
  return {
    view: query.view, limit: query.limit ?? defaultLimit,
    ...(query.status ? { status: query.status } : {}), ...(query.priority ? { priority: query.priority } : {}), ...(query.tag ? { tag: query.tag } : {}),
    ...(query.channel ? { channelId: query.channel } : {}), ...(query.after ? { after: query.after } : {}),
  };
}

/** Where a case stands against its due time, for the viewer. */
export type DueState = 'closed' | 'none' | 'overdue' | 'soon' | 'later';

/** Where a case stands against its due time: closed, no due time, overdue, due soon or due later. */
export function dueState(summary: Pick<CaseSummary, 'status' | 'dueAt'>, viewer: Pick<Viewer, 'now' | 'soon'>): DueState {
  if (summary.status !== 'new' && summary.status !== 'needs_reply' && summary.status !== 'escalated') return 'closed';
  if (summary.dueAt === null) return 'none';
  if (summary.dueAt < viewer.now) return 'overdue';
  return summary.dueAt < viewer.soon ? 'soon' : 'later';
}

/** The start of a text for a list, cut at a whole character. */
export function snippetOf(text: string): string {
  const characters = Array.from(text.replace(/\s+/g, ' ').trim());
  return characters.length > snippetLength ? `${characters.slice(0, snippetLength - 1).join('').trimEnd()}…` : characters.join('');
}

/** The people other than the viewer on a case in the last two minutes, with what the page says of each. */
export async function othersOnCase(db: Kysely<Database>, caseId: string, viewerId: string, now: Date = new Date()): Promise<(Presence & { message: string })[]> {
  const present = await presenceOn(db, caseId, new Date(now.getTime() - presenceWindowMs));
  return othersPresent(present, viewerId).map((presence) => ({ ...presence, message: presenceMessage(presence) }));
}
