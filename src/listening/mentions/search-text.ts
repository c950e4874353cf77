/**
 * The one definition of a "word" for search, shared by the index (what is stored in `mentions.search_text`), the
 * query (what the search box's words become) and highlighting, so that the three always agree and both engines see
 * the same words. A word is a run of letters and digits, lower-cased with diacritics removed (so "ffon" finds
 * "ffôn"); an emoji (or a flag) is a word of its own, spelt as its code points ("😡" is "emoji1f621"), because
 * neither engine's tokenizer keeps emoji.
 */

/** A word as search sees it, and where it came from in the original text (UTF-16 offsets, end exclusive). */
export interface SearchToken {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

/** Longer runs (encoded blobs, long URLs' parts) are not words anyone searches for; PostgreSQL drops them anyway. */
export const MAX_WORD_LENGTH = 100;

const SPAN = /\p{Regional_Indicator}{2}|\p{Regional_Indicator}|\p{Extended_Pictographic}|[\p{L}\p{N}\p{M}]+/gu;
const EMOJI = /^(?:\p{Regional_Indicator}|\p{Extended_Pictographic})/u;
const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}/gu;
/** A span of ASCII letters and digits folds to itself lower-cased: the common case, without Unicode normalisation. */
const ASCII = /^[A-Za-z0-9]+$/u;

/** Lower-cases and removes diacritics (compatibility forms folded too: "ﬁ" is "fi"). */
export function foldForSearch(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(MARKS, '').normalize('NFC');
}

function emojiWord(span: string): string {
  let word = 'emoji';
  for (const char of span) word += (char.codePointAt(0) ?? 0).toString(16);
  return word;
}

/** The words of a text, in order, each with the span of the original text it came from. */
export function searchTokensOf(text: string): SearchToken[] {
  const tokens: SearchToken[] = [];
  for (const match of text.matchAll(SPAN)) {
    const span = match[0];
    const start = match.index;
    const end = start + span.length;
    if (EMOJI.test(span)) {
      tokens.push({ word: emojiWord(span), start, end });
      continue;
    }
    if (ASCII.test(span)) {
      if (span.length <= MAX_WORD_LENGTH) tokens.push({ word: span.toLowerCase(), start, end });
      continue;
    }
    for (const [word] of foldForSearch(span).matchAll(WORD)) {
      if (word.length <= MAX_WORD_LENGTH) tokens.push({ word, start, end });
    }
  }
  return tokens;
}

/** The words of a text joined by spaces: what the full-text index stores for a mention. */
export function searchTextOf(text: string): string {
  return searchTokensOf(text)
    .map((token) => token.word)
    .join(' ');
}
