import { z } from 'zod';

const hours = z.number().nullable();

/** One set of figures in the API. */
export const serviceLevelStatsSchema = z.object({
  cases: z.number().int().describe('Cases opened in the period'),
  answered: z.number().int().describe('Of those, cases with a first response'),
  medianHours: hours.describe('Median first response in working hours (linear interpolation); null when none was answered'),
  p90Hours: hours.describe('90th-percentile first response in working hours (linear interpolation); null when none was answered'),
  withinPromise: z.number().int().describe('Answered by the due time'),
  missed: z.number().int().describe('Answered after the due time, or still open past it'),
  shareWithinPromise: z.number().nullable().describe('withinPromise / (withinPromise + missed), 0 to 1; null when no case is decided yet'),
  notYetDue: z.number().int().describe('Open, unanswered and not yet due: left out of the share'),
  closedWithoutReply: z.number().int().describe('Closed without a response (no reply needed): left out of the share'),
  withoutPromise: z.number().int().describe('Without a due time: left out of the share'),
});

const groupSchema = z.object({
  id: z.string().nullable().describe('The channel or team; null for cases without one, and for all cases'),
  name: z.string(),
  all: serviceLevelStatsSchema,
  welsh: serviceLevelStatsSchema.describe('Cases in Welsh (cy)'),
  english: serviceLevelStatsSchema.describe('Cases in English (en)'),
  welshSlower: z.boolean().describe('Welsh cases had a greater median or 90th-percentile first response than English ones'),
});

/** The service-level report in the API. */
export const serviceLevelReportSchema = z.object({
  from: z.string().describe('First day of the period (UK time)'),
  to: z.string().describe('Last day of the period, included (UK time)'),
  generatedAt: z.string().describe('When the figures were worked out: open cases count as missed or not yet due as of then'),
  overall: groupSchema,
  byChannel: z.array(groupSchema),
  byTeam: z.array(groupSchema),
});
