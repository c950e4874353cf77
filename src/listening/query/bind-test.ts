import type { PositionalNode, QueryNode } from './ast.js';
import type { PresearchKey } from './presearch.js';
import { rangeStartsWith, type Slot, type Vocabulary } from './vocabulary.js';

/** The post being matched, as tests see it: its number, the slots it holds and the word slot at each position. */
export interface PostState {
  readonly number: number;
  /** Vocabulary.seen: by slot id, the number of the last post that held the slot. */
  readonly seen: Int32Array;
  /** Reused from post to post: only the first tokenCount belong to this one. */
  readonly slots: readonly unknown[];
  readonly tokenCount: number;
}

export type Test = (post: PostState) => boolean;

/** A query's test, with what a matching post must hold written out so that most candidates are settled without it. */
export interface BoundTest {
  /** The rest of the query: run only on a post that holds every required slot. */
  readonly test: Test;
  /** Slot ids that a matching post holds, all of them (the words and fields ANDed at the top of the query). */
  readonly required: readonly number[];
  /** Whether holding the required slots is all the test asks. */
  readonly complete: boolean;
}

/** A slot a watch's test holds, released when the watch goes. */
export interface Holding<W> {
  readonly key: PresearchKey;
  readonly slot: Slot<W>;
  readonly positional: boolean;
}

/** Calls `visit` with each place (first and last token) the node occurs in the post until it returns true. */
type Occurrences = (post: PostState, visit: (start: number, end: number) => boolean) => boolean;

const anywhere = () => true;
const holdsRequired: Test = () => true;

/**
 * Builds a query's test against the matcher's vocabulary: a word's presence is one comparison on its slot, and
 * positions (phrases, NEAR) are looked at only when everything cheaper already holds. Every slot it acquires is
 * added to `held`, for release when the watch goes.
 */
export function bindTest<W>(node: QueryNode, vocabulary: Vocabulary<W>, held: Holding<W>[]): BoundTest {
  const binder = new Binder(vocabulary, held);
  const operands = node.kind === 'and' ? node.operands : [node];
  const required: number[] = [];
  const rest: QueryNode[] = [];
  for (const operand of operands) {
    if (operand.kind === 'term') required.push(binder.slot({ space: 'token', value: operand.word }).id);
    else if (operand.kind === 'field') required.push(binder.slot({ space: operand.field, value: operand.value }).id);
    else rest.push(operand);
  }
  const [only] = rest;
  const test = only === undefined ? holdsRequired : rest.length === 1 ? binder.bind(only) : binder.bind({ kind: 'and', operands: rest });
  return { test, required, complete: rest.length === 0 };
}

class Binder<W> {
  constructor(
    private readonly vocabulary: Vocabulary<W>,
    private readonly held: Holding<W>[],
  ) {}

  bind(node: QueryNode): Test {
    switch (node.kind) {
      case 'term':
      case 'field': {
        const { id } = this.slot(node.kind === 'term' ? { space: 'token', value: node.word } : { space: node.field, value: node.value });
        return (post) => post.seen[id] === post.number;
      }
      case 'phrase':
      case 'prefix': {
        const occurrences = bindOccurrences(node, this);
        return (post) => occurrences(post, anywhere);
      }
      case 'near': {
        const left = node.left.map((alternative) => bindOccurrences(alternative, this));
        const right = node.right.map((alternative) => bindOccurrences(alternative, this));
        const { distance, ordered } = node;
        return (post) => isNear(left, right, distance, ordered, post);
      }
      case 'not': {
        const operand = this.bind(node.operand);
        return (post) => !operand(post);
      }
      case 'and':
      case 'or':
        return this.bindList(node.kind === 'and', node.operands);
    }
  }

  /** Acquires a key's slot for the test; `positional` when the test reads the slot's positions. */
  slot(key: PresearchKey, positional = false): Slot<W> {
    const acquired = this.vocabulary.acquire(key);
    if (positional) acquired.positional += 1;
    this.held.push({ key, slot: acquired, positional });
    return acquired;
  }

