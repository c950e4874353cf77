import { z } from 'zod';
import { validationFailed, type Problem } from '../../platform/errors/app-error.js';
import { instantOfLocal, isoDateOf, localDayOf, type DayNumber } from '../calendar/zoned-time.js';

/** Report dates are whole days in UK time. */
const timeZone = 'Europe/London';
const msPerDay = 86_400_000;
/** The default period: the last 30 days, today included. */
export const defaultReportDays = 30;
/** The longest period a report covers. */
export const maxReportDays = 366;

const dayNumberOf = (date: string): DayNumber => Date.parse(`${date}T00:00:00Z`) / msPerDay;
/** Round-trips the date: Date.parse reads 2026-02-30 as 2 March. (Zod runs this even after the pattern fails.) */
const isRealDate = (date: string) => {
  const day = dayNumberOf(date);
  return Number.isInteger(day) && isoDateOf(day) === date;
};

const reportDate = (which: string) => z.string().trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${which} date as year, month and day, like 2026-03-01`)
  .refine(isRealDate, `Enter a real ${which} date`);

/** The report's query string, from the page's form and the API: a missing date takes its default. */
export const reportRangeQuery = z.object({
  from: reportDate('start').optional().describe('First day of the period (YYYY-MM-DD, UK time); default: 29 days before `to`'),
  to: reportDate('end').optional().describe('Last day of the period, included (YYYY-MM-DD, UK time); default: today'),
});

/** A parsed report query. */
export type ReportRangeQuery = z.output<typeof reportRangeQuery>;

/** A report's period: whole UK days from `from` to `to` inclusive, and the UTC instants that bound it. */
export interface ReportRange {
  from: string;
  to: string;
  /** The first instant of `from` in UK time (UTC ISO). */
  startsAt: string;
  /** The first instant of the day after `to` in UK time (UTC ISO): cases opened before it are in. */
  endsBefore: string;
}

/**
 * The period a query asks for at `now`, with the defaults filled in: to today, from 29 days before `to`. Throws
 * validation_failed when the period ends before it starts or is longer than `maxReportDays`.
 */
export function resolveReportRange(query: ReportRangeQuery, now: Date): ReportRange {
  const to = query.to === undefined ? localDayOf(timeZone, now.getTime()) : dayNumberOf(query.to);
  const from = query.from === undefined ? to - (defaultReportDays - 1) : dayNumberOf(query.from);
  const problems: Problem[] = [];
  if (from > to) problems.push({ path: 'to', message: 'The end date must be the same as or after the start date' });
  else if (to - from + 1 > maxReportDays) problems.push({ path: 'from', message: `Choose a period of at most ${maxReportDays} days` });
  if (problems.length > 0) throw validationFailed(problems);
  return {
    from: isoDateOf(from), to: isoDateOf(to),
    startsAt: new Date(instantOfLocal(timeZone, from, 0)).toISOString(),
    endsBefore: new Date(instantOfLocal(timeZone, to + 1, 0)).toISOString(),
  };
}
