import { createHash } from 'node:crypto';
import { searchTextOf } from './search-text.js';

const URLS = /\bhttps?:\/\/\S+/giu;

/** The text as compared across sources: links removed, then the search words (case, accents and punctuation ignored). */
export function normaliseTextForDedupe(text: string): string {
  return searchTextOf(text.replace(URLS, ' '));
}

/** A link as compared across sources: no scheme, no "www.", no fragment, no utm_ tracking, no trailing slash. */
export function normaliseLink(link: string): string {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return link.trim().toLowerCase();
  }
  for (const name of [...url.searchParams.keys()]) {
    if (name.toLowerCase().startsWith('utm_')) url.searchParams.delete(name);
  }
  const host = url.host.replace(/^www\./u, '');
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/u, '') : '';
  return `${host}${path}${url.search}`;
}

/**
 * The key that finds the same post seen by several sources: a hash of the normalised text and the first link. A post
 * without a link has no key, so two people writing the same short words are never merged.
 */
export function dedupeKeyOf(text: string, links: readonly string[]): string | null {
  const [first] = links;
  if (first === undefined || first.trim() === '') return null;
  return createHash('sha256').update(`${normaliseTextForDedupe(text)}\n${normaliseLink(first)}`).digest('hex');
}
