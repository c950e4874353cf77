import type { QueryNode } from './ast.js';
import { bindTest, type Holding, type PostState, type Test } from './bind-test.js';
import { Candidates } from './candidates.js';
import { CompiledQuery, compileQuery } from './compile.js';
import { readFields, type MatchablePost } from './post.js';
import { PostLookup } from './post-lookup.js';
import { keysRate, presearchKeys, type PresearchKey } from './presearch.js';
import { RequiredSlots } from './required-slots.js';
import { Vocabulary, type Slot, type Stats } from './vocabulary.js';

type MatchState = { -readonly [K in keyof PostState]: PostState[K] };

/** A set of watches that posts are matched against. */
export interface Matcher {
  /** Adds a watch, or replaces the one with this id (it keeps its place in results). Throws InvalidQueryError. */
  set(id: string, query: string | QueryNode | CompiledQuery): void;
  /** Removes a watch; false when there was none with this id. */
  remove(id: string): boolean;
  /** The ids of the watches the post matches, in the order the watches were first added. */
  match(post: MatchablePost): string[];
  readonly size: number;
  /** Posts matched so far, and the candidate watches the presearcher picked out for them and that were tested. */
  readonly stats: { readonly posts: number; readonly candidates: number };
}

/** Tuning for createMatcher. */
export interface MatcherOptions {
  /**
   * How many posts a word must have been watched over before the share of posts that held it replaces the guess
   * the presearcher makes from its length; watches are then re-indexed under rarer keys, two per post. Default 5,000.
   */
  learnAfter?: number;
}

interface Entry {
  readonly id: string;
  /** The entry's place in IndexedMatcher.byNumber, and what the presearcher's lists hold. */
  readonly number: number;
  readonly order: number;
  readonly query: QueryNode;
  readonly test: Test;
  /** The slots the test holds, released when the watch goes. */
  readonly held: readonly Holding<number>[];
  /** The keys the watch is indexed under, and the presearcher's lists that hold it. */
  index: Index;
}

interface Index {
  readonly keys: readonly PresearchKey[];
  readonly slots: readonly Slot<number>[];
  readonly lists: readonly number[][];
  /** For each key, what is known of how often posts hold it, and the guess made before that is known. */
  readonly stats: readonly (Stats | undefined)[];
  readonly guesses: readonly number[];
}

const EMPTY_INDEX: Index = { keys: [], slots: [], lists: [], stats: [], guesses: [] };
const unobserved = () => undefined;

// A watch is re-indexed only when its keys let through enough posts to matter and the new keys halve that.
const WORTH_LEARNING = 0.002;

/**
 * Creates a matcher that indexes each watch under keys a matching post must hold (a presearcher), tests only the
 * watches a post's tokens and fields pick out, and adds, changes or removes one watch without touching the others.
 * It learns which words are common in the posts it sees, and moves watches to rarer keys.
 */
export function createMatcher(options: MatcherOptions = {}): Matcher {
  return new IndexedMatcher(options.learnAfter ?? 5_000);
}

class IndexedMatcher implements Matcher {
  private readonly entries = new Map<string, Entry>();
  /** Entries by number: the presearcher's lists hold numbers, which are compact and cheap to stamp. */
  private readonly byNumber: (Entry | undefined)[] = [];
  private readonly freeNumbers: number[] = [];
  private readonly required = new RequiredSlots();
  private readonly vocabulary = new Vocabulary<number>();
  private nextOrder = 0;
  private posts = 0;
  private candidateCount = 0;
  // The post being matched. Reused from post to post.
  private readonly candidates = new Candidates();
  private readonly lookup = new PostLookup(this.vocabulary, this.candidates, []);
  /** The watches the post matches, in watch order. */
  private readonly matched: Entry[] = [];
  private readonly state: MatchState = { number: 0, seen: new Int32Array(0), slots: this.lookup.slotAt, tokenCount: 0 };
  /** The entry number re-indexing looks at next. */
  private cursor = 0;
  /**
   * By entry number, the post after which re-indexing last looked at the entry (or indexed it): it is looked at again
   * once learnAfter more posts have been seen, without reading the entry before then.
   */
  private lookedAt = new Int32Array(1024);

  constructor(private readonly learnAfter: number) {}

  get size(): number {
    return this.entries.size;
  }

  get stats() {
    return { posts: this.posts, candidates: this.candidateCount };
  }

  set(id: string, query: string | QueryNode | CompiledQuery): void {
    const compiled = query instanceof CompiledQuery ? query : compileQuery(query);
    const previous = this.entries.get(id);
    if (previous) this.forget(previous);
    const held: Holding<number>[] = [];
    const { test, required, complete } = bindTest(compiled.query, this.vocabulary, held);
    const order = previous?.order ?? this.nextOrder++;
    const entry: Entry = { id, number: previous?.number ?? this.newNumber(), order, query: compiled.query, test, held, index: EMPTY_INDEX };
    this.byNumber[entry.number] = entry;
    this.required.set(entry.number, required, complete);
    // Until enough posts have been seen, the keys compiled from guesses are all there is.
    const learnt = this.posts >= this.learnAfter ? presearchKeys(compiled.query, this.observed) : undefined;
    this.index(entry, learnt ?? compiled.keys);
    this.entries.set(id, entry);
  }

