/** A piece of a draft's text: `text === draft.text.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** A word of the draft, with its lower-cased form for lists to compare against. */
export interface Word extends Span {
  lower: string;
}

/** A link written in the draft, and the host it points to (lower case, no `www.` removed). */
export interface Link extends Span {
  url: string;
  host: string;
}

/** A draft read once for every rule: its words, sentences, links, hashtags and mentions, in text order. */
export interface Draft {
  text: string;
  words: Word[];
  sentences: Span[];
  links: Link[];
  hashtags: Span[];
  mentions: Span[];
}

// A bare domain ("gov.uk/pip") is a link; the domain of an email address or of a handle (after an @) is not.
const LINK = /\bhttps?:\/\/[^\s<>"]+|(?<![\w@./-])(?:[a-z0-9-]+\.)+(?:uk|com|org|net|gov|ly|io|co|me|info|wales|cymru|scot)(?:\/[^\s<>"]*)?/giu;
const TRAILING = /[.,;:!?'")\]]+$/u;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const HASHTAG = /(?<![\p{L}\p{N}_])[#＃][\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu;
const MENTION = /(?<![\p{L}\p{N}_/])@[a-z0-9_]+(?:[.@][a-z0-9-]+)*/giu;
// A sentence ends at . ! ? followed by space or the end, or at a line break. A stop inside a number or a name
// ("£35.50", "gov.uk") and the stops of common abbreviations ("e.g.", "Dr.") do not end one.
const ABBREVIATION = String.raw`\b(?:e\.g|i\.e|eg|ie|Mr|Mrs|Ms|Dr|St|approx|incl|vs)\.`;
const SENTENCE = new RegExp(String.raw`(?:${ABBREVIATION}|[^.!?\n]|[.!?]+(?![\s.!?]|$))+(?:[.!?]+(?=\s|$)|$|(?=\n))`, 'gu');

function spans(text: string, pattern: RegExp, exclude: readonly Span[] = []): Span[] {
  const found: Span[] = [];
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!exclude.some((span) => start < span.end && end > span.start)) found.push({ start, end, text: match[0] });
  }
  return found;
}

function hostOf(url: string): string {
  const withScheme = /^https?:\/\//iu.test(url) ? url : `https://${url}`;
  try {
    return new URL(withScheme).hostname.toLowerCase();
  } catch {
    return '';
  }
}

function findLinks(text: string): Link[] {
  const links: Link[] = [];
  for (const match of text.matchAll(LINK)) {
    const url = match[0].replace(TRAILING, '');
    const host = hostOf(url);
    if (host !== '') links.push({ start: match.index, end: match.index + url.length, text: url, url, host });
  }
  return links;
}

/** Reads a draft once, so that each rule does not tokenise it again. */
export function analyseDraft(text: string): Draft {
  const links = findLinks(text);
  const mentions = spans(text, MENTION, links);
  const hashtags = spans(text, HASHTAG, links);
  const skip = [...links, ...mentions];
  const words = spans(text, WORD, skip).map((span) => ({ ...span, lower: span.text.toLowerCase() }));
  const sentences = spans(masked(text, skip), SENTENCE)
    .map((span) => trimSpan({ ...span, text: text.slice(span.start, span.end) }))
    .filter((span) => /[\p{L}\p{N}]/u.test(span.text));
  return { text, words, sentences, links, hashtags, mentions };
}

/** The text with links and mentions blanked out (same length), so that their dots do not end sentences. */
function masked(text: string, hide: readonly Span[]): string {
  let result = text;
  for (const span of hide) result = result.slice(0, span.start) + 'x'.repeat(span.end - span.start) + result.slice(span.end);
  return result;
}

function trimSpan(span: Span): Span {
  const leading = span.text.length - span.text.trimStart().length;
  const trimmed = span.text.trim();
  return { start: span.start + leading, end: span.start + leading + trimmed.length, text: trimmed };
}
