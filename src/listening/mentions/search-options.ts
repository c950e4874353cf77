import { z } from 'zod';
import { toDbTime } from '../../platform/db/time.js';
import { parseInput } from '../../platform/errors/validation.js';
import type { SentimentLabel } from '../enrich/sentiment.js';
import { type SourceKind, sourceKinds } from './incoming-mention.js';
import type { SearchSort } from './search-cursor.js';

/**
 * What to search for. Every filter is optional and an empty list is no filter; a mention must pass them all, and
 * within one list any value will do. `from` is inclusive and `to` exclusive (ISO 8601 times, on the mention's
 * creation time). Sorting by relevance needs words to search for; without them results come newest first.
 */
export interface SearchOptions {
  /** The search box: plain words and "quoted phrases". */
  text?: string | undefined;
  watchIds?: readonly string[] | undefined;
  sourceIds?: readonly string[] | undefined;
  sourceKinds?: readonly SourceKind[] | undefined;
  languages?: readonly string[] | undefined;
  sentiment?: readonly SentimentLabel[] | undefined;
  /** true: only mentions with personal data; false: only those without. */
  personalData?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
  sort: SearchSort;
  /** The cursor of the previous page. */
  after?: string | undefined;
  limit: number;
}

/** The most results one page may ask for. */
export const MAX_PAGE_SIZE = 200;

const idList = z.array(z.string().min(1).max(200)).max(200).optional();
const time = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'Enter an ISO 8601 date and time')
  .transform((value) => toDbTime(new Date(value)))
  .optional();

const searchOptionsSchema = z.object({
  text: z.string().optional(),
  watchIds: idList,
  sourceIds: idList,
  sourceKinds: z.array(z.enum(sourceKinds)).optional(),
  languages: z.array(z.string().min(1).max(35)).max(200).optional(),
  sentiment: z.array(z.enum(['negative', 'neutral', 'positive'])).optional(),
  personalData: z.boolean().optional(),
  from: time,
  to: time,
  sort: z.enum(['newest', 'relevance']),
  after: z.string().max(2000).optional(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE),
});

/** Search options after validation: times normalised to the stored form. */
export type ValidSearchOptions = z.output<typeof searchOptionsSchema>;

/** Validates search options; throws a validation_failed AppError naming each bad field. */
export function validateSearchOptions(options: SearchOptions): ValidSearchOptions {
  return parseInput(searchOptionsSchema, options);
}