  remove(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.forget(entry);
    this.entries.delete(id);
    this.byNumber[entry.number] = undefined;
    this.required.clear(entry.number);
    this.freeNumbers.push(entry.number);
    return true;
  }

  private newNumber(): number {
    const reused = this.freeNumbers.pop();
    if (reused !== undefined) return reused;
    const number = this.byNumber.length;
    this.candidates.reserve(number + 1);
    if (number >= this.lookedAt.length) {
      const lookedAt = new Int32Array(this.lookedAt.length * 2);
      lookedAt.set(this.lookedAt);
      this.lookedAt = lookedAt;
    }
    this.byNumber.push(undefined);
    return number;
  }

  match(post: MatchablePost): string[] {
    const fields = readFields(post);
    this.posts += 1;
    this.vocabulary.now = this.posts;
    const { candidates, lookup } = this;
    candidates.begin(this.posts);
    lookup.begin();
    lookup.scan(fields.text);
    lookup.seeFields(fields);
    this.candidateCount += candidates.count;
    const state = this.state;
    state.number = this.posts;
    state.seen = this.vocabulary.seen;
    state.tokenCount = lookup.tokenCount;
    const { required, matched } = this;
    matched.length = 0;
    const found = candidates.numbers;
    for (let i = 0; i < candidates.count; i++) {
      const number = found[i] ?? 0;
      if (!required.held(number, state.seen, state.number)) continue;
      const entry = this.byNumber[number];
      if (entry && (required.complete(number) || entry.test(state))) insertByOrder(matched, entry);
    }
    if ((this.posts & 3) === 0) this.learn();
    const ids: string[] = [];
    for (const entry of matched) ids.push(entry.id);
    return ids;
  }

  private index(entry: Entry, keys: readonly PresearchKey[]): void {
    const slots: Slot<number>[] = [];
    const lists: number[][] = [];
    for (const key of keys) {
      const slot = this.vocabulary.acquire(key);
      if (key.space !== 'prefix') slot.listed += 1;
      const list = this.vocabulary.watchList(key, slot);
      list.push(entry.number);
      slots.push(slot);
      lists.push(list);
    }
    const stats = keys.map((key) => this.vocabulary.stats(key));
    entry.index = { keys, slots, lists, stats, guesses: keys.map((key) => keysRate([key], unobserved)) };
    this.lookedAt[entry.number] = this.posts;
  }

  private unindex(entry: Entry): void {
    for (const list of entry.index.lists) {
      const at = list.indexOf(entry.number);
      if (at >= 0) list.splice(at, 1);
    }
    for (const [k, key] of entry.index.keys.entries()) {
      const slot = entry.index.slots[k];
      if (slot && key.space !== 'prefix') slot.listed -= 1;
      this.vocabulary.release(key);
    }
  }

  private forget(entry: Entry): void {
    this.unindex(entry);
    for (const { key, slot, positional } of entry.held) {
      if (positional) slot.positional -= 1;
      this.vocabulary.release(key);
    }
  }

  /** Looks at the next watch (every fourth post), and moves it to rarer keys if what the posts have shown makes it worth it. */
  private learn(): void {
    const number = this.cursor;
    this.cursor = number + 1 < this.byNumber.length ? number + 1 : 0;
    if (this.posts - (this.lookedAt[number] ?? 0) < this.learnAfter) return;
    const entry = this.byNumber[number];
    if (!entry) return;
    this.lookedAt[number] = this.posts;
    const rate = this.indexRate(entry.index);
    if (rate < WORTH_LEARNING) return;
    const keys = presearchKeys(entry.query, this.observed);
    if (!keys || keysRate(keys, this.observed) > rate / 2) return;
    this.unindex(entry);
    this.index(entry, keys);
  }

  /** keysRate of an index's keys, from the stats it keeps: without looking the keys up again. */
  private indexRate(index: Index): number {
    let rate = 0;
    for (let k = 0; k < index.guesses.length; k++) rate += this.rate(index.stats[k]) ?? index.guesses[k] ?? 0;
    return rate;
  }

  /** The share of posts that held a key, once it has been watched over learnAfter posts. */
  private readonly observed = (key: PresearchKey): number | undefined => this.rate(this.vocabulary.stats(key));

  private rate(stats: Stats | undefined): number | undefined {
    const span = stats ? this.posts - stats.since : 0;
    return stats && span >= this.learnAfter ? (stats.hits + 1) / (span + 2) : undefined;
  }
}


/** Adds an entry to a list kept in watch order: a post matches few watches, so a linear insert is the cheapest sort. */
function insertByOrder(list: Entry[], entry: Entry): void {
  let at = list.length;
  list.push(entry);
  for (; at > 0 && (list[at - 1]?.order ?? 0) > entry.order; at--) list[at] = list[at - 1] ?? entry;
  list[at] = entry;
}
