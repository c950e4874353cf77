import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../../platform/http/actor.js';
import { hasPermission } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { formBody, handleForm, textField } from '../../platform/http/forms.js';
import { found } from '../../platform/http/server.js';
import { maskSecret, type CredentialCipher } from '../../platform/secrets/encryption.js';
import { findSourceRow, listSources, toSource } from './source-repository.js';
import { createSource, deleteSource, loadSourceForRun, newSourceInput, setSourceStatus, sourceChangeInput, updateSource } from './sources.js';

type WithId = { Params: { id: string } };
const manage = { access: { permission: 'sources:manage' } } as const;
const kindNames = { rss: 'Feed', mastodon: 'Mastodon', bluesky: 'Bluesky', webhook: 'Webhook' } as const;
const kinds = Object.keys(kindNames);

/** Reads a source form into the shape the service takes. Only an admin may store opted-out accounts' posts. */
function sourceForm(body: Record<string, unknown>, request: FastifyRequest) {
  const kind = textField(body.kind);
  const config: Record<string, unknown> =
    kind === 'rss' ? { url: textField(body.url), intervalSeconds: textField(body.intervalSeconds) || undefined }
    : kind === 'mastodon' ? { instanceUrl: textField(body.instanceUrl), timeline: textField(body.timeline) || 'none', hashtags: textField(body.hashtags).split(',').map((t) => t.trim()).filter((t) => t !== '') }
    : kind === 'bluesky' ? { jetstreamUrl: textField(body.jetstreamUrl) }
    : {};
  return {
    kind, name: textField(body.name), config, token: textField(body.token) || undefined, keepAll: body.keepAll === 'yes',
    includeOptedOut: hasPermission(request.user?.roles ?? [], 'users:manage') && body.includeOptedOut === 'yes',
    retentionDays: textField(body.retentionDays) || undefined,
  };
}

/** The form's values for an existing source. */
function formValues(source: ReturnType<typeof toSource>) {
  const hashtags = source.config.hashtags;
  return { ...source.config, name: source.name, keepAll: source.keepAll, includeOptedOut: source.includeOptedOut, retentionDays: source.retentionDays, hashtags: Array.isArray(hashtags) ? hashtags.join(', ') : '' };
}

/** The sources pages (list with health, add, edit, pause, resume, delete) and the sources API. */
export function registerSourceRoutes(root: FastifyInstance, db: Kysely<Database>, cipher: CredentialCipher): void {
  root.get('/sources', { config: manage }, async (_request, reply) => reply.page('listening/sources/views/sources.njk', { sources: await listSources(db), kindNames }));

  root.get('/sources/new', { config: manage }, async (request, reply) => {
    const kind = textField(formBody(request.query).kind);
    if (kind !== '' && !kinds.includes(kind)) {
      reply.code(400);
      return reply.page('listening/sources/views/source-new.njk', { errors: { summary: [{ text: 'Choose a kind of source', href: '#kind' }], fields: { kind: { text: 'Choose a kind of source' } } } });
    }
    return reply.page('listening/sources/views/source-new.njk', { kind, values: {}, canOverrideOptOut: hasPermission(request.user?.roles ?? [], 'users:manage') });
  });

  root.post('/sources/new', { config: manage }, async (request, reply) => {
    const values = sourceForm(formBody(request.body), request);
    const data = { kind: values.kind, values: { ...values, ...values.config, hashtags: textField(formBody(request.body).hashtags) }, canOverrideOptOut: hasPermission(request.user?.roles ?? [], 'users:manage') };
    return handleForm(reply, 'listening/sources/views/source-new.njk', data, async () => {
      const { source, webhookSecret } = await createSource(db, actorOf(request), cipher, values);
      if (webhookSecret !== undefined) return reply.page('listening/sources/views/source.njk', { source, kind: source.kind, kindNames, values: formValues(source), webhookSecret });
      return reply.redirect(`/sources/${source.id}?saved=1`, 303);
    });
  });

  root.get<WithId>('/sources/:id', { config: manage }, async (request, reply) => {
    const row = found(await findSourceRow(db, request.params.id), 'source');
    const source = toSource(row);
    const loaded = source.kind === 'mastodon' && source.hasCredentials ? await loadSourceForRun(db, cipher, source.id).catch(() => undefined) : undefined;
    return reply.page('listening/sources/views/source.njk', {
      source, kind: source.kind, kindNames, values: formValues(source), saved: formBody(request.query).saved === '1',
      tokenMask: loaded?.secret === undefined ? undefined : maskSecret(loaded.secret), canOverrideOptOut: hasPermission(request.user?.roles ?? [], 'users:manage'),
    });
  });

  root.post<WithId>('/sources/:id', { config: manage }, async (request, reply) => {
    const source = toSource(found(await findSourceRow(db, request.params.id), 'source'));
    const body = formBody(request.body);
    const values = sourceForm({ ...body, kind: source.kind }, request);
    const data = { source, kind: source.kind, kindNames, values: { ...values, ...values.config, hashtags: textField(body.hashtags) }, canOverrideOptOut: hasPermission(request.user?.roles ?? [], 'users:manage') };
    return handleForm(reply, 'listening/sources/views/source.njk', data, async () => {
      const keepOverride = hasPermission(request.user?.roles ?? [], 'users:manage') ? values.includeOptedOut : source.includeOptedOut;
      await updateSource(db, actorOf(request), cipher, source.id, { ...values, includeOptedOut: keepOverride });
      return reply.redirect(`/sources/${source.id}?saved=1`, 303);
    });
  });

  for (const [action, status] of [['pause', 'paused'], ['resume', 'active']] as const) {
    root.post<WithId>(`/sources/:id/${action}`, { config: manage }, async (request, reply) => {
      await setSourceStatus(db, actorOf(request), request.params.id, status);
      return reply.redirect(`/sources/${request.params.id}?saved=1`, 303);
    });
  }

  root.post<WithId>('/sources/:id/delete', { config: manage }, async (request, reply) => {
    await deleteSource(db, actorOf(request), request.params.id);
    return reply.redirect('/sources', 303);
  });

  registerSourceApi(root, db, cipher);
}

