import { searchTokensOf } from './search-text.js';

/** One thing the search box asks for: a word, or a phrase whose words must appear together in order. */
export interface SearchTerm {
  readonly words: readonly string[];
}

/** The search box reads at most this much; the rest is ignored. */
export const MAX_QUERY_LENGTH = 500;
/** At most this many terms, and this many words in a phrase, are used: enough for any real search. */
export const MAX_TERMS = 12;
export const MAX_PHRASE_WORDS = 12;

function phraseOf(text: string): SearchTerm | undefined {
  const words = searchTokensOf(text)
    .map((token) => token.word)
    .slice(0, MAX_PHRASE_WORDS);
  return words.length > 0 ? { words } : undefined;
}

/**
 * Reads the free-text box: plain words and "quoted phrases" (a quote left open runs to the end). Every mention found
 * has every term. Anything else — operators, brackets, stars, colons — is only punctuation between words, so no
 * input can make a syntax error or reach the engine's own query syntax. No terms means no text condition.
 */
export function parseSearchText(input: string): SearchTerm[] {
  const terms = new Map<string, SearchTerm>();
  const parts = input.slice(0, MAX_QUERY_LENGTH).split('"');
  parts.forEach((part, index) => {
    const candidates = index % 2 === 1 ? [phraseOf(part)] : searchTokensOf(part).map((token) => ({ words: [token.word] }));
    for (const term of candidates) {
      if (term !== undefined && terms.size < MAX_TERMS) terms.set(term.words.join(' '), term);
    }
  });
  return [...terms.values()];
}

/** The terms as an FTS5 query: each a quoted string (its words are letters and digits only), all required. */
export function toFts5Query(terms: readonly SearchTerm[]): string {
  return terms.map((term) => `"${term.words.join(' ').replaceAll('"', '""')}"`).join(' AND ');
}
