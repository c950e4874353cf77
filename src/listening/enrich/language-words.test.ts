import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { LANGUAGES_OF_WORD, LATIN_LANGUAGES } from './language-words.js';

describe('common words', () => {
  it('tells which languages a word is common in, shared words in each', () => {
    assert.deepEqual(LANGUAGES_OF_WORD.get('mae'), ['cy']);
    assert.deepEqual(LANGUAGES_OF_WORD.get("'r"), ['cy']);
    assert.deepEqual(LANGUAGES_OF_WORD.get('the'), ['en']);
    assert.ok(LANGUAGES_OF_WORD.get('a')?.includes('en') && LANGUAGES_OF_WORD.get('a')?.includes('cy'));
    assert.equal(LANGUAGES_OF_WORD.get('bin'), undefined);
  });

  it('covers Welsh, English and the other Latin-script languages we identify', () => {
    for (const language of ['cy', 'en', 'fr', 'de', 'es', 'pt', 'it', 'pl', 'ro', 'ga', 'gd']) {
      assert.ok(LATIN_LANGUAGES.includes(language), language);
    }
  });
});
