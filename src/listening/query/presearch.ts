import type { FieldName, PositionalNode, QueryNode } from './ast.js';

/**
 * Something a post must contain for a query to have a chance: a token, two tokens one after the other (value
 * "first second"), a token starting with a stem (value: the stem), or a field value.
 */
export interface PresearchKey {
  readonly space: 'token' | 'pair' | 'prefix' | FieldName;
  readonly value: string;
}

/** The share of posts seen to hold a key, when the matcher has watched it for long enough. */
export type ObservedRate = (key: PresearchKey) => number | undefined;

interface Choice {
  readonly keys: readonly PresearchKey[];
  /** The expected share of posts that hold one of the keys: each such post makes the query a candidate. */
  readonly rate: number;
}

// Words so frequent that indexing a query under them would make it a candidate for most posts.
const COMMON = new Set(
  (
    'a about all also am an and are as at be been but by can do for from get go had has have he her his how i if in is ' +
    'it its just me my no not now of on one or our out so that the their them then there they this to up us was we ' +
    'what when which who will with would you your ' +
    'ac am ar at bod chi ei eich ein eu fe fi fod gan hefyd i mae mewn na o oes ond pan sy sydd wedi y yn yr ydy ydw'
  ).split(' '),
);

const FIELD_RATE: Record<FieldName, number> = { author: 0.0005, mention: 0.002, hashtag: 0.003, site: 0.005, lang: 0.5, source: 0.4 };

/** A guess at the share of posts holding a key, before any are seen: common words are common, long words rare. */
function guess(key: PresearchKey): number {
  switch (key.space) {
    case 'token':
      return COMMON.has(key.value) ? 0.3 : 0.05 * 0.75 ** (key.value.length - 1);
    case 'pair':
      return 0.1 * Math.min(...key.value.split(' ').map((word) => guess({ space: 'token', value: word })));
    case 'prefix':
      return 0.1 * 0.6 ** (key.value.length - 3);
    default:
      return FIELD_RATE[key.space];
  }
}

/**
 * Picks the keys to index a query under: any post the query matches holds at least one of them. An AND needs only
 * its rarest operand, an OR needs all of its operands, a NOT gives nothing. Rarity is what the matcher has observed
 * when it knows, a guess otherwise. Undefined when the query requires nothing.
 */
export function presearchKeys(node: QueryNode, observed: ObservedRate = () => undefined): PresearchKey[] | undefined {
  const choice = new Planner(observed).choose(node);
  return choice && distinct(choice.keys);
}

class Planner {
  constructor(private readonly observed: ObservedRate) {}

  choose(node: QueryNode): Choice | undefined {
    switch (node.kind) {
      case 'term':
      case 'phrase':
      case 'prefix':
        return this.positional(node);
      case 'field':
        return this.one({ space: node.field, value: node.value });
      case 'near':
        return rarest([union(node.left.map((n) => this.positional(n))), union(node.right.map((n) => this.positional(n)))]);
      case 'not':
        return undefined;
      case 'and':
        return rarest(node.operands.map((n) => this.choose(n)));
      case 'or':
        return union(node.operands.map((n) => this.choose(n)));
    }
  }

  private positional(node: PositionalNode): Choice {
    switch (node.kind) {
      case 'term':
        return this.one({ space: 'token', value: node.word });
      case 'prefix':
        return this.one({ space: 'prefix', value: node.stem });
      case 'phrase': {
        // Two words side by side are much rarer than either: "social care" is indexed as a pair, not under "social".
        const words = node.words.map((word) => this.one({ space: 'token', value: word }));
        const pairs = node.words.slice(1).map((second, i) => this.one({ space: 'pair', value: `${node.words[i] ?? ''} ${second}` }));
        return [...words, ...pairs].reduce((best, choice) => (choice.rate < best.rate ? choice : best));
      }
    }
  }

  private one(key: PresearchKey): Choice {
    return { keys: [key], rate: this.observed(key) ?? guess(key) };
  }
}

/** The expected share of posts that hold one of the keys. */
export function keysRate(keys: readonly PresearchKey[], observed: ObservedRate): number {
  return keys.reduce((sum, key) => sum + (observed(key) ?? guess(key)), 0);
}

function distinct(keys: readonly PresearchKey[]): PresearchKey[] {
  const seen = new Set<string>();
  return keys.filter((key) => {
    const name = `${key.space}\u0000${key.value}`;
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
}

function rarest(choices: readonly (Choice | undefined)[]): Choice | undefined {
  let best: Choice | undefined;
  for (const choice of choices) if (choice && (!best || choice.rate < best.rate)) best = choice;
  return best;
}

function union(choices: readonly (Choice | undefined)[]): Choice | undefined {
  const keys: PresearchKey[] = [];
  let rate = 0;
  for (const choice of choices) {
    if (!choice) return undefined;
    keys.push(...choice.keys);
    rate += choice.rate;
  }
  return { keys, rate };
}
