import { XMLParser } from 'fast-xml-parser';

/** An XML element with its namespace resolved, and the base URL and language in force where it stands. */
export interface XmlElement {
  /** The namespace URI; '' for none. */
  readonly ns: string;
  readonly local: string;
  /** Attributes by their name as written ("href", "rdf:about", "xml:lang"). */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlNode[];
  /** The base for relative references: the document's URL, changed by any `xml:base` on the way down. */
  readonly base: string;
  /** The `xml:lang` in force, if any. */
  readonly lang: string | null;
}

/** An element or a run of text (CDATA included). */
export type XmlNode = XmlElement | string;

/** Namespaces feeds use. */
export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  rss1: 'http://purl.org/rss/1.0/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  xhtml: 'http://www.w3.org/1999/xhtml',
} as const;

// Feeds often use these prefixes without declaring them; they are read as meant.
const WELL_KNOWN_PREFIXES: Record<string, string> = {
  atom: NS.atom, rdf: NS.rdf, dc: NS.dc, content: NS.content, xhtml: NS.xhtml, xml: 'http://www.w3.org/XML/1998/namespace',
};

const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const renameReserved = (name: string): string => (RESERVED_NAMES.has(name) ? `reserved-${name}` : name);

// Entities a document declares itself are limited so that none can blow up memory ("billion laughs"): few and small,
// expanded once (never recursively: an entity whose value holds a reference is not expanded at all), and with a cap on
// the text that expansions add to the document. External and parameter entities are refused by the parser.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  processEntities: {
    enabled: true,
    maxEntityCount: 50,
    maxEntitySize: 1_000,
    maxExpandedLength: 100_000,
  },
  maxNestedTags: 100,
  transformTagName: renameReserved,
  transformAttributeName: renameReserved,
});

/** A parsed document's root element, or why the text could not be read as XML. */
export type XmlReading = { ok: true; root: XmlElement } | { ok: false; error: string };

/** Parses an XML document leniently (as feed readers must), with `url` as the base for relative references. */
export function parseXml(text: string, url: string): XmlReading {
  let raw: unknown;
  try {
    raw = parser.parse(text);
  } catch (error) {
    return { ok: false, error: `It is not XML that Parley can read: ${error instanceof Error ? error.message : String(error)}.` };
  }
  const scope: Scope = { prefixes: WELL_KNOWN_PREFIXES, base: url, lang: null };
  const nodes = (Array.isArray(raw) ? raw : []).map((node) => toNode(node, scope));
  const root = nodes.find((node): node is XmlElement => typeof node === 'object');
  return root === undefined ? { ok: false, error: 'It is not XML: it has no element.' } : { ok: true, root };
}

interface Scope {
  prefixes: Record<string, string>;
  base: string;
  lang: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toNode(node: unknown, outer: Scope): XmlNode | undefined {
  if (!isRecord(node)) return undefined;
  const text = node['#text'];
  if (text !== undefined) return typeof text === 'string' ? text : undefined;
  const name = Object.keys(node).find((key) => key !== ':@');
  if (name === undefined || name.startsWith('?') || name.startsWith('!')) return undefined;
  const attributes = readAttributes(node[':@']);
  const scope = innerScope(outer, attributes);
  const colon = name.indexOf(':');
  const prefix = colon === -1 ? '' : name.slice(0, colon);
  const content = node[name];
  const children: XmlNode[] = [];
  for (const child of Array.isArray(content) ? content : []) {
    const converted = toNode(child, scope);
    if (converted !== undefined) children.push(converted);
  }
  return {
    ns: scope.prefixes[prefix] ?? '',
    local: colon === -1 ? name : name.slice(colon + 1),
    attributes,
    children,
    base: scope.base,
    lang: scope.lang,
  };
}

function readAttributes(raw: unknown): Map<string, string> {
  const attributes = new Map<string, string>();
  if (!isRecord(raw)) return attributes;
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string') attributes.set(key.replace(/^@_/, ''), value);
  }
  return attributes;
}

function innerScope(outer: Scope, attributes: ReadonlyMap<string, string>): Scope {
  let prefixes = outer.prefixes;
  for (const [name, value] of attributes) {
    if (name === 'xmlns') prefixes = { ...prefixes, '': value };
    else if (name.startsWith('xmlns:')) prefixes = { ...prefixes, [name.slice(6)]: value };
  }
  const xmlBase = attributes.get('xml:base');
  const base = xmlBase !== undefined && URL.canParse(xmlBase, outer.base) ? new URL(xmlBase, outer.base).href : outer.base;
  return { prefixes, base, lang: attributes.get('xml:lang') ?? outer.lang };
}

/** The child elements of `element` with this namespace and local name. */
export function childElements(element: XmlElement, ns: string, local: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && c.ns === ns && c.local === local);
}

/** The first child element with this namespace and local name. */
export function childElement(element: XmlElement, ns: string, local: string): XmlElement | undefined {
  return childElements(element, ns, local)[0];
}

/** All the text inside an element, as written (not trimmed). */
export function textContent(node: XmlNode): string {
  return typeof node === 'string' ? node : node.children.map(textContent).join('');
}

/** The text of the first matching child element, trimmed; undefined when there is none or it is empty. */
export function childText(element: XmlElement, ns: string, local: string): string | undefined {
  const child = childElement(element, ns, local);
  const text = child === undefined ? '' : textContent(child).trim();
  return text === '' ? undefined : text;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An element's content written back as HTML (for Atom's inline XHTML content). */
export function innerHtml(element: XmlElement): string {
  return element.children.map(outerHtml).join('');
}

function outerHtml(node: XmlNode): string {
  if (typeof node === 'string') return escapeHtml(node);
  const attributes = [...node.attributes].map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
  return `<${node.local}${attributes}>${innerHtml(node)}</${node.local}>`;
}
