import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { caseIdOfMention } from '../../engagement/cases/case-thread.js';
import { actorOf } from '../../platform/http/actor.js';
import { hasPermission } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { problemsOf } from '../../platform/errors/validation.js';
import { formBody } from '../../platform/http/forms.js';
import { formErrors } from '../../platform/http/form-errors.js';
import { found } from '../../platform/http/server.js';
import { listSources } from '../sources/source-repository.js';
import { listWatches } from '../watches/watch-repository.js';
import { deleteMention } from './mention-delete.js';
import { mentionQuery, toSearchOptions, withoutEmpty } from './mention-query.js';
import { getMention } from './mention-read.js';
import { searchMentions } from './search.js';

type WithId = { Params: { id: string } };
const read = { access: { permission: 'mentions:read' } } as const;

/** Languages offered in the filter; others are reachable through the API. */
const languages = [
  { value: 'en', text: 'English' }, { value: 'cy', text: 'Welsh' }, { value: 'ga', text: 'Irish' }, { value: 'gd', text: 'Scottish Gaelic' },
  { value: 'pl', text: 'Polish' }, { value: 'ur', text: 'Urdu' }, { value: 'pa', text: 'Punjabi' }, { value: 'ar', text: 'Arabic' },
  { value: 'fr', text: 'French' }, { value: 'es', text: 'Spanish' }, { value: 'ro', text: 'Romanian' }, { value: 'pt', text: 'Portuguese' },
];

/** The mention search page, a mention's page, deletion on request, and the same in the API. */
export function registerMentionRoutes(root: FastifyInstance, db: Kysely<Database>): void {
  root.get('/mentions', { config: read }, async (request, reply) => {
    const raw = withoutEmpty(formBody(request.query));
    const context = { watches: await listWatches(db), sources: await listSources(db), languages };
    const parsed = mentionQuery.safeParse(raw);
    if (!parsed.success) {
      reply.code(400);
      return reply.page('listening/mentions/views/mentions.njk', { ...context, query: raw, sort: 'newest', results: [], errors: formErrors(problemsOf(parsed.error)) });
    }
    const options = toSearchOptions(parsed.data);
    const page = await searchMentions(db, options);
    const nextHref = page.nextCursor === undefined ? undefined : `/mentions?${new URLSearchParams([
      ...Object.entries(raw).filter(([key]) => key !== 'after').flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v): [string, string] => [key, String(v)])),
      ['after', page.nextCursor],
    ]).toString()}`;
    return reply.page('listening/mentions/views/mentions.njk', { ...context, query: parsed.data, sort: options.sort, results: page.mentions, nextHref });
  });

  root.get<WithId>('/mentions/:id', { config: read }, async (request, reply) => {
    const mention = found(await getMention(db, request.params.id), 'mention');
    const watches = await listWatches(db);
    const watchNames = mention.watchIds.map((id) => watches.find((w) => w.id === id)?.name ?? 'A deleted watch');
    const roles = request.user?.roles ?? [];
    return reply.page('listening/mentions/views/mention.njk', {
      mention, watchNames, canDelete: hasPermission(roles, 'mentions:delete'), caseId: await caseIdOfMention(db, mention.id), canOpenCase: hasPermission(roles, 'cases:work'),
    });
  });

  root.post<WithId>('/mentions/:id/delete', { config: { access: { permission: 'mentions:delete' } } }, async (request, reply) => {
    await deleteMention(db, actorOf(request), request.params.id);
    return reply.redirect('/mentions', 303);
  });

  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/mentions', {
    config: read,
    schema: { tags: ['listening'], summary: 'Search stored mentions: words and "phrases", filters, newest or most relevant first, paged with the cursor in nextCursor', querystring: mentionQuery },
  }, async (request) => searchMentions(db, toSearchOptions(request.query)));
  app.get('/api/v1/mentions/:id', { config: read, schema: { tags: ['listening'], summary: 'One mention with its watches and sightings', params: z.object({ id: z.string().min(1) }) } }, async (request) =>
    found(await getMention(db, request.params.id), 'mention'));
  app.delete('/api/v1/mentions/:id', { config: { access: { permission: 'mentions:delete' } }, schema: { tags: ['listening'], summary: 'Delete a mention on request (audited)', params: z.object({ id: z.string().min(1) }) } }, async (request, reply) => {
    await deleteMention(db, actorOf(request), request.params.id);
    return reply.code(204).send();
  });
}
