import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { channelChoices } from '../../channels/channel-choices.js';
import type { Actor } from '../../platform/audit/audit-log.js';
import type { Database } from '../../platform/db/database.js';
import { parseInput } from '../../platform/errors/validation.js';
import { actorOf, signedInUser } from '../../platform/http/actor.js';
import { formBody, handleForm, textField } from '../../platform/http/forms.js';
import { withoutEmpty } from '../../listening/mentions/mention-query.js';
import { assignCase, openCaseFromMention, reopenCase, setCasePriority, setCaseTags, triageCase } from './case-actions.js';
import { registerCaseApi } from './case-api.js';
import { caseWords } from './case-input.js';
import { casePageData, doneMessages, tagsOf, type CaseForm } from './case-page.js';
import { presenceMarker } from './case-presence.js';
import { inboxViews, listCases, type InboxView } from './case-repository.js';
import { keptInboxCounts } from './inbox-counts.js';
import { casePriorities, caseStatuses, inboxQuery } from './case-schemas.js';
import { dueState, snippetOf, toInboxQuery, viewerFor } from './case-view.js';

type WithId = { Params: { id: string } };
const read = { access: { permission: 'cases:read' } } as const;
const work = { access: { permission: 'cases:work' } } as const;
const inboxTemplate = 'engagement/cases/views/inbox.njk';
const caseTemplate = 'engagement/cases/views/case.njk';

/** The inbox's tabs, in order, with what each shows. */
const viewNames: Record<InboxView, string> = {
  mine: 'Assigned to you', team: 'Your team', unassigned: 'Unassigned', due_soon: 'Due soon', overdue: 'Overdue', welsh: 'In Welsh', open: 'All open', closed: 'Closed',
};
const filterKeys = ['status', 'priority', 'tag', 'channel'] as const;

/** An inbox address: a view with the filters kept, and a page cursor if given. */
function inboxHref(view: string, raw: Record<string, unknown>, after?: string): string {
  const params = new URLSearchParams({ view });
  for (const key of filterKeys) if (typeof raw[key] === 'string') params.set(key, raw[key]);
  if (after) params.set('after', after);
  return `/inbox?${params.toString()}`;
}

/** The inbox and case pages, their forms, opening a case from a mention, and the cases API. */
export function registerCaseRoutes(root: FastifyInstance, db: Kysely<Database>): void {
  const markViewing = presenceMarker();
  root.get('/inbox', { config: read }, async (request, reply) => {
    const raw = withoutEmpty(formBody(request.query));
    const viewer = await viewerFor(db, signedInUser(request));
    const counts = await keptInboxCounts(db, viewer);
    const view = inboxViews.find((v) => v === raw.view) ?? 'mine';
    const tabs = inboxViews.map((key) => ({
      text: key === 'closed' ? viewNames[key] : `${viewNames[key]} (${counts[key]})`, href: inboxHref(key, raw), active: key === view,
    }));
    const context = { tabs, viewName: viewNames[view], view, query: raw, channelChoices: await channelChoices(db), caseWords, statuses: caseStatuses, priorities: casePriorities, rows: [] };
    return handleForm(reply, inboxTemplate, context, async () => {
      const page = await listCases(db, viewer, toInboxQuery(parseInput(inboxQuery, raw)));
      const rows = page.cases.map((c) => ({ ...c, due: dueState(c, viewer), snippet: c.mention ? snippetOf(c.mention.text) : '' }));
      return reply.page(inboxTemplate, { ...context, rows, nextHref: page.next ? inboxHref(view, raw, page.next) : undefined });
    });
  });

  root.get<WithId>('/cases/:id', { config: read }, async (request, reply) => {
    const user = signedInUser(request);
    // The mark that this person is viewing is written while the page is read, not after it.
    const marked = markViewing(db, request.params.id, user.id, 'viewing').then(() => undefined, (error: unknown) => error);
    const data = await casePageData(db, user, request.params.id);
    const notMarked = await marked;
    if (notMarked !== undefined) request.log.warn({ err: notMarked }, 'could not record that a case is being viewed');
    const done = textField(formBody(request.query).done);
    return reply.page(caseTemplate, { ...data, done: Object.entries(doneMessages).find(([key]) => key === done)?.[1] });
  });

  const caseForm = (form: CaseForm, run: (actor: Actor, id: string, body: Record<string, unknown>) => Promise<unknown>) =>
    root.post<WithId>(`/cases/:id/${form}`, { config: work }, async (request: FastifyRequest<WithId>, reply) => {
      const { id } = request.params;
      const body = formBody(request.body);
      return handleForm(reply, caseTemplate, await casePageData(db, signedInUser(request), id, form, body), async () => {
        await run(actorOf(request), id, body);
        return reply.redirect(`/cases/${id}?done=${form}`, 303);
      });
    });
  caseForm('triage', (actor, id, body) => triageCase(db, actor, id, { decision: textField(body.decision), reason: textField(body.reason), target: textField(body.target) }));
  caseForm('assign', (actor, id, body) => assignCase(db, actor, id, { assigneeId: textField(body.assigneeId), teamId: textField(body.teamId) }));
  caseForm('priority', (actor, id, body) => setCasePriority(db, actor, id, { priority: textField(body.priority) }));
  caseForm('tags', (actor, id, body) => setCaseTags(db, actor, id, { tags: tagsOf(textField(body.tags)) }));
  caseForm('reopen', (actor, id) => reopenCase(db, actor, id));

  root.post<WithId>('/mentions/:id/case', { config: work }, async (request, reply) => {
    const opened = await openCaseFromMention(db, actorOf(request), request.params.id, signedInUser(request).teamId);
    return reply.redirect(`/cases/${opened.id}?done=opened`, 303);
  });

  registerCaseApi(root, db);
}
