import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Candidates } from './candidates.js';
import { PostLookup } from './post-lookup.js';
import { tokenise } from './tokenise.js';
import { Vocabulary, type Slot } from './vocabulary.js';

const WATCHED = ['cafe', 'caf', 'wyl', 'don', 't', 'bins', '7'];
// ASCII words and separators, and the non-ASCII pieces the fast ASCII path hands on: accents, a combining mark,
// Welsh letters, letters outside the BMP, a curly apostrophe, emoji, a flag with tag characters and a lone surrogate.
const PIECES = ['cafe', '𝐛𝐢𝐧𝐬', 'CAF', 'café', 'Cafe\u0301', 'ŵyl', 'WYL', 'don', '’', 't', 'bins', '7', ' ', '-', '🙂', '🏴󠁧󠁢󠁷󠁬󠁳󠁿', '\ud800', 'x'];

function lookupOf(words: readonly string[]): { lookup: PostLookup; slots: Map<string, Slot<number>> } {
  const vocabulary = new Vocabulary<number>();
  const slots = new Map(words.map((word) => [word, vocabulary.acquire({ space: 'token', value: word })]));
  return { lookup: new PostLookup(vocabulary, new Candidates(), []), slots };
}

describe('PostLookup', () => {
  it('finds each token of any text at its position, as tokenise splits it', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 20 }), (pieces) => {
        const text = pieces.join('');
        const { lookup, slots } = lookupOf(WATCHED);
        lookup.begin();
        lookup.scan(text);
        const tokens = tokenise(text);
        assert.equal(lookup.tokenCount, tokens.length);
        tokens.forEach((token, position) => assert.equal(lookup.slotAt[position], slots.get(token), `token ${position} of ${JSON.stringify(text)}`));
      }),
    );
  });

  it('marks the stems a token begins with, when watches have prefixes', () => {
    const vocabulary = new Vocabulary<number>();
    const slot = vocabulary.acquire({ space: 'prefix', value: 'caf' });
    vocabulary.watchList({ space: 'prefix', value: 'caf' }, slot).push(3);
    slot.positional += 1;
    const candidates = new Candidates();
    const lookup = new PostLookup(vocabulary, candidates, []);
    candidates.begin(1);
    lookup.begin();
    lookup.scan('ca CAFES, Café');
    assert.deepEqual([...slot.positions.slice(0, slot.count)], [1, 2]);
    assert.deepEqual([...candidates.numbers.slice(0, candidates.count)], [3]);
  });
});
