import type { FieldName } from './ast.js';
import type { PresearchKey } from './presearch.js';
import { lowerAscii } from './tokenise.js';
import { WordTable } from './word-table.js';

/** The watches indexed under one prefix: candidates for a post with a token that starts with the stem. */
export interface StemGroup<W> {
  readonly stem: string;
  readonly watches: W[];
  readonly stats: Stats;
}

/** How many of the posts matched since `since` held the key, for choosing rare keys. */
export interface Stats {
  since: number;
  hits: number;
}

/**
 * One word, pair of words, word start or field value that some watch needs: the watches indexed under it, and where
 * it occurred in the post being matched (valid while the vocabulary's `seen[id]` is that post's number).
 */
export class Slot<W> implements Stats {
  /** How many of `positions` (and, for a word start, of the token arrays) belong to the post; the arrays are reused. */
  count = 0;
  /** Token positions in the post, kept only for slots that phrases, NEAR or prefixes look at. */
  readonly positions: number[] = [];
  /** For a word start: each token that begins with it, as tokenTexts[k].slice(tokenStarts[k], tokenEnds[k]) lowered. */
  readonly tokenTexts: string[] = [];
  readonly tokenStarts: number[] = [];
  readonly tokenEnds: number[] = [];
  readonly watches: W[] = [];
  /** How many watches are indexed under the slot itself (not its stems): when none, its list is not read. */
  listed = 0;
  /** For a word start: the watches indexed under each stem that begins with it. */
  readonly stems: StemGroup<W>[] = [];
  /** For a word: the slots of the pairs it begins, by the slot of the second word. */
  pairs: Map<Slot<W>, Slot<W>> | undefined;
  /** How many tests need this slot's positions. */
  positional = 0;
  uses = 0;
  /** The slot's Stats, kept in the slot itself so that counting a hit touches no other object. */
  readonly since: number;
  hits = 0;

  constructor(
    /** The slot's index in Vocabulary.seen; reused once the slot goes. */
    readonly id: number,
    now: number,
  ) {
    this.since = now;
  }
}

/**
 * Stands for the first three UTF-16 units of a token: a small integer when they are all below 1024 (any Latin,
 * Greek or Welsh start), so that looking it up allocates nothing, and the three units themselves otherwise.
 */
export function startKey(c0: number, c1: number, c2: number): number | string {
  return c0 < 1024 && c1 < 1024 && c2 < 1024 ? (c0 << 20) | (c1 << 10) | c2 : String.fromCharCode(c0, c1, c2);
}

const FILTER_BITS = 12;

function filterBucket(key: number | string): number {
  return typeof key === 'number' ? Math.imul(key, 0x9e3779b1) >>> (32 - FILTER_BITS) : 0;
}

/** Whether text.slice(start, end), with A–Z lowered, begins with the folded stem; without making that string. */
export function rangeStartsWith(text: string, start: number, end: number, stem: string): boolean {
  if (end - start < stem.length) return false;
  for (let i = 0; i < stem.length; i++) {
    if (lowerAscii(text.charCodeAt(start + i)) !== stem.charCodeAt(i)) return false;
  }
  return true;
}

function startKeyOf(stem: string): number | string {
  return startKey(stem.charCodeAt(0), stem.charCodeAt(1), stem.charCodeAt(2));
}

function splitPair(value: string): [string, string] {
  const space = value.indexOf(' ');
  return [value.slice(0, space), value.slice(space + 1)];
}

interface SlotStore<K, W> {
  get(key: K): Slot<W> | undefined;
  set(key: K, slot: Slot<W>): void;
  delete(key: K): boolean;
}

/** The slots of every word, pair, word start and field value the matcher's watches use, counted so unused ones go. */
export class Vocabulary<W> {
  /** The number of the post being matched: slots are stamped with it. */
  now = 0;
  readonly words = new WordTable<Slot<W>>();
  readonly starts = new Map<number | string, Slot<W>>();
  /** How many word starts fall in each bucket: most tokens are ruled out here, without a map lookup. */
  private readonly startFilter = new Uint16Array(1 << FILTER_BITS);
  private readonly fields = new Map<FieldName, Map<string, Slot<W>>>();
  /**
   * For each slot id, the number of the last post that held the slot. Tests read presence here rather than in the
   * slot: a small array stays in the cache where thousands of slots do not.
   */
  seen = new Int32Array(1024);
  private readonly freeIds: number[] = [];
  private nextId = 0;
  private readonly made = (): Slot<W> => {
    const id = this.freeIds.pop() ?? this.nextId++;
    if (id >= this.seen.length) {
      const seen = new Int32Array(this.seen.length * 2);
      seen.set(this.seen);
      this.seen = seen;
    }
    this.seen[id] = 0;
    return new Slot<W>(id, this.now);
  };
  private readonly gone = (slot: Slot<W>): void => {
    this.freeIds.push(slot.id);
  };

