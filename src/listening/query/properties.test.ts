import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { FieldNode, PositionalNode, QueryNode } from './ast.js';
import { formatQuery } from './format.js';
import { createMatcher } from './matcher.js';
import { parseQuery } from './parse.js';
import type { MatchablePost } from './post.js';
import { createReferenceMatcher } from './reference.js';
import { foldText, tokenise } from './tokenise.js';

// A small world of words, so that random queries and random posts often meet.
const WORDS = ['a', 'b', 'ab', 'abc', 'abcd', 'caf', 'cafe', 'wyl', 'x', '7'];
const SPELLINGS = ['a', 'B', 'ab', 'AB', 'abc', 'abcd', 'Abcde', 'caf', 'café', 'Cafe\u0301', 'CAFÉ', 'cafe', 'ŵyl', 'WYL', 'x', '7', "ab'c", 'x-ab'];
const SEPARATORS = [' ', ', ', '  ', '🙂', '’', '\n', ' — ', '! ', '🏴󠁧󠁢󠁷󠁬󠁳󠁿'];
const EXTRAS = ['#nhs', '#Caf', '@dwp', '@DWP@mastodon.social', 'https://www.gov.uk/x', 'see gov.uk', 'https://example.com.'];

const word = fc.constantFrom(...WORDS);
const positional: fc.Arbitrary<PositionalNode> = fc.oneof(
  { weight: 3, arbitrary: word.map((w): PositionalNode => ({ kind: 'term', word: w })) },
  { weight: 1, arbitrary: fc.array(word, { minLength: 2, maxLength: 3 }).map((words): PositionalNode => ({ kind: 'phrase', words })) },
  { weight: 1, arbitrary: fc.constantFrom('abc', 'caf', 'cafe', 'wyl').map((stem): PositionalNode => ({ kind: 'prefix', stem })) },
);
const field: fc.Arbitrary<FieldNode> = fc.oneof(
  fc.constantFrom('dwp', 'dwp@mastodon.social', 'nhs.bsky.social').map((value): FieldNode => ({ kind: 'field', field: 'author', value })),
  fc.constantFrom('en', 'cy').map((value): FieldNode => ({ kind: 'field', field: 'lang', value })),
  fc.constantFrom('mastodon', 'bluesky').map((value): FieldNode => ({ kind: 'field', field: 'source', value })),
  fc.constantFrom('gov.uk', 'www.gov.uk', 'uk', 'example.com').map((value): FieldNode => ({ kind: 'field', field: 'site', value })),
  fc.constantFrom('nhs', 'caf').map((value): FieldNode => ({ kind: 'field', field: 'hashtag', value })),
  fc.constantFrom('dwp', 'dwp@mastodon.social').map((value): FieldNode => ({ kind: 'field', field: 'mention', value })),
);
const near: fc.Arbitrary<QueryNode> = fc
  .tuple(
    fc.array(positional, { minLength: 1, maxLength: 2 }),
    fc.array(positional, { minLength: 1, maxLength: 2 }),
    fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constant(50)),
    fc.boolean(),
  )
  .map(([left, right, distance, ordered]): QueryNode => ({ kind: 'near', left, right, distance, ordered }));

function list(kind: 'and' | 'or', operands: readonly QueryNode[]): QueryNode {
  return { kind, operands: operands.flatMap((o) => (o.kind === kind ? o.operands : [o])) };
}

/** Valid trees in the form the parser gives: every OR side and the whole query require something, no NOT of a NOT. */
const { positive } = fc.letrec<{ positive: QueryNode; and: QueryNode; or: QueryNode; not: QueryNode }>((tie) => ({
  positive: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    positional,
    field,
    near,
    tie('and'),
    tie('or'),
  ),
  and: fc
    .tuple(tie('positive'), fc.array(fc.oneof(tie('positive'), tie('not')), { minLength: 1, maxLength: 3 }), fc.nat())
    .map(([first, rest, at]) => list('and', rest.toSpliced(at % (rest.length + 1), 0, first))),
  or: fc.array(tie('positive'), { minLength: 2, maxLength: 3 }).map((operands) => list('or', operands)),
  not: tie('positive').map((operand): QueryNode => ({ kind: 'not', operand })),
}));

