import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { foldForSearch, MAX_WORD_LENGTH, searchTextOf, searchTokensOf } from './search-text.js';

describe('search text', () => {
  it('lower-cases, removes diacritics and drops punctuation', () => {
    assert.equal(searchTextOf('Mae’r LLYFRGELL ar gau — ffôn: 029 2087 2000!'), 'mae r llyfrgell ar gau ffon 029 2087 2000');
    assert.equal(foldForSearch('Ŵyr ŷd Â'), 'wyr yd a');
  });

  it('splits hyphenated words and addresses into words', () => {
    assert.equal(searchTextOf('budd-dal resident1@example.com'), 'budd dal resident1 example com');
  });

  it('makes each emoji a word and ignores skin tones and joiners', () => {
    assert.equal(searchTextOf('Bins😡 again 👍🏽 🇬🇧'), 'bins emoji1f621 again emoji1f44d emoji1f1ec1f1e7');
  });

  it('gives each word the span of the original text it came from', () => {
    const text = 'Caerdydd, ffôn 😡!';
    const tokens = searchTokensOf(text);
    assert.deepEqual(tokens.map((t) => text.slice(t.start, t.end)), ['Caerdydd', 'ffôn', '😡']);
    assert.deepEqual(tokens.map((t) => t.word), ['caerdydd', 'ffon', 'emoji1f621']);
  });

  it('leaves out words longer than any real word', () => {
    assert.equal(searchTextOf(`a ${'x'.repeat(MAX_WORD_LENGTH + 1)} b`), 'a b');
  });

  it('only ever makes words of letters and digits, from any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        for (const token of searchTokensOf(text)) {
          assert.match(token.word, /^[\p{L}\p{N}]+$/u);
          assert.ok(token.start >= 0 && token.end <= text.length && token.start < token.end);
        }
      }),
    );
  });
});
