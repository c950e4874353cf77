import type { FieldName, QueryNode } from './ast.js';
import { bindTest, type Holding, type PostState, type Test } from './bind-test.js';

type MatchState = { -readonly [K in keyof PostState]: PostState[K] };
import { CompiledQuery, compileQuery } from './compile.js';
import { readFields, type MatchablePost, type PostFields } from './post.js';
import { keysRate, presearchKeys, type PresearchKey } from './presearch.js';
import { RequiredSlots } from './required-slots.js';
import { lowerAscii, scanTokens, TokenList } from './tokenise.js';
import { rangeStartsWith, startKey, Vocabulary, type Slot, type Stats } from './vocabulary.js';

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
  /** By entry number, the number of the last post the entry was a candidate for, so that it is tested once. */
  private stamps = new Int32Array(1024);
  private readonly required = new RequiredSlots();
  private readonly vocabulary = new Vocabulary<number>();
  private nextOrder = 0;
  private posts = 0;
  private candidates = 0;
  // The post being matched. Reused from post to post; only the first foundCount candidates, and the first
  // tokens.count tokens and slots, belong to the current one.
  private readonly tokens = new TokenList();
  private found = new Int32Array(1024);
  private foundCount = 0;
  private readonly slotAt: (Slot<number> | undefined)[] = [];
  private readonly state: MatchState = { number: 0, seen: new Int32Array(0), slots: this.slotAt, tokenCount: 0 };
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
    return { posts: this.posts, candidates: this.candidates };
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
    if (number >= this.stamps.length) {
      const stamps = new Int32Array(this.stamps.length * 2);
      stamps.set(this.stamps);
      this.stamps = stamps;
      this.found = new Int32Array(stamps.length);
      const lookedAt = new Int32Array(stamps.length);
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
    this.foundCount = 0;
    this.seeTokens(fields.text);
    this.seeFields(fields);
    this.candidates += this.foundCount;
    const state = this.state;
    state.number = this.posts;
    state.seen = this.vocabulary.seen;
    state.tokenCount = this.tokens.count;
    const matched: Entry[] = [];
    const { required, found } = this;
    for (let i = 0; i < this.foundCount; i++) {
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

  /** Looks up each token of the text: the watches its word, the pair it ends and the stems it begins with pick out. */
  private seeTokens(text: string): void {
    const tokens = this.tokens;
    scanTokens(text, tokens);
    const { words, starts } = this.vocabulary;
    const slotAt = this.slotAt;
    const withStems = starts.size > 0;
    for (let position = 0; position < tokens.count; position++) {
      const folded = tokens.folded[position] ?? '';
      const source = folded === '' ? text : folded;
      const start = tokens.starts[position] ?? 0;
      const end = tokens.ends[position] ?? 0;
      const slot = folded === '' ? words.getRange(text, start, end, tokens.hashes[position] ?? 0) : words.get(folded);
      slotAt[position] = slot;
      if (slot) {
        this.see(slot, position);
        const pair = position > 0 ? slotAt[position - 1]?.pairs?.get(slot) : undefined;
        if (pair) this.see(pair, position);
      }
      if (withStems && end - start >= 3) this.seeStart(source, start, end, position);
    }
  }

  /** A token of at least three characters, source.slice(start, end) with A–Z lowered: the stems it begins with. */
  private seeStart(source: string, start: number, end: number, position: number): void {
    const key = startKey(lowerAscii(source.charCodeAt(start)), lowerAscii(source.charCodeAt(start + 1)), lowerAscii(source.charCodeAt(start + 2)));
    const starting = this.vocabulary.start(key);
    if (!starting) return;
    this.see(starting, position);
    // Every word start is held by some prefix test, which needs positions, so `see` has just counted this one.
    const at = starting.count - 1;
    starting.tokenTexts[at] = source;
    starting.tokenStarts[at] = start;
    starting.tokenEnds[at] = end;
    for (const group of starting.stems) {
      if (!rangeStartsWith(source, start, end, group.stem)) continue;
      group.stats.hits += 1;
      this.collect(group.watches);
    }
  }

  /** Marks a slot as seen in this post, noting the position when a test needs it; its watches become candidates. */
  private see(slot: Slot<number>, position: number): void {
    const { seen } = this.vocabulary;
    if (seen[slot.id] !== this.posts) {
      seen[slot.id] = this.posts;
      slot.count = 0;
      slot.hits += 1;
      if (slot.listed > 0) this.collect(slot.watches);
    }
    if (slot.positional > 0) slot.positions[slot.count++] = position;
  }

  private collect(watches: readonly number[]): void {
    const post = this.posts;
    const { stamps, found } = this;
    for (let i = 0; i < watches.length; i++) {
      const number = watches[i] ?? 0;
      if (stamps[number] === post) continue;
      stamps[number] = post;
      found[this.foundCount++] = number;
    }
  }

  private seeFields(fields: PostFields): void {
    if (fields.author !== undefined) this.seeHandle('author', fields.author);
    if (fields.lang !== undefined) this.seeField('lang', fields.lang);
    if (fields.source !== undefined) this.seeField('source', fields.source);
    for (const host of fields.hosts) {
      // A host answers to itself and every parent domain: www.gov.uk → www.gov.uk, gov.uk, uk.
      this.seeField('site', host);
      for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) this.seeField('site', host.slice(dot + 1));
    }
    for (const tag of fields.hashtags) this.seeField('hashtag', tag);
    for (const handle of fields.mentions) this.seeHandle('mention', handle);
  }

  /** A handle answers to itself and, for user@instance, to the user name alone. */
  private seeHandle(field: 'author' | 'mention', handle: string): void {
    if (this.vocabulary.fieldSlots(field).size === 0) return;
    this.seeField(field, handle);
    const at = handle.indexOf('@');
    if (at > 0) this.seeField(field, handle.slice(0, at));
  }

  private seeField(field: FieldName, value: string): void {
    const slots = this.vocabulary.fieldSlots(field);
    if (slots.size === 0) return;
    const slot = slots.get(value);
    if (slot) this.see(slot, 0);
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