const post: fc.Arbitrary<MatchablePost> = fc.record(
  {
    id: fc.constant('p'),
    text: fc
      .array(fc.tuple(fc.constantFrom(...SPELLINGS, ...SPELLINGS, ...EXTRAS), fc.constantFrom(...SEPARATORS)), { maxLength: 14 })
      .map((pieces) => pieces.flat().join('')),
    author: fc.constantFrom('dwp', '@DWP@mastodon.social', 'nhs.bsky.social', 'someone'),
    lang: fc.constantFrom('en', 'cy', 'en-GB', 'CY'),
    source: fc.constantFrom('mastodon', 'bluesky', 'rss'),
    links: fc.array(fc.constantFrom('https://www.gov.uk/a', 'https://GOV.UK', 'http://example.com/x', 'not a link'), { maxLength: 2 }),
    hashtags: fc.array(fc.constantFrom('nhs', '#CAF', 'Caf'), { maxLength: 2 }),
    mentions: fc.array(fc.constantFrom('dwp', '@dwp@mastodon.social', 'nhs.bsky.social'), { maxLength: 2 }),
  },
  { requiredKeys: ['id', 'text'] },
);

type Operation = { set: string; query: QueryNode } | { remove: string } | { match: MatchablePost };
const watchId = fc.constantFrom('w1', 'w2', 'w3', 'w4', 'w5', 'w6');
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ set: watchId, query: positive }),
  fc.record({ remove: watchId }),
  { weight: 3, arbitrary: fc.record({ match: post }) },
);

describe('query properties', () => {
  it('the matcher agrees with the reference evaluator while watches are added, changed and removed', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 25 }), (operations) => {
        // One matcher as configured by default, one that relearns its keys after every post.
        const matchers = [createMatcher(), createMatcher({ learnAfter: 1 })];
        const reference = createReferenceMatcher();
        for (const op of operations) {
          if ('set' in op) {
            reference.set(op.set, op.query);
            for (const matcher of matchers) matcher.set(op.set, op.query);
          } else if ('remove' in op) {
            const had = reference.remove(op.remove);
            for (const matcher of matchers) assert.equal(matcher.remove(op.remove), had);
          } else {
            const expected = reference.match(op.match);
            for (const matcher of matchers) assert.deepEqual(matcher.match(op.match), expected, formatQueries(operations));
          }
          for (const matcher of matchers) assert.equal(matcher.size, reference.size);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('formatting then parsing gives back the same tree', () => {
    fc.assert(
      fc.property(positive, (tree) => {
        const text = formatQuery(tree);
        const parsed = parseQuery(text);
        assert.ok(parsed.ok, `${text}: ${JSON.stringify(parsed)}`);
        assert.deepEqual(parsed.query, tree, text);
      }),
      { numRuns: 500 },
    );
  });

  it('any query text that parses formats to text that parses to the same tree', () => {
    const piece = fc.constantFrom('a', 'Abc', 'caf*', '"a b"', 'AND', 'OR', 'NOT', '-', '(', ')', 'NEAR/2', 'ONEAR/1', '#nhs', '@dwp', 'lang:cy', 'site:gov.uk', 'café', '"', 'x-y');
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, fc.constantFrom(' ', '', '  ')), { maxLength: 10 }), (pieces) => {
        const first = parseQuery(pieces.flat().join(''));
        if (!first.ok) return;
        const again = parseQuery(formatQuery(first.query));
        assert.ok(again.ok);
        assert.deepEqual(again.query, first.query);
      }),
      { numRuns: 1000 },
    );
  });

  it('tokenises any text as folding it and taking its runs of letters and digits', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
    fc.assert(
      fc.property(text, (s) => {
        const tokens = tokenise(s);
        assert.deepEqual(tokens, foldText(s).match(/[\p{L}\p{N}]+/gu) ?? []);
        assert.deepEqual(tokenise(tokens.join(' ')), tokens, 'tokens are already folded');
      }),
      { numRuns: 2000 },
    );
  });
});

function formatQueries(operations: readonly Operation[]): string {
  return operations.map((op) => ('set' in op ? `${op.set} = ${formatQuery(op.query)}` : 'remove' in op ? `remove ${op.remove}` : `match ${JSON.stringify(op.match)}`)).join('\n');
}
