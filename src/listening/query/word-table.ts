import { lowerAscii, wordHash } from './tokenise.js';

const EMPTY = undefined;
/** Marks a removed entry, so that probing goes on past it; no token is empty. */
const REMOVED = '';


/**
 * A hash table from folded words to values that can also be looked up by a range of a text, lowering ASCII on the
 * fly: the matcher finds the watches' words in a post without making a string for every token.
 */
export class WordTable<V> {
  private keys: (string | undefined)[] = new Array<string | undefined>(16).fill(EMPTY);
  private hashes = new Int32Array(16);
  private values: (V | undefined)[] = new Array<V | undefined>(16).fill(undefined);
  private filled = 0; // live and removed entries
  private live = 0;

  get size(): number {
    return this.live;
  }

  get(word: string): V | undefined {
    const hash = wordHash(word);
    const mask = this.keys.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const key = this.keys[at];
      if (key === EMPTY) return undefined;
      if (this.hashes[at] === hash && key === word) return this.values[at];
    }
  }

  /** The value for text.slice(start, end) with A–Z lowered, given its wordHash, without making that string. */
  getRange(text: string, start: number, end: number, hash: number): V | undefined {
    const mask = this.keys.length - 1;
    const length = end - start;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const key = this.keys[at];
      if (key === EMPTY) return undefined;
      if (this.hashes[at] === hash && key.length === length && sameRange(key, text, start)) return this.values[at];
    }
  }

  set(word: string, value: V): void {
    if ((this.filled + 1) * 2 > this.keys.length) this.rehash();
    const hash = wordHash(word);
    const mask = this.keys.length - 1;
    let free = -1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const key = this.keys[at];
      if (key === EMPTY) {
        if (free < 0) {
          free = at;
          this.filled += 1;
        }
        break;
      }
      if (key === REMOVED && free < 0) free = at;
      else if (this.hashes[at] === hash && key === word) {
        this.values[at] = value;
        return;
      }
    }
    this.keys[free] = word;
    this.hashes[free] = hash;
    this.values[free] = value;
    this.live += 1;
  }

  delete(word: string): boolean {
    const hash = wordHash(word);
    const mask = this.keys.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const key = this.keys[at];
      if (key === EMPTY) return false;
      if (this.hashes[at] === hash && key === word) {
        this.keys[at] = REMOVED;
        this.values[at] = undefined;
        this.live -= 1;
        return true;
      }
    }
  }

  private rehash(): void {
    const { keys, values } = this;
    let capacity = 16;
    while (capacity < (this.live + 1) * 4) capacity *= 2;
    this.keys = new Array<string | undefined>(capacity).fill(EMPTY);
    this.hashes = new Int32Array(capacity);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    this.filled = 0;
    this.live = 0;
    keys.forEach((key, at) => {
      const value = values[at];
      if (key !== EMPTY && key !== REMOVED && value !== undefined) this.set(key, value);
    });
  }
}

function sameRange(word: string, text: string, start: number): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== lowerAscii(text.charCodeAt(start + i))) return false;
  return true;
}
