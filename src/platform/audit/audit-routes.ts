import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { problemsOf } from '../errors/validation.js';
import { formBody } from '../http/forms.js';
import { formErrors } from '../http/form-errors.js';
import { listAuditActions, listAuditEvents, type AuditFilter } from './audit-log.js';

const isoDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date like 2026-11-01').refine((d) => !Number.isNaN(Date.parse(d)), 'Enter a real date').optional();

/** The audit log's filters, as a form or API query gives them. */
export const auditQuery = z.object({
  actor: z.string().trim().max(254).optional(),
  action: z.string().trim().max(100).optional(),
  from: isoDate,
  to: isoDate,
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** Drops empty form fields, so that an empty filter box means "any". */
export function withoutBlanks(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''));
}

/** The admin's audit log page. */
export function registerAuditRoutes(app: FastifyInstance, db: Kysely<Database>): void {
  app.get('/admin/audit', { config: { access: { permission: 'audit:read' } } }, async (request, reply) => {
    const raw = formBody(request.query);
    const parsed = auditQuery.safeParse(withoutBlanks(raw));
    const actions = await listAuditActions(db);
    if (!parsed.success) {
      reply.code(400);
      return reply.page('platform/audit/views/audit-log.njk', { events: [], actions, filter: raw, errors: formErrors(problemsOf(parsed.error)) });
    }
    const filter: AuditFilter = { ...parsed.data, limit: parsed.data.limit ?? 50 };
    const events = await listAuditEvents(db, filter);
    const last = events.at(-1);
    const olderHref = last && events.length === filter.limit
      ? `/admin/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(withoutBlanks(raw)).map(([k, v]) => [k, String(v)])), before: String(last.seq) }).toString()}`
      : undefined;
    return reply.page('platform/audit/views/audit-log.njk', { events, actions, filter: parsed.data, olderHref });
  });
}

const eventSchema = z.object({
  seq: z.number(),
  occurredAt: z.string(),
  actor: z.object({ type: z.enum(['user', 'system']), id: z.string().optional(), label: z.string() }),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});

/** The audit log in the JSON API, newest first, paged with `before`. */
export function registerAuditApi(root: FastifyInstance, db: Kysely<Database>): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/audit-events', {
    config: { access: { permission: 'audit:read' } },
    schema: { tags: ['audit'], summary: 'Read the audit log; filter by actor (part of the label), action (prefix) and dates (YYYY-MM-DD, inclusive)', querystring: auditQuery, response: { 200: z.object({ events: z.array(eventSchema) }) } },
  }, async (request) => ({ events: await listAuditEvents(db, request.query) }));
}
