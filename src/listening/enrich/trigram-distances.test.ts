import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { francAll } from 'franc-all';
import { ENGLISH_AND_WELSH_POSTS, OTHER_LANGUAGE_POSTS } from './language-fixtures.js';
import { trigramScorer } from './trigram-distances.js';

const CANDIDATES = ['eng', 'cym', 'fra', 'deu', 'pol', 'gle', 'gla', 'rus', 'ukr', 'arb', 'urd', 'pes', 'hin', 'pan', 'cmn', 'jpn', 'kor', 'heb', 'ell', 'tha'];
const score = trigramScorer(CANDIDATES);
const franc = (text: string) => francAll(text, { only: CANDIDATES, minLength: 1 });

describe('trigramScorer', () => {
  it('scores the language fixtures exactly as francAll does', () => {
    for (const { text } of [...ENGLISH_AND_WELSH_POSTS, ...OTHER_LANGUAGE_POSTS]) assert.deepEqual(score(text), franc(text), text);
  });

  it('scores any text exactly as francAll does: empty, digits only, mixed scripts, scripts with one language or none allowed', () => {
    for (const text of ['', ' ', '42', '!!!', 'a', 'ok', '日本語のテキスト', '한국어 텍스트', 'ภาษาไทย', 'ქართული', 'Ελληνικά κείμενο', 'Привіт, як справи?', 'abc абв', 'x'.repeat(3000)]) {
      assert.deepEqual(score(text), franc(text), text);
    }
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => assert.deepEqual(score(text), franc(text))));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => assert.deepEqual(score(text), franc(text))));
    const latin = fc.constantFrom(...'aeiou aeiou bcdfghlmnrstwy ÄäöüßñŵŷçÉ\'’.,!?-\n12'.split(''));
    fc.assert(fc.property(fc.string({ unit: latin, maxLength: 300 }), (text) => assert.deepEqual(score(text), franc(text))));
  });

  it('keeps the order of the models for languages at the same distance', () => {
    const scores = score('zzzz qqqq');
    assert.deepEqual(scores, franc('zzzz qqqq'));
    assert.ok(scores.length > 1);
  });

  it('only scores the candidates', () => {
    const languages = score('Bonjour, je voudrais renouveler mon passeport avant les vacances.').map(([language]) => language);
    assert.ok(languages.every((language) => CANDIDATES.includes(language)));
    assert.equal(languages[0], 'fra');
  });
});
