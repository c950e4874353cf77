import type { SearchTerm } from './search-query.js';
import { searchTokensOf } from './search-text.js';

/** A piece of a snippet; `match` pieces are the searched words. Plain text: the page escapes it when it renders. */
export interface SnippetSegment {
  readonly text: string;
  readonly match: boolean;
}

/** Snippets are at most about this many characters, plus the ellipses. */
export const SNIPPET_LENGTH = 280;
const SNAP = 30;

interface Range {
  start: number;
  end: number;
}

/** Where the terms occur in the text: each word, and each phrase from its first word to its last. */
export function matchedRanges(text: string, terms: readonly SearchTerm[]): Range[] {
  const tokens = searchTokensOf(text);
  const ranges: Range[] = [];
  for (const { words } of terms) {
    for (let i = 0; i + words.length <= tokens.length; i += 1) {
      if (words.every((word, k) => tokens[i + k]?.word === word)) {
        const first = tokens[i];
        const last = tokens[i + words.length - 1];
        if (first && last) ranges.push({ start: first.start, end: last.end });
      }
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const range of ranges) {
    const previous = merged.at(-1);
    if (previous && range.start <= previous.end) previous.end = Math.max(previous.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** A window of about maxLength characters around focus, moved to word boundaries and never inside a character. */
function windowAround(text: string, focus: Range, maxLength: number): Range {
  if (text.length <= maxLength) return { start: 0, end: text.length };
  let start = Math.max(0, Math.min(focus.start - Math.floor(maxLength / 4), text.length - maxLength));
  let end = Math.min(text.length, start + maxLength);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < Math.min(start + SNAP, focus.start)) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > Math.max(end - SNAP, focus.end)) end = space;
  }
  if (isLowSurrogate(text.charCodeAt(start))) start += 1;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end -= 1;
  return { start, end };
}

/**
 * The snippet shown for a search result: the text (or a window of it around the first match, with ellipses) cut
 * into plain and matched segments.
 */
export function highlightSnippet(text: string, terms: readonly SearchTerm[], maxLength = SNIPPET_LENGTH): SnippetSegment[] {
  const ranges = matchedRanges(text, terms);
  const window = windowAround(text, ranges[0] ?? { start: 0, end: 0 }, maxLength);
  const segments: SnippetSegment[] = [];
  const add = (piece: string, match: boolean): void => {
    const previous = segments.at(-1);
    if (piece === '') return;
    if (previous && !previous.match && !match) segments[segments.length - 1] = { text: previous.text + piece, match };
    else segments.push({ text: piece, match });
  };
  if (window.start > 0) add('…', false);
  let at = window.start;
  for (const range of ranges) {
    const start = Math.max(range.start, window.start);
    const end = Math.min(range.end, window.end);
    if (start >= end) continue;
    add(text.slice(at, start), false);
    add(text.slice(start, end), true);
    at = end;
  }
  add(text.slice(at, window.end), false);
  if (window.end < text.length) add('…', false);
  return segments;
}
