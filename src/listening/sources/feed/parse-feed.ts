import type { IncomingMention } from '../../mentions/incoming-mention.js';
import { isAtom, readAtom } from './atom.js';
import { type FeedContext, type FeedDocument, toMention } from './feed-item.js';
import { readJsonFeed } from './json-feed.js';
import { isRss, readRss } from './rss.js';
import { parseXml } from './xml-tree.js';

/** What a fetch gave: the body as text, its content type, the URL it came from (after redirects), and when. */
export interface FeedInput {
  body: string;
  contentType: string | null;
  url: string;
  fetchedAt: Date;
}

/** An item left out, with its 0-based position in the document and why. */
export interface SkippedItem {
  index: number;
  reason: string;
}

/** A feed read into mentions (with the items it skipped), or why it could not be read at all. */
export type FeedParseResult =
  | { ok: true; title: string; items: IncomingMention[]; skipped: SkippedItem[] }
  | { ok: false; error: string };

/**
 * Reads a feed, RSS 2.0 (and 0.9x), RSS 1.0 (RDF), Atom 1.0 or JSON Feed 1.x, chosen by what the body holds (servers
 * often give feeds the wrong content type). Each item becomes a mention; a malformed item is skipped with a reason and
 * the rest are kept. Never throws: a body that is not a feed gives `ok: false` and a message saying why.
 */
export function parseFeed(input: FeedInput): FeedParseResult {
  const document = readDocument(input);
  if ('error' in document) return { ok: false, error: document.error };
  const context: FeedContext = { feedUrl: input.url, fetchedAt: input.fetchedAt };
  const items: IncomingMention[] = [];
  const skipped: SkippedItem[] = [];
  const seen = new Set<string>();
  document.items.forEach((item, index) => {
    const read = item.kind === 'item' ? toMention(item.parts, context) : { ok: false as const, reason: item.reason };
    if (!read.ok) skipped.push({ index, reason: read.reason });
    else if (seen.has(read.mention.externalId)) {
      skipped.push({ index, reason: `it has the same id as an earlier item (${read.mention.externalId})` });
    } else {
      seen.add(read.mention.externalId);
      items.push(read.mention);
    }
  });
  return { ok: true, title: document.title, items, skipped };
}

function readDocument(input: FeedInput): FeedDocument | { error: string } {
  const body = input.body.replace(/^\uFEFF/, '').trimStart();
  const type = input.contentType === null ? 'no content type' : `content type ${input.contentType}`;
  if (body === '') return { error: `The answer was empty (${type}).` };
  if (body.startsWith('{')) return readJson(body, input.url);
  if (!body.startsWith('<')) return { error: `It is neither XML nor JSON, so not a feed (${type}).` };
  const webPage = "It is a web page, not a feed: use the address of the page's RSS or Atom feed instead.";
  if (/^<(?:!doctype\s+html|html)[\s>]/i.test(body)) return { error: webPage };
  const xml = parseXml(body, input.url);
  if (!xml.ok) return { error: xml.error };
  if (isRss(xml.root)) return readRss(xml.root);
  if (isAtom(xml.root)) return readAtom(xml.root);
  if (input.contentType?.startsWith('text/html') === true) return { error: webPage };
  if (xml.root.ns === 'http://purl.org/atom/ns#') return { error: 'It is an Atom 0.3 feed, which Parley does not read: ask for Atom 1.0.' };
  return { error: `It is XML but not a feed: its root element is <${xml.root.local}>, where RSS has <rss> or <rdf:RDF> and Atom <feed>.` };
}

function readJson(body: string, url: string): FeedDocument | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return { error: `It is not valid JSON: ${error instanceof Error ? error.message : String(error)}.` };
  }
  return readJsonFeed(json, url);
}
