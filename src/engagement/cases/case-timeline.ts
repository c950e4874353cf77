import type { Kysely } from 'kysely';
import { listAuditEvents, type AuditEvent } from '../../platform/audit/audit-log.js';
import { namesOfUsers } from '../../platform/auth/users-repository.js';
import type { Database } from '../../platform/db/database.js';
import { caseWords } from './case-input.js';

/** One entry of a case's timeline. */
export interface TimelineItem {
  label: string;
  by: string;
  at: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const wordFor = (words: Readonly<Record<string, string>>, key: unknown): string => {
  const found = Object.entries(words).find(([k]) => k === key);
  return found ? found[1] : text(key);
};

function labelOf(event: AuditEvent, names: ReadonlyMap<string, string>): string {
  const details = event.details;
  switch (event.action) {
    case 'case.opened':
      return details.watch ? 'Opened by a watch' : 'Opened from a mention';
    case 'case.triaged':
      if (details.decision === 'no_reply_needed') return `No reply needed: ${wordFor(caseWords.reason, details.reason).toLowerCase()}`;
      if (details.decision === 'escalate') return `Escalated to ${wordFor(caseWords.target, details.target).toLowerCase()}`;
      return 'Triaged: needs a reply';
    case 'case.assigned': {
      const to = details.to !== null && typeof details.to === 'object' ? { ...details.to } : {};
      const person = 'assignee' in to ? names.get(text(to.assignee)) : undefined;
      const team = 'team' in to ? names.get(text(to.team)) : undefined;
      if (person) return team ? `Assigned to ${person} (${team})` : `Assigned to ${person}`;
      return team ? `Assigned to the ${team} team` : 'Assignment cleared';
    }
    case 'case.priority-set':
      return `Priority set to ${wordFor(caseWords.priority, details.to).toLowerCase()}`;
    case 'case.tagged':
      return Array.isArray(details.to) && details.to.length > 0 ? `Tags set to ${details.to.map(text).join(', ')}` : 'Tags removed';
    case 'case.reopened':
      return details.by === 'follow-up' ? 'Reopened by the citizen’s follow-up' : 'Reopened';
    case 'case.follow-up':
      return 'The citizen followed up';
    default:
      return event.action;
  }
}

/** The ids of the people an event names: who did it, and whom a case was assigned to. */
function peopleIn(event: AuditEvent): string[] {
  const to = event.details.to;
  const assignee = to !== null && typeof to === 'object' && 'assignee' in to ? text(to.assignee) : '';
  return [...(event.actor.type === 'user' ? [event.actor.id] : []), ...(assignee ? [assignee] : [])];
}

/**
 * What has happened to a case, newest first, from the audit log; people are named as they are called now (teams from
 * the map of team ids to names given), processes as Parley.
 */
export async function caseTimeline(db: Kysely<Database>, caseId: string, teamNames: ReadonlyMap<string, string>): Promise<TimelineItem[]> {
  const events = await listAuditEvents(db, { subject: { type: 'case', id: caseId }, limit: 100 });
  const names = new Map([...teamNames, ...(await namesOfUsers(db, events.flatMap(peopleIn)))]);
  return events.map((event) => ({
    label: labelOf(event, names),
    by: event.actor.type === 'user' ? (names.get(event.actor.id) ?? event.actor.label) : `Parley (${event.actor.label})`,
    at: event.occurredAt,
  }));
}
