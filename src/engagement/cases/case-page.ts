import type { Kysely } from 'kysely';
import { hasPermission, permissions } from '../../platform/auth/roles.js';
import { peopleChoices, teamChoices } from '../../platform/auth/people-choices.js';
import type { User } from '../../platform/auth/users-repository.js';
import type { Database } from '../../platform/db/database.js';
import { textField } from '../../platform/http/forms.js';
import { found } from '../../platform/http/server.js';
import { caseWords } from './case-input.js';
import { findCase, type CaseSummary } from './case-repository.js';
import { casePriorities } from './case-schemas.js';
import { caseThread } from './case-thread.js';
import { caseTimeline } from './case-timeline.js';
import { dueState, othersOnCase, viewerFor } from './case-view.js';

/** The forms of the case page and the fields each one posts. */
export const caseForms = {
  triage: ['decision', 'reason', 'target'],
  assign: ['assigneeId', 'teamId'],
  priority: ['priority'],
  tags: ['tags'],
  reopen: [],
} as const;
/** One of the case page's forms. */
export type CaseForm = keyof typeof caseForms;

/** The banner after each form succeeds (and after opening a case from a mention). */
export const doneMessages: Record<CaseForm | 'opened', string> = {
  triage: 'Triage saved.', assign: 'Assignment saved.', priority: 'Priority saved.', tags: 'Tags saved.', reopen: 'Case reopened.', opened: 'Case opened.',
};

const decisionOf = (status: CaseSummary['status']) => (status === 'escalated' ? 'escalate' : status === 'needs_reply' || status === 'no_reply_needed' ? status : '');

/** What the case's forms show: the case as it is, or what was just posted to the form that failed. */
function formValues(summary: CaseSummary, form: CaseForm | undefined, body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {
    decision: decisionOf(summary.status), reason: summary.noReplyReason ?? '', target: summary.escalatedTo ?? '', assigneeId: summary.assigneeId ?? '',
    teamId: summary.teamId ?? '', priority: summary.priority, tags: summary.tags.join(', '),
  };
  for (const field of form ? caseForms[form] : []) values[field] = textField(body[field]);
  return values;
}

/** Splits the tags box: commas separate tags; empty pieces are dropped. */
export function tagsOf(text: string): string[] {
  return text.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
}

/** Everything the case page shows, for the user looking at it; `form` and `body` refill a form that failed. */
export async function casePageData(db: Kysely<Database>, user: User, id: string, form?: CaseForm, body: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  // Everything is read at once (each read is a round trip or two to the database); a case that is not there is
  // refused once all have come back.
  const teamsRead = teamChoices(db);
  const timelineRead = teamsRead.then((teams) => caseTimeline(db, id, new Map(teams.map((t): [string, string] => [t.id, t.name]))));
  const [foundCase, thread, assignable, teams, viewer, others, timeline] = await Promise.all([
    findCase(db, id), caseThread(db, id), peopleChoices(db, permissions['cases:work']), teamsRead, viewerFor(db, user), othersOnCase(db, id, user.id), timelineRead,
  ]);
  const summary = found(foundCase, 'case');
  return {
    theCase: summary, due: dueState(summary, viewer), thread, teams, assignable, others, timeline,
    values: formValues(summary, form, body), caseWords, priorities: casePriorities, canWork: hasPermission(user.roles, 'cases:work'),
  };
}
