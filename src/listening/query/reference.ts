import type { FieldName, PositionalNode, QueryNode } from './ast.js';
import { compileQuery, CompiledQuery } from './compile.js';
import type { Matcher } from './matcher.js';
import { readPost, type MatchablePost, type PostText } from './post.js';

/**
 * Whether a post matches a query, worked out the plain way from the tree: the yardstick the matcher is tested and
 * benchmarked against.
 */
export function evaluateQuery(node: QueryNode, post: PostText): boolean {
  switch (node.kind) {
    case 'term':
    case 'phrase':
    case 'prefix':
      return spans(node, post.tokens).length > 0;
    case 'field':
      return fieldMatches(node.field, node.value, post);
    case 'near':
      return sideSpans(node.left, post.tokens).some(([aStart, aEnd]) =>
        sideSpans(node.right, post.tokens).some(
          ([bStart, bEnd]) =>
            (aEnd < bStart && bStart - aEnd - 1 <= node.distance) ||
            (!node.ordered && bEnd < aStart && aStart - bEnd - 1 <= node.distance),
        ),
      );
    case 'not':
      return !evaluateQuery(node.operand, post);
    case 'and':
      return node.operands.every((operand) => evaluateQuery(operand, post));
    case 'or':
      return node.operands.some((operand) => evaluateQuery(operand, post));
  }
}

/** A matcher that tests every watch against every post. */
export function createReferenceMatcher(): Matcher {
  const watches = new Map<string, QueryNode>();
  let posts = 0;
  return {
    set(id, query) {
      watches.set(id, query instanceof CompiledQuery ? query.query : compileQuery(query).query);
    },
    remove: (id) => watches.delete(id),
    match(post: MatchablePost) {
      posts += 1;
      const text = readPost(post);
      return [...watches].filter(([, query]) => evaluateQuery(query, text)).map(([id]) => id);
    },
    get size() {
      return watches.size;
    },
    get stats() {
      return { posts, candidates: posts * watches.size };
    },
  };
}

type Span = [start: number, end: number];

function sideSpans(alternatives: readonly PositionalNode[], tokens: readonly string[]): Span[] {
  return alternatives.flatMap((node) => spans(node, tokens));
}

function spans(node: PositionalNode, tokens: readonly string[]): Span[] {
  const found: Span[] = [];
  tokens.forEach((token, i) => {
    if (node.kind === 'term' && token === node.word) found.push([i, i]);
    if (node.kind === 'prefix' && token.startsWith(node.stem)) found.push([i, i]);
    if (node.kind === 'phrase' && node.words.every((word, k) => tokens[i + k] === word)) found.push([i, i + node.words.length - 1]);
  });
  return found;
}

function fieldMatches(field: FieldName, value: string, post: PostText): boolean {
  switch (field) {
    case 'author':
      return post.author !== undefined && handleMatches(post.author, value);
    case 'lang':
      return post.lang === value;
    case 'source':
      return post.source === value;
    case 'site':
      return post.hosts.some((host) => host === value || host.endsWith(`.${value}`));
    case 'hashtag':
      return post.hashtags.includes(value);
    case 'mention':
      return post.mentions.some((handle) => handleMatches(handle, value));
  }
}

/** "dwp" matches dwp and dwp@any.instance; "dwp@mastodon.social" only itself. */
function handleMatches(handle: string, wanted: string): boolean {
  return handle === wanted || (!wanted.includes('@') && handle.startsWith(`${wanted}@`));
}