const sourceSchema = z.object({
  id: z.string(), kind: z.enum(['rss', 'mastodon', 'bluesky', 'webhook']), name: z.string(), status: z.enum(['active', 'paused']),
  config: z.record(z.string(), z.unknown()), hasCredentials: z.boolean(), keepAll: z.boolean(), includeOptedOut: z.boolean(), retentionDays: z.number(),
  health: z.object({
    nextRunAt: z.string(), lastRunAt: z.string().nullable(), lastSuccessAt: z.string().nullable(), lastError: z.string().nullable(), lastErrorAt: z.string().nullable(),
    failures: z.number(), itemsReceived: z.number(), itemsStored: z.number(), itemsMalformed: z.number(), leaseOwner: z.string().nullable(),
  }),
  createdAt: z.string(),
});
const idParams = z.object({ id: z.string().min(1) });

function registerSourceApi(root: FastifyInstance, db: Kysely<Database>, cipher: CredentialCipher): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/sources', { config: manage, schema: { tags: ['listening'], summary: 'List sources with their health', response: { 200: z.object({ sources: z.array(sourceSchema) }) } } }, async () => ({ sources: await listSources(db) }));
  app.post('/api/v1/sources', {
    config: manage,
    schema: { tags: ['listening'], summary: 'Add a source; a webhook source’s signing secret is in the response only this once', body: newSourceInput, response: { 201: z.object({ source: sourceSchema, webhookSecret: z.string().optional() }) } },
  }, async (request, reply) => {
    const body = hasPermission(request.user?.roles ?? [], 'users:manage') ? request.body : { ...request.body, includeOptedOut: false };
    return reply.code(201).send(await createSource(db, actorOf(request), cipher, body));
  });
  app.get('/api/v1/sources/:id', { config: manage, schema: { tags: ['listening'], summary: 'One source with its health', params: idParams, response: { 200: sourceSchema } } }, async (request) =>
    toSource(found(await findSourceRow(db, request.params.id), 'source')));
  app.put('/api/v1/sources/:id', { config: manage, schema: { tags: ['listening'], summary: 'Change a source', params: idParams, body: sourceChangeInput, response: { 200: sourceSchema } } }, async (request) => {
    const before = toSource(found(await findSourceRow(db, request.params.id), 'source'));
    const body = hasPermission(request.user?.roles ?? [], 'users:manage') ? request.body : { ...request.body, includeOptedOut: before.includeOptedOut };
    return updateSource(db, actorOf(request), cipher, request.params.id, body);
  });
  app.post('/api/v1/sources/:id/pause', { config: manage, schema: { tags: ['listening'], summary: 'Pause a source', params: idParams, response: { 200: sourceSchema } } }, async (request) =>
    setSourceStatus(db, actorOf(request), request.params.id, 'paused'));
  app.post('/api/v1/sources/:id/resume', { config: manage, schema: { tags: ['listening'], summary: 'Resume a source', params: idParams, response: { 200: sourceSchema } } }, async (request) =>
    setSourceStatus(db, actorOf(request), request.params.id, 'active'));
  app.delete('/api/v1/sources/:id', { config: manage, schema: { tags: ['listening'], summary: 'Delete a source (its mentions stay until retention removes them)', params: idParams } }, async (request, reply) => {
    await deleteSource(db, actorOf(request), request.params.id);
    return reply.code(204).send();
  });
}
