import { createHash } from 'node:crypto';
import type { IncomingMention } from '../../mentions/incoming-mention.js';
import { HASHTAGS, URLS } from '../../query/post.js';
import { parseFeedDate } from './feed-dates.js';
import { absoluteHttpUrl, cleanText, htmlToText } from './html-text.js';

/** A piece of an item's text as the feed gives it: plain text, or HTML to be read as text. */
export interface TextPart {
  kind: 'text' | 'html';
  value: string;
  /** The base for links in HTML; null for the item's own link (or else the feed's URL). */
  base: string | null;
}

/** One item as read from any of the formats, before it is checked and normalised. */
export interface ItemParts {
  id: string | undefined;
  /** The item's link as written (relative links are resolved against `linkBase`). */
  link: string | undefined;
  linkBase: string;
  title: TextPart | undefined;
  /** The summary, description or content. */
  body: TextPart | undefined;
  authorName: string | undefined;
  /** The publication date as written. */
  published: string | undefined;
  language: string | null;
}

/** An item of a document, read into its parts, or why it cannot be. */
export type ReadItem = { kind: 'item'; parts: ItemParts } | { kind: 'malformed'; reason: string };

/** A document of any format, read: its title and its items in order. */
export interface FeedDocument {
  title: string;
  items: ReadItem[];
}

/** What every item of one fetch shares. */
export interface FeedContext {
  feedUrl: string;
  /** When the feed was fetched: the time of an item without a readable date. */
  fetchedAt: Date;
}

/** An item made into a mention, or why it was skipped. */
export type ItemReading = { ok: true; mention: IncomingMention } | { ok: false; reason: string };

const MAX_ID_LENGTH = 500;

/**
 * Makes an item into a mention: text is the title and the summary (or content) as plain text, the title left out when
 * the summary repeats it; links come from the HTML; hashtags from the text. The external id is the item's id, else its
 * link, else a hash of its title and date. A missing or unreadable date becomes the fetch time.
 */
export function toMention(parts: ItemParts, context: FeedContext): ItemReading {
  const url = absoluteHttpUrl(parts.link, parts.linkBase);
  const title = readPart(parts.title, url ?? context.feedUrl);
  const body = readPart(parts.body, url ?? context.feedUrl);
  const text = joinText(title.text, body.text);
  if (text === '') return { ok: false, reason: 'it has neither a title nor any text' };
  const links = [...new Set([...title.links, ...body.links])];
  return {
    ok: true,
    mention: {
      sourceKind: 'rss',
      externalId: externalId(parts, url, title.text, text),
      url,
      authorHandle: null,
      authorName: optional(cleanText(parts.authorName ?? '')),
      text,
      declaredLanguage: optional(parts.language?.trim() ?? ''),
      createdAt: (parts.published === undefined ? null : parseFeedDate(parts.published)) ?? context.fetchedAt.toISOString(),
      links,
      hashtags: hashtagsIn(text),
      mentions: [],
      replyTo: null,
    },
  };
}

function readPart(part: TextPart | undefined, defaultBase: string): { text: string; links: string[] } {
  if (part === undefined) return { text: '', links: [] };
  if (part.kind === 'text') return { text: cleanText(part.value), links: [] };
  return htmlToText(part.value, part.base ?? defaultBase);
}

/** The title, then the body; the title alone is dropped when the body starts by repeating it. */
function joinText(title: string, body: string): string {
  if (title === '' || body === '') return title + body;
  const shortened = title.replace(/(?:…|\.\.\.)$/, '');
  const repeats = body === title || body.startsWith(`${title} `) || (shortened !== title && body.startsWith(shortened));
  return repeats ? body : `${title}\n\n${body}`;
}

function externalId(parts: ItemParts, url: string | null, title: string, text: string): string {
  const id = parts.id?.trim() ?? '';
  if (id !== '' && id.length <= MAX_ID_LENGTH) return id;
  if (id !== '') return hashId(id);
  if (url !== null && url.length <= MAX_ID_LENGTH) return url;
  const published = parts.published?.trim() ?? '';
  return hashId(title === '' && published === '' ? text : `${title}\n${published}`);
}

function hashId(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** The hashtags written in a text, without '#', each once (links and all-digit tags such as "#1" left out). */
function hashtagsIn(text: string): string[] {
  if (!text.includes('#')) return [];
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const match of text.replace(URLS, ' ').matchAll(HASHTAGS)) {
    const tag = match[1] ?? '';
    if (/^\d+$/.test(tag) || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

function optional(text: string): string | null {
  return text === '' ? null : text;
}
