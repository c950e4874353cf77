import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { countForBluesky, countForMastodon, lengthProblem, mastodonCountableText, trimUrl } from './text-length.js';

describe('countForMastodon', () => {
  it('counts every link as 23 characters and a remote mention as @user only', () => {
    const url = 'https://www.northmoor.gov.uk/services/bins-and-recycling/collection-days?area=north';
    assert.equal(countForMastodon(`See ${url}`), 4 + 23);
    assert.equal(countForMastodon('@clerk@elsewhere.example thanks'), '@clerk thanks'.length);
    assert.equal(countForMastodon('Mail clerk@northmoor.gov.uk'), 'Mail clerk@northmoor.gov.uk'.length, 'an email address is not a mention');
    assert.equal(mastodonCountableText('(see https://example.org/a_(b)).'), `(see ${'x'.repeat(23)}).`);
  });

  it('counts user-perceived characters, as Mastodon does', () => {
    assert.equal(countForMastodon('Dŵr 👩‍👩‍👧 🏴󠁧󠁢󠁷󠁬󠁳󠁿'), 7);
  });
});

describe('countForBluesky', () => {
  it('counts graphemes, not UTF-16 units or bytes', () => {
    assert.equal(countForBluesky('ŵ'), 1);
    assert.equal(countForBluesky('e\u0301'), 1);
    assert.equal(countForBluesky('👍🏽 ok'), 4);
    assert.equal(countForBluesky('https://a.example'), 17, 'links count in full on Bluesky');
  });
});

describe('lengthProblem', () => {
  it('names the limit and the count, or says nothing when the text fits', () => {
    assert.equal(lengthProblem('Diolch', { platform: 'bluesky', maxCharacters: 300 }), undefined);
    assert.equal(lengthProblem(' \n', { platform: 'mastodon', maxCharacters: 500 }), 'Enter the text to publish');
    assert.equal(lengthProblem('ŵ'.repeat(301), { platform: 'bluesky', maxCharacters: 300 }), 'The text must be 300 characters or fewer on Bluesky: it is 301');
    assert.equal(lengthProblem(`${'a'.repeat(470)} https://example.org/${'p'.repeat(100)}`, { platform: 'mastodon', maxCharacters: 500 }), undefined);
    assert.equal(lengthProblem('a'.repeat(501), { platform: 'mastodon', maxCharacters: 500 }), 'The text must be 500 characters or fewer on Mastodon: it is 501');
    assert.match(lengthProblem('👩‍👩‍👧‍👦'.repeat(200), { platform: 'bluesky', maxCharacters: 300 }) ?? '', /3000 bytes/);
  });

  it('keeps sentence punctuation out of links', () => {
    assert.equal(trimUrl('https://example.org/bins.'), 'https://example.org/bins');
    assert.equal(trimUrl('https://en.wikipedia.org/wiki/Bin_(container))'), 'https://en.wikipedia.org/wiki/Bin_(container)');
  });
});
