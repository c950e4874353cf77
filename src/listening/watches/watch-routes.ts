import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../../platform/http/actor.js';
import { listTeams } from '../../platform/auth/teams.js';
import type { Database } from '../../platform/db/database.js';
import { formBody, handleForm, textField } from '../../platform/http/forms.js';
import { formErrors } from '../../platform/http/form-errors.js';
import { found } from '../../platform/http/server.js';
import { parseQuery } from '../query/parse.js';
import { findWatch, listWatches } from './watch-repository.js';
import { previewWatch } from './watch-preview.js';
import { createWatch, deleteWatch, queryProblems, updateWatch, watchInput } from './watches.js';

type WithId = { Params: { id: string } };
const manage = { access: { permission: 'watches:manage' } } as const;
const form = 'listening/watches/views/watch-form.njk';

function watchForm(body: Record<string, unknown>) {
  const teamId = textField(body.teamId);
  return {
    name: textField(body.name), query: textField(body.query), teamId: teamId === '' ? null : teamId, serviceArea: textField(body.serviceArea),
    needsResponse: body.needsResponse === 'yes', status: body.status === 'paused' ? 'paused' : 'active',
  };
}

/** The watch pages: list, add, edit with a preview, delete; and the watches API. */
export function registerWatchRoutes(root: FastifyInstance, db: Kysely<Database>): void {
  root.get('/watches', { config: manage }, async (_request, reply) => reply.page('listening/watches/views/watches.njk', { watches: await listWatches(db) }));
  root.get('/watches/help', { config: manage }, async (_request, reply) => reply.page('listening/watches/views/query-help.njk'));

  root.get('/watches/new', { config: manage }, async (_request, reply) =>
    reply.page(form, { action: '/watches/new', teams: await listTeams(db), values: { status: 'active' } }));

  async function saveOrPreview(body: Record<string, unknown>, reply: Parameters<typeof handleForm>[0], data: Record<string, unknown>, save: (values: ReturnType<typeof watchForm>) => Promise<string>): Promise<string> {
    const values = watchForm(body);
    const page = { ...data, teams: await listTeams(db), values };
    if (body.intent === 'preview') {
      const problems = queryProblems(values.query);
      if (problems.length > 0 || values.query.trim() === '') {
        reply.code(400);
        return reply.page(form, { ...page, errors: formErrors(problems.length > 0 ? problems : [{ path: 'query', message: 'Enter a query to preview' }]) });
      }
      return reply.page(form, { ...page, preview: await previewWatch(db, values.query) });
    }
    return handleForm(reply, form, page, () => save(values));
  }

  root.post('/watches/new', { config: manage }, async (request, reply) =>
    saveOrPreview(formBody(request.body), reply, { action: '/watches/new' }, async (values) => {
      const watch = await createWatch(db, actorOf(request), values);
      return reply.redirect(`/watches/${watch.id}?saved=1`, 303);
    }));

  root.get<WithId>('/watches/:id', { config: manage }, async (request, reply) => {
    const watch = found(await findWatch(db, request.params.id), 'watch');
    return reply.page(form, { action: `/watches/${watch.id}`, watch, teams: await listTeams(db), values: watch, saved: formBody(request.query).saved === '1', preview: await previewWatch(db, watch.query) });
  });

  root.post<WithId>('/watches/:id', { config: manage }, async (request, reply) => {
    const watch = found(await findWatch(db, request.params.id), 'watch');
    return saveOrPreview(formBody(request.body), reply, { action: `/watches/${watch.id}`, watch }, async (values) => {
      await updateWatch(db, actorOf(request), watch.id, values);
      return reply.redirect(`/watches/${watch.id}?saved=1`, 303);
    });
  });

  root.post<WithId>('/watches/:id/delete', { config: manage }, async (request, reply) => {
    await deleteWatch(db, actorOf(request), request.params.id);
    return reply.redirect('/watches', 303);
  });

  registerWatchApi(root, db);
}

const watchSchema = z.object({
  id: z.string(), name: z.string(), query: z.string(), teamId: z.string().nullable(), teamName: z.string().nullable(), serviceArea: z.string(),
  needsResponse: z.boolean(), status: z.enum(['active', 'paused']), createdAt: z.string(), updatedAt: z.string(),
});
const queryErrorSchema = z.object({ message: z.string(), line: z.number(), column: z.number(), offset: z.number() });
const idParams = z.object({ id: z.string().min(1) });

function registerWatchApi(root: FastifyInstance, db: Kysely<Database>): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/watches', { config: manage, schema: { tags: ['listening'], summary: 'List watches', response: { 200: z.object({ watches: z.array(watchSchema) }) } } }, async () => ({ watches: await listWatches(db) }));
  app.post('/api/v1/watches', { config: manage, schema: { tags: ['listening'], summary: 'Add a watch (the query is checked; errors name line and column)', body: watchInput, response: { 201: watchSchema } } }, async (request, reply) =>
    reply.code(201).send(await createWatch(db, actorOf(request), request.body)));
  app.get('/api/v1/watches/:id', { config: manage, schema: { tags: ['listening'], summary: 'One watch', params: idParams, response: { 200: watchSchema } } }, async (request) =>
    found(await findWatch(db, request.params.id), 'watch'));
  app.put('/api/v1/watches/:id', { config: manage, schema: { tags: ['listening'], summary: 'Change a watch', params: idParams, body: watchInput, response: { 200: watchSchema } } }, async (request) =>
    updateWatch(db, actorOf(request), request.params.id, request.body));
  app.delete('/api/v1/watches/:id', { config: manage, schema: { tags: ['listening'], summary: 'Delete a watch', params: idParams } }, async (request, reply) => {
    await deleteWatch(db, actorOf(request), request.params.id);
    return reply.code(204).send();
  });
  app.post('/api/v1/watches/validate', {
    config: manage,
    schema: { tags: ['listening'], summary: 'Check a query without saving it', body: z.object({ query: z.string().max(100_000) }), response: { 200: z.object({ ok: z.boolean(), errors: z.array(queryErrorSchema) }) } },
  }, (request) => {
    const parsed = parseQuery(request.body.query);
    return parsed.ok ? { ok: true, errors: [] } : { ok: false, errors: parsed.errors.map((e) => ({ message: e.message, line: e.line, column: e.column, offset: e.offset })) };
  });
}
