import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { dedupeKeyOf, normaliseLink, normaliseTextForDedupe } from './dedupe-key.js';

describe('the de-duplication key', () => {
  it('ignores case, punctuation, accents and links in the text', () => {
    assert.equal(normaliseTextForDedupe('Library CLOSED today! https://council.example/news/1'), 'library closed today');
    assert.equal(
      dedupeKeyOf('Library closed today! https://council.example/news/1', ['https://council.example/news/1']),
      dedupeKeyOf('library closed today', ['http://www.council.example/news/1/?utm_source=mastodon#top']),
    );
  });

  it('tells different links and different texts apart', () => {
    const key = dedupeKeyOf('Library closed today', ['https://council.example/news/1']);
    assert.notEqual(key, dedupeKeyOf('Library closed today', ['https://council.example/news/2']));
    assert.notEqual(key, dedupeKeyOf('Library open today', ['https://council.example/news/1']));
  });

  it('keeps query parameters other than tracking', () => {
    assert.equal(normaliseLink('https://council.example/item?id=4&utm_medium=social'), 'council.example/item?id=4');
  });

  it('gives no key to a post without a link', () => {
    assert.equal(dedupeKeyOf('Bins not collected', []), null);
  });
});
