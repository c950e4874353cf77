import { z } from 'zod';
import type { Word } from './draft.js';

/**
 * A word or phrase a rule looks for. A term with a capital letter matches only with that capitalisation ("Labour" is
 * the party, "labour" is work); an all-lower-case term matches any capitalisation. `notBefore` and `notAfter` list
 * words or phrases that, when they come straight after or before the term, make it a look-alike ("Labour market");
 * with `onlyBefore`, the term counts only when one of those words comes straight after it ("deliver services").
 */
export type Term =
  | string
  | { phrase: string; notBefore?: string[] | undefined; notAfter?: string[] | undefined; onlyBefore?: string[] | undefined };

/** Validates one {@link Term} in a policy file. */
export const termSchema: z.ZodType<Term> = z.union([
  z.string().trim().min(1, 'a term cannot be empty'),
  z.object({
    phrase: z.string().trim().min(1, 'a term cannot be empty'),
    notBefore: z.array(z.string().trim().min(1)).optional(),
    notAfter: z.array(z.string().trim().min(1)).optional(),
    onlyBefore: z.array(z.string().trim().min(1)).optional(),
  }),
]);

/** Where a term was found: the words it covers (indexes into `draft.words`) and its span of text. */
export interface PhraseMatch<T> {
  entry: T;
  /** The term as written in the policy. */
  phrase: string;
  first: number;
  last: number;
  start: number;
  end: number;
}

interface Compiled<T> {
  entry: T;
  phrase: string;
  keys: string[];
  caseSensitive: boolean;
  /** Whether the term is written with a comma ("yeah, right"), which then may or may not appear in the draft. */
  comma: boolean;
  notBefore: string[][];
  notAfter: string[][];
  onlyBefore: string[][];
}

/** Terms compiled once for matching against a draft's words; build it once per policy, not per check. */
export interface PhraseIndex<T> {
  byFirstWord: Map<string, Compiled<T>[]>;
}

