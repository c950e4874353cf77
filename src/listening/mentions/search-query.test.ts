import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_TERMS, parseSearchText, toFts5Query } from './search-query.js';

const words = (input: string): string[][] => parseSearchText(input).map((term) => [...term.words]);

describe('the search box', () => {
  it('reads plain words and quoted phrases', () => {
    assert.deepEqual(words('bins "not collected" Caerdydd'), [['bins'], ['not', 'collected'], ['caerdydd']]);
  });

  it('treats a quote left open as a phrase to the end', () => {
    assert.deepEqual(words('library "open on sunday'), [['library'], ['open', 'on', 'sunday']]);
  });

  it('treats operators, brackets and stars as punctuation', () => {
    assert.deepEqual(words('bins AND (NOT council*) OR NEAR(x y) col:^z -w'), [
      ['bins'], ['and'], ['not'], ['council'], ['or'], ['near'], ['x'], ['y'], ['col'], ['z'], ['w'],
    ]);
  });

  it('finds nothing to search for in punctuation alone', () => {
    assert.deepEqual(words('"" *** ( ) : ^'), []);
    assert.deepEqual(words(''), []);
  });

  it('uses each term once and no more than the maximum', () => {
    assert.deepEqual(words('bins Bins BINS'), [['bins']]);
    assert.equal(parseSearchText(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')).length, MAX_TERMS);
  });

  it('makes an FTS5 query of quoted strings', () => {
    assert.equal(toFts5Query(parseSearchText('bins "heol y parc" 😡')), '"bins" AND "heol y parc" AND "emoji1f621"');
  });

  it('only ever gives terms of plain words, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (input) => {
        const terms = parseSearchText(input);
        assert.ok(terms.length <= MAX_TERMS);
        for (const term of terms) {
          assert.ok(term.words.length > 0);
          for (const word of term.words) assert.match(word, /^[\p{L}\p{N}]+$/u);
        }
        assert.match(toFts5Query(terms), /^("[\p{L}\p{N} ]+"( AND "[\p{L}\p{N} ]+")*)?$/u);
      }),
    );
  });
});
