import type { SearchTerm } from './search-query.js';

/**
 * PostgreSQL's GIN index keeps no word positions, so a phrase's rows must be read to check that its words stand
 * together: for common words, thousands of rows for a handful of matches. Each mention's `search_vector` therefore
 * also holds every pair of neighbouring words as one lexeme ("heol y", "y parc"), which cannot be a word's lexeme (words
 * have no spaces). Migration 0006 generates them from `search_text`; here are the same pairs for a phrase.
 */

/** The phrase's neighbouring word pairs, as lexemes; none for a single word. */
export function wordPairsOf({ words }: SearchTerm): string[] {
  return words.slice(1).map((word, i) => `${words[i] ?? ''} ${word}`);
}

/**
 * The pairs of the phrases as tsquery text, every one required; undefined when there are none. A lexeme is quoted
 * (and its quotes and backslashes escaped), so no word can reach the tsquery syntax.
 */
export function wordPairsTsquery(terms: readonly SearchTerm[]): string | undefined {
  const lexemes = terms.flatMap(wordPairsOf).map((pair) => `'${pair.replaceAll(/['\\]/gu, (c) => `\\${c}`)}'`);
  return lexemes.length > 0 ? lexemes.join(' & ') : undefined;
}
