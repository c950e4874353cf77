import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { looksLikeName, wordsOf } from './words.js';

describe('wordsOf', () => {
  it('keeps words as written, apostrophes inside them straightened', () => {
    assert.deepEqual(wordsOf('Mae’r bin wedi’i gasglu, diolch!'), ["Mae'r", 'bin', "wedi'i", 'gasglu', 'diolch']);
    assert.deepEqual(wordsOf("Can't log in"), ["Can't", 'log', 'in']);
  });

  it('drops links, email addresses, handles, digits and emoji, and keeps the word of a hashtag', () => {
    const text =
      '@council @ann@mastodon.social see https://example.org/a www.example.org/b jo@example.com 07700 🎉 #biniau';
    assert.deepEqual(wordsOf(text), ['see', 'biniau']);
  });

  it('keeps letters of other scripts with their marks', () => {
    assert.deepEqual(wordsOf('ਬਹੁਤ ਧੰਨਵਾਦ'), ['ਬਹੁਤ', 'ਧੰਨਵਾਦ']);
  });
});

describe('looksLikeName', () => {
  it('takes capitalised words past the first for names', () => {
    assert.equal(looksLikeName('Pontypridd', 3), true);
    assert.equal(looksLikeName('DWP', 1), true);
    assert.equal(looksLikeName('Bins', 0), false);
    assert.equal(looksLikeName('I', 2), false);
    assert.equal(looksLikeName('missed', 2), false);
  });
});
