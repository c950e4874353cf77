import type { FeedDocument, ReadItem, TextPart } from './feed-item.js';
import { htmlToText } from './html-text.js';
import { NS, childElement, childElements, childText, type XmlElement } from './xml-tree.js';

const RSS_090 = 'http://my.netscape.com/rdf/simple/0.9/';

/** Whether a root element is RSS 0.9x/2.0 (`<rss>`) or RSS 1.0/0.90 (`<rdf:RDF>`). */
export function isRss(root: XmlElement): boolean {
  return (root.ns === '' && root.local === 'rss') || (root.ns === NS.rdf && root.local === 'RDF');
}

/**
 * Reads an RSS document: RSS 2.0 (and 0.9x), whose items sit in `<channel>`, or RSS 1.0 (RDF), whose items sit beside
 * it. Titles and descriptions are read as HTML, as RSS readers do; `content:encoded` stands in for a missing description.
 */
export function readRss(root: XmlElement): FeedDocument | { error: string } {
  if (root.local === 'rss') {
    const channel = childElement(root, '', 'channel');
    if (channel === undefined) return { error: 'It is an RSS document without a <channel> element.' };
    return read(channel, childElements(channel, '', 'item'), '');
  }
  const ns = childElement(root, NS.rss1, 'channel') === undefined ? RSS_090 : NS.rss1;
  const channel = childElement(root, ns, 'channel');
  if (channel === undefined) return { error: 'It is an RDF document without an RSS 1.0 <channel> element.' };
  return read(channel, childElements(root, ns, 'item'), ns);
}

function read(channel: XmlElement, items: XmlElement[], ns: string): FeedDocument {
  const language = childText(channel, '', 'language') ?? childText(channel, NS.dc, 'language') ?? null;
  return {
    title: htmlToText(childText(channel, ns, 'title') ?? '', null).text,
    items: items.map((item) => readItem(item, ns, language)),
  };
}

function readItem(item: XmlElement, ns: string, channelLanguage: string | null): ReadItem {
  const guid = childElement(item, '', 'guid');
  const guidText = childText(item, '', 'guid');
  const permalink = guid !== undefined && guid.attributes.get('isPermaLink')?.toLowerCase() !== 'false';
  const link = childText(item, ns, 'link') ?? (permalink ? guidText : undefined);
  return {
    kind: 'item',
    parts: {
      id: guidText ?? item.attributes.get('rdf:about'),
      link,
      linkBase: item.base,
      title: html(childText(item, ns, 'title')),
      body: html(childText(item, ns, 'description') ?? childText(item, NS.content, 'encoded')),
      authorName: authorName(childText(item, NS.dc, 'creator') ?? childText(item, '', 'author')),
      published: childText(item, '', 'pubDate') ?? childText(item, NS.dc, 'date'),
      language: childText(item, NS.dc, 'language') ?? channelLanguage,
    },
  };
}

function html(value: string | undefined): TextPart | undefined {
  return value === undefined ? undefined : { kind: 'html', value, base: null };
}

/** RSS writes authors as "editor@example.gov.uk (Jo Bloggs)": the name in brackets, else the whole of it. */
function authorName(value: string | undefined): string | undefined {
  const named = value === undefined ? null : /^[^\s@()]+@[^\s()]+\s*\((.+)\)$/.exec(value);
  return named?.[1] ?? value;
}
