import { lowerAscii, wordHash } from './tokenise.js';

const EMPTY = 0;
/** The filter has 2^FILTER_WORDS_LOG 32-bit words. */
const FILTER_WORDS_LOG = 13;
/** Marks a removed entry, so that probing goes on past it. */
const REMOVED = -1;
/** Numbers per bucket: the word's hash, 1 + the index of its entry (or EMPTY, REMOVED), where its characters start, its length. */
const STRIDE = 4;

/**
 * A hash table from folded words to values that can also be looked up by a range of a text, lowering ASCII on the
 * fly: the matcher finds the watches' words in a post without making a string for every token. Most tokens of a post
 * are no watch's word: a small filter rules most of them out without touching the table. A probe
 * reads one typed array (hash, entry, length side by side), and the characters it compares are in one pool too, so
 * a lookup touches no string or object until the word is known to be there.
 */
export class WordTable<V> {
  private buckets = new Int32Array(16 * STRIDE);
  /**
   * A Bloom filter of the hashes of the words in the table (and of some removed since the last rehash). A hash sets
   * two bits of one filter word, so that a lookup reads one number and rules out four times as many misses as with
   * one bit.
   */
  private readonly filter = new Int32Array(1 << FILTER_WORDS_LOG);
  /** The characters of the words, end to end; repacked when words removed have left too much behind. */
  private chars = new Uint16Array(256);
  private charsUsed = 0;
  private readonly words: string[] = [];
  private readonly values: (V | undefined)[] = [];
  /** Entries freed by delete, for reuse. */
  private readonly free: number[] = [];
  private filled = 0; // live and removed buckets
  private live = 0;
  private liveChars = 0;

  get size(): number {
    return this.live;
  }

  get(word: string): V | undefined {
    const at = this.find(word, wordHash(word));
    return at < 0 ? undefined : this.values[(this.buckets[at + 1] ?? 0) - 1];
  }

  /** The value for text.slice(start, end) with A–Z lowered, given its wordHash, without making that string. */
  getRange(text: string, start: number, end: number, hash: number): V | undefined {
    const mixed = mix(hash);
    const bits = filterBits(mixed);
    if (((this.filter[filterWord(mixed)] ?? 0) & bits) !== bits) return undefined;
    const buckets = this.buckets;
    const mask = buckets.length - STRIDE;
    const length = end - start;
    for (let at = (hash * STRIDE) & mask; ; at = (at + STRIDE) & mask) {
      const entry = buckets[at + 1] ?? EMPTY;
      if (entry === EMPTY) return undefined;
      if (buckets[at] === hash && entry > 0 && buckets[at + 3] === length && this.sameChars(buckets[at + 2] ?? 0, text, start, length)) {
        return this.values[entry - 1];
      }
    }
  }

  set(word: string, value: V): void {
    const hash = wordHash(word);
    const found = this.find(word, hash);
    if (found >= 0) {
      this.values[(this.buckets[found + 1] ?? 0) - 1] = value;
      return;
    }
    if ((this.filled + 1) * 2 * STRIDE > this.buckets.length) this.rehash();
    const entry = this.free.pop() ?? this.words.length;
    this.words[entry] = word;
    this.values[entry] = value;
    this.live += 1;
    this.liveChars += word.length;
    this.place(hash, entry + 1, this.store(word), word.length);
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
    this.liveChars -= word.length;
    return true;
  }

  /** The bucket of a word, or -1. */
  private find(word: string, hash: number): number {
    const buckets = this.buckets;
    const mask = buckets.length - STRIDE;
    for (let at = (hash * STRIDE) & mask; ; at = (at + STRIDE) & mask) {
      const entry = buckets[at + 1] ?? EMPTY;
      if (entry === EMPTY) return -1;
      if (buckets[at] === hash && entry > 0 && this.words[entry - 1] === word) return at;
    }
  }

  /** Puts an entry in the first bucket that is not live; the word is known not to be in the table. */
  private place(hash: number, entry: number, charStart: number, length: number): void {
    const buckets = this.buckets;
    const mask = buckets.length - STRIDE;
    let at = (hash * STRIDE) & mask;
    while ((buckets[at + 1] ?? EMPTY) > 0) at = (at + STRIDE) & mask;
    if (buckets[at + 1] === EMPTY) this.filled += 1;
    const mixed = mix(hash);
    const word = filterWord(mixed);
    this.filter[word] = (this.filter[word] ?? 0) | filterBits(mixed);
    buckets[at] = hash;
    buckets[at + 1] = entry;
    buckets[at + 2] = charStart;
    buckets[at + 3] = length;
  }

  /** Copies a word's characters into the pool; returns where they start. */
  private store(word: string): number {
    if (this.charsUsed + word.length > this.chars.length) this.repack(word.length);
    const start = this.charsUsed;
    for (let i = 0; i < word.length; i++) this.chars[start + i] = word.charCodeAt(i);
    this.charsUsed += word.length;
    return start;
  }

  /** Rewrites the pool with only the live words' characters, and room for `extra` more. */
  private repack(extra: number): void {
    const old = this.chars;
    this.chars = new Uint16Array(Math.max(old.length, (this.liveChars + extra) * 2));
    this.charsUsed = 0;
    const buckets = this.buckets;
    for (let at = 0; at < buckets.length; at += STRIDE) {
      const length = buckets[at + 3] ?? 0;
      if ((buckets[at + 1] ?? EMPTY) <= 0) continue;
      const from = buckets[at + 2] ?? 0;
      this.chars.set(old.subarray(from, from + length), this.charsUsed);
      buckets[at + 2] = this.charsUsed;
      this.charsUsed += length;
    }
  }

  private rehash(): void {
    const old = this.buckets;
    let capacity = 16;
    while (capacity < (this.live + 1) * 4) capacity *= 2;
    this.buckets = new Int32Array(capacity * STRIDE);
    this.filled = 0;
    this.filter.fill(0);
    for (let at = 0; at < old.length; at += STRIDE) {
      const entry = old[at + 1] ?? EMPTY;
      if (entry > 0) this.place(old[at] ?? 0, entry, old[at + 2] ?? 0, old[at + 3] ?? 0);
    }
  }

  /** Whether text.slice(start, start + length), with A–Z lowered, is the word whose characters begin at charStart. */
  private sameChars(charStart: number, text: string, start: number, length: number): boolean {
    const chars = this.chars;
    for (let i = 0; i < length; i++) if (chars[charStart + i] !== lowerAscii(text.charCodeAt(start + i))) return false;
    return true;
  }
}

function mix(hash: number): number {
  return Math.imul(hash, 0x9e3779b1);
}

function filterWord(mixed: number): number {
  return mixed >>> (32 - FILTER_WORDS_LOG);
}

function filterBits(mixed: number): number {
  return (1 << ((mixed >>> 8) & 31)) | (1 << ((mixed >>> 13) & 31));
}
