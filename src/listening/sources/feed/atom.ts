import type { FeedDocument, ReadItem, TextPart } from './feed-item.js';
import { htmlToText } from './html-text.js';
import { NS, childElement, childElements, childText, innerHtml, textContent, type XmlElement } from './xml-tree.js';

/** Whether a root element is an Atom 1.0 feed. */
export function isAtom(root: XmlElement): boolean {
  return root.ns === NS.atom && root.local === 'feed';
}

/**
 * Reads an Atom 1.0 feed. Text constructs are read by their type (text, html or xhtml); an entry's link is its
 * alternate link; its date is when it was published, else updated; its author is the entry's, else the feed's.
 */
export function readAtom(feed: XmlElement): FeedDocument {
  const feedAuthor = authorName(feed);
  const title = textPart(childElement(feed, NS.atom, 'title'));
  return {
    title: title === undefined ? '' : title.kind === 'text' ? title.value.trim() : htmlToText(title.value, null).text,
    items: childElements(feed, NS.atom, 'entry').map((entry) => readEntry(entry, feedAuthor)),
  };
}

function readEntry(entry: XmlElement, feedAuthor: string | undefined): ReadItem {
  const link = alternateLink(entry);
  return {
    kind: 'item',
    parts: {
      id: childText(entry, NS.atom, 'id'),
      link: link?.attributes.get('href'),
      linkBase: link?.base ?? entry.base,
      title: textPart(childElement(entry, NS.atom, 'title')),
      body: textPart(childElement(entry, NS.atom, 'summary')) ?? textPart(childElement(entry, NS.atom, 'content')),
      authorName: authorName(entry) ?? feedAuthor,
      published: childText(entry, NS.atom, 'published') ?? childText(entry, NS.atom, 'updated'),
      language: entry.lang,
    },
  };
}

/** The link a reader follows: rel="alternate" (the default), HTML first. */
function alternateLink(entry: XmlElement): XmlElement | undefined {
  const alternates = childElements(entry, NS.atom, 'link').filter(
    (link) => (link.attributes.get('rel') ?? 'alternate') === 'alternate' && link.attributes.has('href'),
  );
  return alternates.find((link) => link.attributes.get('type')?.startsWith('text/html') === true) ?? alternates[0];
}

function authorName(element: XmlElement): string | undefined {
  const author = childElement(element, NS.atom, 'author');
  return author === undefined ? undefined : childText(author, NS.atom, 'name');
}

/** An Atom text construct (or content) by its type; out-of-line content (`src`) and other media types give nothing. */
function textPart(element: XmlElement | undefined): TextPart | undefined {
  if (element === undefined || element.attributes.has('src')) return undefined;
  const type = (element.attributes.get('type') ?? 'text').toLowerCase();
  if (type === 'text' || type === 'text/plain') return { kind: 'text', value: textContent(element), base: element.base };
  if (type === 'html' || type === 'text/html') return { kind: 'html', value: textContent(element), base: element.base };
  if (type === 'xhtml' || type === 'application/xhtml+xml') return { kind: 'html', value: innerHtml(element), base: element.base };
  return undefined;
}