  // The words and fields of an AND or OR are tested in one loop over their slots; the rest after, cheapest first.
  private bindList(all: boolean, operands: readonly QueryNode[]): Test {
    const ids: number[] = [];
    const others: QueryNode[] = [];
    for (const operand of operands) {
      if (operand.kind === 'term') ids.push(this.slot({ space: 'token', value: operand.word }).id);
      else if (operand.kind === 'field') ids.push(this.slot({ space: operand.field, value: operand.value }).id);
      else others.push(operand);
    }
    const tests = others.sort((a, b) => weight(a) - weight(b)).map((operand) => this.bind(operand));
    return (post) => {
      for (let i = 0; i < ids.length; i++) if ((post.seen[ids[i] ?? 0] === post.number) !== all) return !all;
      for (let i = 0; i < tests.length; i++) if (tests[i]?.(post) !== all) return !all;
      return all;
    };
  }
}

function weight(node: QueryNode): number {
  switch (node.kind) {
    case 'term':
    case 'field':
      return 1;
    case 'prefix':
      return 2;
    case 'phrase':
      return 3;
    case 'near':
      return 4;
    case 'not':
      return weight(node.operand);
    case 'and':
    case 'or':
      return Math.max(...node.operands.map(weight)) + 1;
  }
}

function bindOccurrences<W>(node: PositionalNode, binder: Binder<W>): Occurrences {
  switch (node.kind) {
    case 'term': {
      const s = binder.slot({ space: 'token', value: node.word }, true);
      return (post, visit) => {
        if (post.seen[s.id] !== post.number) return false;
        for (let k = 0; k < s.count; k++) {
          const at = s.positions[k] ?? -1;
          if (visit(at, at)) return true;
        }
        return false;
      };
    }
    case 'prefix': {
      const { stem } = node;
      const s = binder.slot({ space: 'prefix', value: stem }, true);
      return (post, visit) => {
        if (post.seen[s.id] !== post.number) return false;
        for (let k = 0; k < s.count; k++) {
          const at = s.positions[k] ?? -1;
          const text = s.tokenTexts[k] ?? '';
          if (rangeStartsWith(text, s.tokenStarts[k] ?? 0, s.tokenEnds[k] ?? 0, stem) && visit(at, at)) return true;
        }
        return false;
      };
    }
    case 'phrase': {
      // Only the first word's positions are kept; the others are recognised by their slot at the following positions.
      const slots = node.words.map((word, k) => binder.slot({ space: 'token', value: word }, k === 0));
      const length = slots.length;
      const ids = slots.map((slot) => slot.id);
      return (post, visit) => {
        for (let k = 0; k < length; k++) if (post.seen[ids[k] ?? 0] !== post.number) return false;
        const first = slots[0];
        for (let i = 0; first && i < first.count; i++) {
          const start = first.positions[i] ?? post.tokenCount;
          let k = 1;
          while (k < length && start + k < post.tokenCount && post.slots[start + k] === slots[k]) k += 1;
          if (k === length && visit(start, start + length - 1)) return true;
        }
        return false;
      };
    }
  }
}

function isNear(left: readonly Occurrences[], right: readonly Occurrences[], distance: number, ordered: boolean, post: PostState): boolean {
  const before: number[] = [];
  for (const occurrences of left) {
    occurrences(post, (start, end) => {
      before.push(start, end);
      return false;
    });
  }
  if (before.length === 0) return false;
  return right.some((occurrences) =>
    occurrences(post, (bStart, bEnd) => {
      for (let i = 0; i < before.length; i += 2) {
        const aStart = before[i] ?? 0;
        const aEnd = before[i + 1] ?? 0;
        if (aEnd < bStart && bStart - aEnd - 1 <= distance) return true;
        if (!ordered && bEnd < aStart && aStart - bEnd - 1 <= distance) return true;
      }
      return false;
    }),
  );
}
