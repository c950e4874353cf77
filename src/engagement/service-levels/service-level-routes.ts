import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import { problemsOf } from '../../platform/errors/validation.js';
import { formErrors } from '../../platform/http/form-errors.js';
import { formBody, textField } from '../../platform/http/forms.js';
import { reportRangeQuery, resolveReportRange, type ReportRange } from './report-range.js';
import { serviceLevelCsv } from './report-csv.js';
import { serviceLevelView } from './report-view.js';
import { serviceLevelReportSchema } from './service-level-schema.js';
import { serviceLevelReport } from './service-level-report.js';

const read = { access: { permission: 'reports:read' } } as const;
const template = 'engagement/service-levels/views/service-levels.njk';

/** The period a page or CSV query asks for, or the problems with it; empty boxes take their defaults. */
function rangeOf(query: unknown, now: Date): { range: ReportRange } | { problems: AppError['problems'] } {
  const raw = formBody(query);
  const parsed = reportRangeQuery.safeParse({ from: textField(raw.from).trim() || undefined, to: textField(raw.to).trim() || undefined });
  if (!parsed.success) return { problems: problemsOf(parsed.error) };
  try {
    return { range: resolveReportRange(parsed.data, now) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed') return { problems: error.problems };
    throw error;
  }
}

/** The service-level report: its page (GET form for the period), the same tables as CSV, and the API. */
export function registerServiceLevelRoutes(root: FastifyInstance, db: Kysely<Database>): void {
  root.get('/reports/service-levels', { config: read }, async (request, reply) => {
    const now = new Date();
    const asked = rangeOf(request.query, now);
    if ('problems' in asked) {
      const raw = formBody(request.query);
      reply.code(400);
      return reply.page(template, { values: { from: textField(raw.from), to: textField(raw.to) }, errors: formErrors(asked.problems) });
    }
    const { range } = asked;
    const report = await serviceLevelReport(db, range, now);
    const csvHref = `/reports/service-levels.csv?${new URLSearchParams({ from: range.from, to: range.to }).toString()}`;
    return reply.page(template, { values: { from: range.from, to: range.to }, range, csvHref, report: serviceLevelView(report) });
  });

  root.get('/reports/service-levels.csv', { config: read }, async (request, reply) => {
    const now = new Date();
    const asked = rangeOf(request.query, now);
    if ('problems' in asked) throw new AppError('validation_failed', 'Choose a valid period for the report', asked.problems);
    const report = await serviceLevelReport(db, asked.range, now);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="service-levels-${asked.range.from}-to-${asked.range.to}.csv"`)
      .send(serviceLevelCsv(report));
  });

  root.withTypeProvider<ZodTypeProvider>().get('/api/v1/reports/service-levels', {
    config: read,
    schema: {
      tags: ['reports'],
      summary: 'Service levels of the cases opened in a period (whole UK days; default the last 30): per channel and per team, median and 90th-percentile first response in working hours (linear interpolation between nearest ranks), the share answered within the promise, Welsh beside English',
      querystring: reportRangeQuery,
      response: { 200: serviceLevelReportSchema },
    },
  }, async (request) => {
    const now = new Date();
    const report = await serviceLevelReport(db, resolveReportRange(request.query, now), now);
    return { from: report.range.from, to: report.range.to, generatedAt: report.generatedAt, overall: report.overall, byChannel: report.byChannel, byTeam: report.byTeam };
  });
}
