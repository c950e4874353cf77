import { lowerAscii, wordHash } from './tokenise.js';

const EMPTY = 0;
const FILTER_BITS = 18;
/** Marks a removed entry, so that probing goes on past it. */
const REMOVED = -1;

/**
 * A hash table from folded words to values that can also be looked up by a range of a text, lowering ASCII on the
 * fly: the matcher finds the watches' words in a post without making a string for every token. Most tokens of a post
 * are no watch's word: a bit per hash in a small filter rules most of them out without touching the table, and a probe
 * reads only one typed array (hash and entry side by side); the word itself is compared only when the hashes agree.
 */
export class WordTable<V> {
  /** Per bucket, two numbers: the word's hash, and 1 + the index of its entry (EMPTY, or REMOVED). */
  private buckets = new Int32Array(32);
  /** A bit set for the hash of every word in the table (and of some removed since the last rehash). */
  private readonly filter = new Int32Array(1 << (FILTER_BITS - 5));
  private readonly words: string[] = [];
  private readonly values: (V | undefined)[] = [];
  /** Entries freed by delete, for reuse. */
  private readonly free: number[] = [];
  private filled = 0; // live and removed buckets
  private live = 0;

  get size(): number {
    return this.live;
  }

  get(word: string): V | undefined {
    const at = this.find(word, wordHash(word));
    return at < 0 ? undefined : this.values[(this.buckets[at + 1] ?? 0) - 1];
  }

  /** The value for text.slice(start, end) with A–Z lowered, given its wordHash, without making that string. */
  getRange(text: string, start: number, end: number, hash: number): V | undefined {
    const bit = filterBit(hash);
    if (((this.filter[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return undefined;
    const buckets = this.buckets;
    const mask = buckets.length - 2;
    for (let at = (hash << 1) & mask; ; at = (at + 2) & mask) {
      const entry = buckets[at + 1] ?? EMPTY;
      if (entry === EMPTY) return undefined;
      if (buckets[at] === hash && entry > 0 && sameRange(this.words[entry - 1] ?? '', text, start, end)) return this.values[entry - 1];
    }
  }

  set(word: string, value: V): void {
    const hash = wordHash(word);
    const found = this.find(word, hash);
    if (found >= 0) {
      this.values[(this.buckets[found + 1] ?? 0) - 1] = value;
      return;
    }
    if ((this.filled + 1) * 4 > this.buckets.length) this.rehash();
    const entry = this.free.pop() ?? this.words.length;
    this.words[entry] = word;
    this.values[entry] = value;
    this.place(hash, entry + 1);
    this.live += 1;
  }

  delete(word: string): boolean {
    const at = this.find(word, wordHash(word));
    if (at < 0) return false;
    const entry = (this.buckets[at + 1] ?? 0) - 1;
    this.buckets[at + 1] = REMOVED;
    this.words[entry] = '';
    this.values[entry] = undefined;
    this.free.push(entry);
    this.live -= 1;
    return true;
  }

  /** The bucket of a word, or -1. */
  private find(word: string, hash: number): number {
    const buckets = this.buckets;
    const mask = buckets.length - 2;
    for (let at = (hash << 1) & mask; ; at = (at + 2) & mask) {
      const entry = buckets[at + 1] ?? EMPTY;
      if (entry === EMPTY) return -1;
      if (buckets[at] === hash && entry > 0 && this.words[entry - 1] === word) return at;
    }
  }

  /** Puts an entry in the first bucket that is not live; the word is known not to be in the table. */
  private place(hash: number, entry: number): void {
    const buckets = this.buckets;
    const mask = buckets.length - 2;
    let at = (hash << 1) & mask;
    while ((buckets[at + 1] ?? EMPTY) > 0) at = (at + 2) & mask;
    if (buckets[at + 1] === EMPTY) this.filled += 1;
    const bit = filterBit(hash);
    this.filter[bit >>> 5] = (this.filter[bit >>> 5] ?? 0) | (1 << (bit & 31));
    buckets[at] = hash;
    buckets[at + 1] = entry;
  }

  private rehash(): void {
    const old = this.buckets;
    let capacity = 16;
    while (capacity < (this.live + 1) * 4) capacity *= 2;
    this.buckets = new Int32Array(capacity * 2);
    this.filled = 0;
    this.filter.fill(0);
    for (let at = 0; at < old.length; at += 2) {
      const entry = old[at + 1] ?? EMPTY;
      if (entry > 0) this.place(old[at] ?? 0, entry);
    }
  }
}

function filterBit(hash: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> (32 - FILTER_BITS);
}

function sameRange(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== lowerAscii(text.charCodeAt(start + i))) return false;
  return true;
}
