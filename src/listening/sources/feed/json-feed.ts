import { z } from 'zod';
import { problemsOf } from '../../../platform/errors/validation.js';
import type { FeedDocument, ReadItem, TextPart } from './feed-item.js';

const text = () => z.string({ error: 'expected text' }).nullish();
const lenientText = text().catch(undefined);
const authors = z
  .array(z.unknown())
  .nullish()
  .catch(undefined)
  .transform((list) => (list ?? []).map((a) => z.object({ name: z.string() }).safeParse(a)).find((r) => r.success)?.data.name);

const feedSchema = z.object({
  version: z.string({ error: 'expected https://jsonfeed.org/version/1.1' }).regex(/^https:\/\/jsonfeed\.org\/version\/1(\.\d+)?$/, {
    error: 'expected https://jsonfeed.org/version/1.1',
  }),
  title: lenientText,
  language: lenientText,
  authors,
  author: z.object({ name: z.string() }).nullish().catch(undefined),
  items: z.array(z.unknown(), { error: 'expected a list of items' }),
});

// Fields that carry the item's id and text must have the right type, or the item is skipped; the rest are read leniently.
const itemSchema = z.object({
  id: z.union([z.string(), z.number()], { error: 'expected text or a number' }).nullish(),
  url: text(),
  title: text(),
  summary: text(),
  content_html: text(),
  content_text: text(),
  external_url: lenientText,
  date_published: lenientText,
  date_modified: lenientText,
  language: lenientText,
  authors,
  author: z.object({ name: z.string() }).nullish().catch(undefined),
});

/**
 * Reads a JSON Feed (1.0 or 1.1). An item's body is its summary, else its HTML content, else its text content; its
 * author the first named one (the item's, else the feed's); "author" of version 1.0 is read too.
 */
export function readJsonFeed(json: unknown, feedUrl: string): FeedDocument | { error: string } {
  const feed = feedSchema.safeParse(json);
  if (!feed.success) {
    const problem = problemsOf(feed.error)[0];
    const where = problem === undefined || problem.path === '' ? 'the document' : `"${problem.path}"`;
    return { error: `It is JSON but not a JSON Feed: ${where} ${describe(problem?.message)}.` };
  }
  const { title, language, items } = feed.data;
  const feedAuthor = feed.data.authors ?? feed.data.author?.name;
  return {
    title: title?.trim() ?? '',
    items: items.map((item) => readItem(item, feedUrl, language ?? null, feedAuthor)),
  };
}

function readItem(raw: unknown, feedUrl: string, language: string | null, feedAuthor: string | undefined): ReadItem {
  const read = itemSchema.safeParse(raw);
  if (!read.success) {
    const problem = problemsOf(read.error)[0];
    if (problem === undefined || problem.path === '') return { kind: 'malformed', reason: 'it is not a JSON object' };
    return { kind: 'malformed', reason: `its "${problem.path}" ${describe(problem.message)}` };
  }
  const item = read.data;
  return {
    kind: 'item',
    parts: {
      id: item.id === null || item.id === undefined ? undefined : String(item.id),
      link: item.url ?? item.external_url ?? undefined,
      linkBase: feedUrl,
      title: part('text', item.title),
      body: part('text', item.summary) ?? part('html', item.content_html) ?? part('text', item.content_text),
      authorName: item.authors ?? item.author?.name ?? feedAuthor,
      published: item.date_published ?? item.date_modified ?? undefined,
      language: item.language ?? language,
    },
  };
}

function part(kind: TextPart['kind'], value: string | null | undefined): TextPart | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : { kind, value, base: null };
}

function describe(message: string | undefined): string {
  return `is not valid (${message ?? 'unexpected value'})`;
}
