import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../platform/audit/audit-log.js';
import { hasPermission } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import { actorOf, signedInUser } from '../../platform/http/actor.js';
import { found } from '../../platform/http/server.js';
import { assignCase, openCaseFromMention, reopenCase, setCasePriority, setCaseTags, triageCase } from './case-actions.js';
import { assignInput, priorityInput, tagsInput, triageInput } from './case-input.js';
import { markPresence } from './case-presence.js';
import { countInbox, countWaiting, findCase, listCases } from './case-repository.js';
import { caseDetailSchema, casePageSchema, caseSchema, inboxCountsSchema, inboxQuery, presenceInput, presenceSchema } from './case-schemas.js';
import { caseIdOfMention, caseThread } from './case-thread.js';
import { othersOnCase, toInboxQuery, viewerFor } from './case-view.js';

const read = { access: { permission: 'cases:read' } } as const;
const work = { access: { permission: 'cases:work' } } as const;
const idParams = z.object({ id: z.string().min(1) });
const tags = ['engagement'];

/** The cases API: the same services as the inbox and case pages. */
export function registerCaseApi(root: FastifyInstance, db: Kysely<Database>): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const one = async (id: string) => found(await findCase(db, id), 'case');

  app.get('/api/v1/cases', {
    config: read,
    schema: { tags, summary: 'One page of an inbox view, by due time (cases without one last); filters optional; the next page with after=next', querystring: inboxQuery, response: { 200: casePageSchema } },
  }, async (request) => listCases(db, await viewerFor(db, signedInUser(request)), toInboxQuery(request.query)));

  app.get('/api/v1/inbox/counts', { config: read, schema: { tags, summary: 'How many cases each inbox view holds for you, and how many wait on you', response: { 200: inboxCountsSchema } } }, async (request) => {
    const viewer = await viewerFor(db, signedInUser(request));
    return { views: await countInbox(db, viewer), waiting: await countWaiting(db, viewer) };
  });

  app.get('/api/v1/cases/:id', { config: read, schema: { tags, summary: 'One case with the mentions of its thread', params: idParams, response: { 200: caseDetailSchema } } }, async (request) =>
    ({ ...(await one(request.params.id)), thread: await caseThread(db, request.params.id) }));

  // The services validate what they are given; the body schemas are there for the OpenAPI document and early 400s.
  const action = (name: string, summary: string, body: z.ZodType | undefined, run: (actor: Actor, id: string, input: unknown) => Promise<unknown>) =>
    app.post(`/api/v1/cases/:id/${name}`, { config: work, schema: { tags, summary, params: idParams, ...(body ? { body } : {}), response: { 200: caseSchema } } }, async (request) => {
      await run(actorOf(request), request.params.id, request.body);
      return one(request.params.id);
    });
  action('triage', 'Triage a case: needs a reply; no reply needed, with the reason; or escalate, with where to (audited)', triageInput, (actor, id, input) => triageCase(db, actor, id, input));
  action('assign', 'Assign a case to a person and/or a team; an empty person clears the assignee (audited)', assignInput, (actor, id, input) => assignCase(db, actor, id, input));
  action('priority', 'Set a case’s priority (audited)', priorityInput, (actor, id, input) => setCasePriority(db, actor, id, input));
  action('tags', 'Replace a case’s tags (audited)', tagsInput, (actor, id, input) => setCaseTags(db, actor, id, input));
  action('reopen', 'Reopen a closed case (audited)', undefined, (actor, id) => reopenCase(db, actor, id));

  app.post('/api/v1/mentions/:id/case', {
    config: work, schema: { tags, summary: 'Open a case by hand from a mention (201), or give the case it is already in (200)', params: idParams, response: { 200: caseSchema, 201: caseSchema } },
  }, async (request, reply) => {
    const existing = await caseIdOfMention(db, request.params.id);
    const opened = await openCaseFromMention(db, actorOf(request), request.params.id, signedInUser(request).teamId);
    return reply.code(existing ? 200 : 201).send(opened);
  });

  app.get('/api/v1/cases/:id/presence', { config: read, schema: { tags, summary: 'Who else has viewed the case or drafted a reply to it in the last 2 minutes', params: idParams, response: { 200: presenceSchema } } }, async (request) => {
    await one(request.params.id);
    return { others: await othersOnCase(db, request.params.id, signedInUser(request).id) };
  });

  app.post('/api/v1/cases/:id/presence', {
    config: read, schema: { tags, summary: 'Say you are viewing the case or drafting a reply (repeat every few seconds), and see who else is', params: idParams, body: presenceInput, response: { 200: presenceSchema } },
  }, async (request) => {
    const user = signedInUser(request);
    if (request.body.activity === 'drafting' && !hasPermission(user.roles, 'cases:work')) throw new AppError('forbidden');
    await one(request.params.id);
    await markPresence(db, request.params.id, user.id, request.body.activity);
    return { others: await othersOnCase(db, request.params.id, user.id) };
  });
}