/** A word as compared with terms: straight apostrophes, and a possessive "'s" dropped ("Labour's" is "Labour"). */
function normalise(word: string): string {
  return word.replace(/’/gu, "'").replace(/'s$/u, '');
}

function splitWords(phrase: string): string[] {
  return phrase
    .split(/[\s\-‑–,]+/u)
    .map(normalise)
    .filter((part) => part !== '');
}

/** The phrase and guards of a term, whichever way it was written. */
export function termParts(term: Term): { phrase: string; notBefore: string[]; notAfter: string[]; onlyBefore: string[] } {
  if (typeof term === 'string') return { phrase: term, notBefore: [], notAfter: [], onlyBefore: [] };
  return { phrase: term.phrase, notBefore: term.notBefore ?? [], notAfter: term.notAfter ?? [], onlyBefore: term.onlyBefore ?? [] };
}

/**
 * Compiles terms for {@link findPhrases}. `entryOf` attaches whatever the caller wants back with each match (a
 * category, a suggestion).
 */
export function compilePhrases<T>(terms: readonly Term[], entryOf: (term: Term, index: number) => T): PhraseIndex<T> {
  const byFirstWord = new Map<string, Compiled<T>[]>();
  terms.forEach((term, index) => {
    const { phrase, notBefore, notAfter, onlyBefore } = termParts(term);
    const caseSensitive = /\p{Lu}/u.test(phrase);
    const keys = splitWords(phrase).map((key) => (caseSensitive ? key : key.toLowerCase()));
    const first = keys[0];
    if (first === undefined) return;
    const compiled: Compiled<T> = {
      entry: entryOf(term, index),
      phrase,
      keys,
      caseSensitive,
      comma: phrase.includes(','),
      notBefore: notBefore.map((guard) => splitWords(guard.toLowerCase())),
      notAfter: notAfter.map((guard) => splitWords(guard.toLowerCase()).reverse()),
      onlyBefore: onlyBefore.map((guard) => splitWords(guard.toLowerCase())),
    };
    const list = byFirstWord.get(first.toLowerCase()) ?? [];
    list.push(compiled);
    byFirstWord.set(first.toLowerCase(), list);
  });
  return { byFirstWord };
}

/** Whether two neighbouring words belong to one phrase: only spaces or a hyphen (or a comma if allowed) between. */
function joined(text: string, left: Word, right: Word, comma: boolean): boolean {
  return (comma ? /^[ \t\u00a0\-‑–,]{1,3}$/u : /^[ \t\u00a0\-‑–]{1,3}$/u).test(text.slice(left.end, right.start));
}

/** Whether nothing that ends a clause (sentence end, line break, link) comes between two words. */
function sameClause(text: string, left: Word, right: Word): boolean {
  const gap = text.slice(left.end, right.start);
  return gap.length < 6 && !/[.!?\n;:()]/u.test(gap);
}

function keyOf(word: Word, caseSensitive: boolean): string {
  return normalise(caseSensitive ? word.text : word.lower);
}

/** Whether the words from `from` onwards (step +1 or -1) spell one of the guards. */
function guarded(text: string, words: readonly Word[], from: number, step: 1 | -1, guards: string[][]): boolean {
  return guards.some((guard) =>
    guard.every((part, offset) => {
      const at = from + offset * step;
      const word = words[at];
      const neighbour = words[at - step];
      return word !== undefined && neighbour !== undefined && sameClause(text, step === 1 ? neighbour : word, step === 1 ? word : neighbour) && keyOf(word, false) === part;
    }),
  );
}

function matchAt<T>(text: string, words: readonly Word[], at: number, candidate: Compiled<T>): number | undefined {
  let index = at;
  for (const [offset, key] of candidate.keys.entries()) {
    index = at + offset;
    const word = words[index];
    if (word === undefined || keyOf(word, candidate.caseSensitive) !== key) return undefined;
    const previous = words[index - 1];
    if (offset > 0 && (previous === undefined || !joined(text, previous, word, candidate.comma))) return undefined;
  }
  if (guarded(text, words, index + 1, 1, candidate.notBefore)) return undefined;
  if (candidate.onlyBefore.length > 0 && !guarded(text, words, index + 1, 1, candidate.onlyBefore)) return undefined;
  if (guarded(text, words, at - 1, -1, candidate.notAfter)) return undefined;
  return index;
}

/** Finds the terms in a draft's words, longest first where two start at the same word; matches do not overlap. */
export function findPhrases<T>(text: string, words: readonly Word[], index: PhraseIndex<T>): PhraseMatch<T>[] {
  const matches: PhraseMatch<T>[] = [];
  for (let at = 0; at < words.length; at++) {
    const word = words[at];
    if (word === undefined) continue;
    const candidates = index.byFirstWord.get(normalise(word.lower));
    if (candidates === undefined) continue;
    let best: PhraseMatch<T> | undefined;
    for (const candidate of candidates) {
      const last = matchAt(text, words, at, candidate);
      const lastWord = last === undefined ? undefined : words[last];
      if (last === undefined || lastWord === undefined || (best !== undefined && best.last >= last)) continue;
      best = { entry: candidate.entry, phrase: candidate.phrase, first: at, last, start: word.start, end: lastWord.end };
    }
    if (best !== undefined) {
      matches.push(best);
      at = best.last;
    }
  }
  return matches;
}

/**
 * The regular inflections of a lower-case word, for lists that name a word once: "utilise" gives "utilises",
 * "utilised", "utilising"; "tackle" gives "tackles", "tackled", "tackling"; "apply" gives "applies", "applied",
 * "applying". Irregular forms and doubled consonants ("combatting") must be listed themselves.
 */
export function inflections(word: string): string[] {
  if (!/^\p{Ll}+$/u.test(word) || word.length < 3) return [];
  if (word.endsWith('e')) return [`${word}s`, `${word}d`, `${word.slice(0, -1)}ing`];
  if (/[^aeiou]y$/u.test(word)) return [`${word.slice(0, -1)}ies`, `${word.slice(0, -1)}ied`, `${word}ing`];
  const plural = /(?:s|x|z|ch|sh)$/u.test(word) ? `${word}es` : `${word}s`;
  return [plural, `${word}ed`, `${word}ing`];
}

/** Caches what a rule compiles from its policy, so that each policy object is compiled once. */
export function compiledPer<P extends object, C>(compile: (policy: P) => C): (policy: P) => C {
  const cache = new WeakMap<P, C>();
  return (policy) => {
    let compiled = cache.get(policy);
    if (compiled === undefined) {
      compiled = compile(policy);
      cache.set(policy, compiled);
    }
    return compiled;
  };
}

/** Drops findings whose span lies inside an earlier-kept one, keeping the first of each overlap; sorts by start. */
export function withoutNested<F extends { start: number; end: number }>(findings: readonly F[]): F[] {
  const kept: F[] = [];
  for (const finding of findings) {
    if (!kept.some((other) => other.start <= finding.start && finding.end <= other.end)) kept.push(finding);
  }
  return kept.sort((a, b) => a.start - b.start);
}
