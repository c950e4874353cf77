import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { SearchCursor } from './search-cursor.js';
import { type HitRow, hitColumns } from './search-engine.js';
import type { SearchTerm } from './search-query.js';

/** A match in the relevance window: its place in time and its words as indexed. */
export interface WindowMatch {
  seq: number;
  search_text: string;
}

/** A match with its score (higher is better). */
export interface ScoredMatch {
  seq: number;
  score: number;
}

/** BM25's term-frequency saturation and length normalisation, with posts of about this many words as the norm. */
const K1 = 1.2;
const B = 0.75;
const TYPICAL_WORDS = 20;

/**
 * How well a matching mention fits the search: BM25 over its indexed words, each word or phrase counted where it
 * occurs, more occurrences and shorter posts scoring higher. Every match has every term, so BM25's weighting of rare
 * terms would change little; leaving it out makes the score a function of the mention alone, the same on both engines.
 */
export function relevanceOf(searchText: string, terms: readonly SearchTerm[]): number {
  const words = searchText.split(' ');
  const norm = K1 * (1 - B + (B * words.length) / TYPICAL_WORDS);
  let score = 0;
  for (const { words: phrase } of terms) {
    let occurrences = 0;
    for (let i = 0; i + phrase.length <= words.length; i += 1) {
      if (phrase.every((word, k) => words[i + k] === word)) occurrences += 1;
    }
    score += (occurrences * (K1 + 1)) / (occurrences + norm);
  }
  return score;
}

/** The window's page after the cursor, best first and newest first among equals. */
export function rankWindow(window: readonly WindowMatch[], terms: readonly SearchTerm[], cursor: SearchCursor | undefined, limit: number): ScoredMatch[] {
  const ranked = window.map((m) => ({ seq: m.seq, score: relevanceOf(m.search_text, terms) })).sort((a, b) => b.score - a.score || b.seq - a.seq);
  const after = cursor?.sort === 'relevance' ? cursor : undefined;
  const rest = after === undefined ? ranked : ranked.filter((m) => m.score < after.score || (m.score === after.score && m.seq < after.seq));
  return rest.slice(0, limit);
}

/** The result rows of a page of ranked matches, in its order. */
export async function hitsFor(db: Kysely<Database>, page: readonly ScoredMatch[]): Promise<HitRow[]> {
  if (page.length === 0) return [];
  const rows = await db.selectFrom('mentions as m').select(hitColumns).where('m.seq', 'in', page.map((m) => m.seq)).execute();
  const bySeq = new Map(rows.map((row) => [row.seq, row]));
  return page.flatMap(({ seq, score }) => {
    const row = bySeq.get(seq);
    return row === undefined ? [] : [{ ...row, score }];
  });
}
