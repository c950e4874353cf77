import { z } from 'zod';
import { sourceKinds } from './incoming-mention.js';
import type { SearchOptions } from './search-options.js';

const list = <T extends z.ZodType>(item: T) => z.preprocess((value) => (value === undefined || value === '' ? undefined : Array.isArray(value) ? value : [value]), z.array(item).optional());
const isoDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date like 2026-11-01').refine((d) => !Number.isNaN(Date.parse(d)), 'Enter a real date').optional();

/** The mention search's query string, as the page's form and the API send it. Empty fields mean "any". */
export const mentionQuery = z.object({
  q: z.string().max(500, 'Search words must be 500 characters or fewer').optional(),
  watch: list(z.string().min(1).max(200)),
  source: list(z.string().min(1).max(200)),
  platform: list(z.enum(sourceKinds, { error: 'Choose a platform from the list' })),
  language: list(z.string().regex(/^[a-z]{2,3}$/, 'Choose a language from the list')),
  sentiment: list(z.enum(['negative', 'neutral', 'positive'], { error: 'Choose a sentiment from the list' })),
  personalData: z.enum(['any', 'yes', 'no']).optional(),
  from: isoDate,
  to: isoDate,
  sort: z.enum(['newest', 'relevance']).optional(),
  after: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** A parsed mention query. */
export type MentionQuery = z.output<typeof mentionQuery>;

/** Drops empty values, so that an empty box or "any" means no filter. */
export function withoutEmpty(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== '' && v !== undefined));
}

/** The search the query asks for. Dates are whole UK days, inclusive. */
export function toSearchOptions(query: MentionQuery, defaultLimit = 25): SearchOptions {
  const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    text: query.q,
    watchIds: query.watch,
    sourceIds: query.source,
    sourceKinds: query.platform,
    languages: query.language,
    sentiment: query.sentiment,
    personalData: query.personalData === 'yes' ? true : query.personalData === 'no' ? false : undefined,
    from: query.from === undefined ? undefined : `${query.from}T00:00:00.000Z`,
    to: query.to === undefined ? undefined : nextDay(query.to),
    sort: query.sort ?? (query.q ? 'relevance' : 'newest'),
    after: query.after,
    limit: query.limit ?? defaultLimit,
  };
}
