import { decodeEntities } from './html-entities.js';

/** Plain text read from HTML, and the absolute http(s) links its anchors point to. */
export interface HtmlText {
  text: string;
  links: string[];
}

// Elements whose content is never text a reader sees.
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math', 'head', 'title']);
// Elements that separate words: their tags become a space.
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'img', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'td',
  'th', 'tr', 'ul',
]);
// Control characters other than white space (which becomes a space).
const CONTROLS = /[^\P{Cc}\s]/gu;
const MAX_ATTRIBUTES_LENGTH = 8192;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** Text as Parley keeps it: control characters removed, runs of white space made one space, trimmed. */
export function cleanText(text: string): string {
  return text.replace(CONTROLS, '').replace(/\s+/g, ' ').trim();
}

/**
 * Reads HTML as plain text: tags dropped (block elements leave a space), the content of scripts, styles and the like
 * dropped, character references decoded, white space collapsed. Never throws, whatever the input; the scan is linear.
 * Links of `<a href>` are resolved against `baseUrl` and kept when they are http or https.
 */
export function htmlToText(html: string, baseUrl: string | null): HtmlText {
  const parts: string[] = [];
  const links: string[] = [];
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open === -1) {
      parts.push(decodeEntities(html.slice(at)));
      break;
    }
    parts.push(decodeEntities(html.slice(at, open)));
    if (html.startsWith('<![CDATA[', open)) {
      const close = html.indexOf(']]>', open);
      parts.push(html.slice(open + 9, close === -1 ? html.length : close));
      at = close === -1 ? html.length : close + 3;
      continue;
    }
    const tag = readTag(html, open);
    if (tag === undefined) {
      parts.push('<');
      at = open + 1;
      continue;
    }
    at = tag.end;
    if (tag.name === undefined) continue;
    if (BLOCKS.has(tag.name)) parts.push(' ');
    if (tag.closing) continue;
    if (HIDDEN.has(tag.name) && !tag.selfClosing) at = skipElement(html, tag.name, at);
    else if (tag.name === 'a') addLink(links, attributeValue(tag.attributes, 'href'), baseUrl);
  }
  return { text: cleanText(parts.join('')), links };
}

interface Tag {
  /** Lower-case element name; undefined for comments, doctypes and processing instructions. */
  name: string | undefined;
  closing: boolean;
  selfClosing: boolean;
  attributes: string;
  /** The index just past the tag. */
  end: number;
}

/** Reads the tag that starts at `open` (a '<'), or undefined when the '<' starts no tag and is text. */
function readTag(html: string, open: number): Tag | undefined {
  const next = html.charAt(open + 1);
  if (html.startsWith('<!--', open)) return markup(html, html.indexOf('-->', open + 4), 3);
  if (next === '!' || next === '?') return markup(html, html.indexOf('>', open), 1);
  const closing = next === '/';
  const nameStart = closing ? open + 2 : open + 1;
  if (!/[A-Za-z]/.test(html.charAt(nameStart))) return undefined;
  let at = nameStart;
  while (at < html.length && !/[\s/>]/.test(html.charAt(at))) at++;
  const name = html.slice(nameStart, at).toLowerCase();
  const attributesStart = at;
  let quote = '';
  for (; at < html.length; at++) {
    const char = html.charAt(at);
    if (quote !== '') {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '>') break;
  }
  // An unterminated tag runs to the end of the input, as in a browser.
  if (at >= html.length) return { name: undefined, closing, selfClosing: false, attributes: '', end: html.length };
  const attributes = html.slice(attributesStart, at);
  return { name, closing, selfClosing: attributes.endsWith('/'), attributes, end: at + 1 };
}

function markup(html: string, close: number, closeLength: number): Tag {
  const end = close === -1 ? html.length : close + closeLength;
  return { name: undefined, closing: false, selfClosing: false, attributes: '', end };
}

/** The index just past the end tag of a hidden element (or the end of the input when it has none). */
function skipElement(html: string, name: string, from: number): number {
  const end = new RegExp(`</${name}[\\s/>]`, 'gi');
  end.lastIndex = from;
  const found = end.exec(html);
  if (found === null) return html.length;
  const close = html.indexOf('>', found.index);
  return close === -1 ? html.length : close + 1;
}

function attributeValue(attributes: string, wanted: string): string | undefined {
  // Real attributes are short; the cap bounds the work a crafted tag can cause.
  for (const match of attributes.slice(0, MAX_ATTRIBUTES_LENGTH).matchAll(ATTRIBUTE)) {
    if (match[1]?.toLowerCase() === wanted) return decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return undefined;
}

function addLink(links: string[], href: string | undefined, baseUrl: string | null): void {
  const link = absoluteHttpUrl(href, baseUrl);
  if (link !== null && !links.includes(link)) links.push(link);
}

/** `reference` resolved against `baseUrl`, when that gives an http or https URL; otherwise null. */
export function absoluteHttpUrl(reference: string | undefined, baseUrl: string | null): string | null {
  const trimmed = reference?.trim() ?? '';
  if (trimmed === '') return null;
  if (!URL.canParse(trimmed, baseUrl ?? undefined)) return null;
  const url = new URL(trimmed, baseUrl ?? undefined);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