  /** The slot for a key, made if needed; each acquire needs a release. A pair also holds its two words. */
  acquire(key: PresearchKey): Slot<W> {
    switch (key.space) {
      case 'token':
        return acquireIn(this.words, key.value, this.made);
      case 'prefix': {
        const start = startKeyOf(key.value);
        if (!this.starts.has(start)) this.countStart(start, 1);
        return acquireIn(this.starts, start, this.made);
      }
      case 'pair': {
        const [first, second] = splitPair(key.value);
        const before = acquireIn(this.words, first, this.made);
        before.pairs ??= new Map();
        return acquireIn(before.pairs, acquireIn(this.words, second, this.made), this.made);
      }
      default:
        return acquireIn(this.fieldSlots(key.space), key.value, this.made);
    }
  }

  release(key: PresearchKey): void {
    switch (key.space) {
      case 'token':
        releaseIn(this.words, key.value, this.gone);
        break;
      case 'prefix': {
        const slot = this.starts.get(startKeyOf(key.value));
        const at = slot?.stems.findIndex((group) => group.stem === key.value && group.watches.length === 0) ?? -1;
        if (slot && at >= 0) slot.stems.splice(at, 1);
        const start = startKeyOf(key.value);
        releaseIn(this.starts, start, this.gone);
        if (slot && !this.starts.has(start)) this.countStart(start, -1);
        break;
      }
      case 'pair': {
        const [first, second] = splitPair(key.value);
        const before = this.words.get(first);
        const after = this.words.get(second);
        if (before?.pairs && after) releaseIn(before.pairs, after, this.gone);
        releaseIn(this.words, first, this.gone);
        releaseIn(this.words, second, this.gone);
        break;
      }
      default:
        releaseIn(this.fieldSlots(key.space), key.value, this.gone);
    }
  }

  private countStart(key: number | string, change: number): void {
    const bucket = filterBucket(key);
    this.startFilter[bucket] = (this.startFilter[bucket] ?? 0) + change;
  }

  /** The slot of a word start, if some watch has a prefix that begins with it. */
  start(key: number | string): Slot<W> | undefined {
    return this.startFilter[filterBucket(key)] === 0 ? undefined : this.starts.get(key);
  }

  /** The list to index a watch in under an acquired key: a prefix's list is the one for its whole stem. */
  watchList(key: PresearchKey, slot: Slot<W>): W[] {
    if (key.space !== 'prefix') return slot.watches;
    let group = slot.stems.find((g) => g.stem === key.value);
    if (!group) {
      group = { stem: key.value, watches: [], stats: { since: this.now, hits: 0 } };
      slot.stems.push(group);
    }
    return group.watches;
  }

  /** What is known of how often posts hold a key: the stats of its slot (of its stem, for a prefix), if it has one. */
  stats(key: PresearchKey): Stats | undefined {
    switch (key.space) {
      case 'token':
        return this.words.get(key.value);
      case 'prefix':
        return this.starts.get(startKeyOf(key.value))?.stems.find((group) => group.stem === key.value)?.stats;
      case 'pair': {
        const [first, second] = splitPair(key.value);
        const after = this.words.get(second);
        return after && this.words.get(first)?.pairs?.get(after);
      }
      default:
        return this.fieldSlots(key.space).get(key.value);
    }
  }

  /** The slots of one field's values. */
  fieldSlots(field: FieldName): Map<string, Slot<W>> {
    let map = this.fields.get(field);
    if (!map) {
      map = new Map();
      this.fields.set(field, map);
    }
    return map;
  }
}

function acquireIn<K, W>(store: SlotStore<K, W>, key: K, make: () => Slot<W>): Slot<W> {
  let slot = store.get(key);
  if (!slot) {
    slot = make();
    store.set(key, slot);
  }
  slot.uses += 1;
  return slot;
}

function releaseIn<K, W>(store: SlotStore<K, W>, key: K, gone: (slot: Slot<W>) => void): void {
  const slot = store.get(key);
  if (slot && --slot.uses === 0) {
    store.delete(key);
    gone(slot);
  }
}
