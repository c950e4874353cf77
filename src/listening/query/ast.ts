/** The fields a query can test besides the text. */
export const FIELD_NAMES = ['author', 'lang', 'source', 'site', 'hashtag', 'mention'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** The sources a post can come from, as `source:` accepts them. */
export const SOURCES = ['mastodon', 'bluesky', 'rss', 'webhook'] as const;

/** Limits on one query; each has its own error message. */
export const LIMITS = { maxLength: 4096, maxClauses: 256, minDistance: 1, maxDistance: 50, minPrefix: 3 } as const;

/** One word, folded (lower case, no diacritics). */
export interface TermNode {
  readonly kind: 'term';
  readonly word: string;
}

/** Two or more folded words that must occur one after the other. */
export interface PhraseNode {
  readonly kind: 'phrase';
  readonly words: readonly string[];
}

/** Any word starting with `stem` (folded, at least 3 characters). */
export interface PrefixNode {
  readonly kind: 'prefix';
  readonly stem: string;
}

/** A test on one of the post's fields; `value` is normalised the way the field compares it. */
export interface FieldNode {
  readonly kind: 'field';
  readonly field: FieldName;
  readonly value: string;
}

/** What NEAR can join: words, phrases and prefixes. */
export type PositionalNode = TermNode | PhraseNode | PrefixNode;

/**
 * Some alternative on the left within `distance` words of some alternative on the right (at most `distance` words
 * between them); with `ordered`, the left one comes first.
 */
export interface NearNode {
  readonly kind: 'near';
  readonly left: readonly PositionalNode[];
  readonly right: readonly PositionalNode[];
  readonly distance: number;
  readonly ordered: boolean;
}

export interface NotNode {
  readonly kind: 'not';
  readonly operand: QueryNode;
}

/** At least two operands; never directly contains another AND. */
export interface AndNode {
  readonly kind: 'and';
  readonly operands: readonly QueryNode[];
}

/** At least two operands; never directly contains another OR. */
export interface OrNode {
  readonly kind: 'or';
  readonly operands: readonly QueryNode[];
}

/** A parsed watch query. */
export type QueryNode = TermNode | PhraseNode | PrefixNode | FieldNode | NearNode | NotNode | AndNode | OrNode;

/** True when a post can only match by containing something: the query does not merely exclude. */
export function requiresSomething(node: QueryNode): boolean {
  switch (node.kind) {
    case 'not':
      return false;
    case 'and':
      return node.operands.some(requiresSomething);
    case 'or':
      return node.operands.every(requiresSomething);
    default:
      return true;
  }
}
