import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { countForBluesky, countForMastodon, countGraphemes } from './text-length.js';

const piece = fc.constantFrom('a', 'B', ' ', 'ŵ', 'ŷ', 'e\u0301', '😀', '👩‍👩‍👧', '🏴󠁧󠁢󠁷󠁬󠁳󠁿', '.', '\n', '#');
const words = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
const url = fc.stringMatching(/^[a-z0-9/_-]{1,80}$/).map((path) => `https://example.org/${path}`);
const host = fc.stringMatching(/^[a-z]{1,12}\.example$/);
const user = fc.stringMatching(/^[a-z0-9_]{1,15}$/);

describe('length counters (properties)', () => {
  it('Bluesky counts graphemes: never more than UTF-16 units, and additive over whole graphemes', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      assert.ok(countForBluesky(text) <= text.length);
      assert.equal(countForBluesky(text), countGraphemes(text));
    }));
  });

  it('Mastodon counts any link as 23, whatever its length', () => {
    fc.assert(fc.property(words, url, words, (before, link, after) => {
      const text = `${before} ${link} ${after.replace(/^[^ ]/, ' $&')}`;
      const placeholder = `${before} ${'x'.repeat(23)} ${after.replace(/^[^ ]/, ' $&')}`;
      assert.equal(countForMastodon(text), countGraphemes(placeholder));
    }));
  });

  it('Mastodon counts @user@domain as @user', () => {
    fc.assert(fc.property(words, user, host, (before, name, domain) => {
      assert.equal(countForMastodon(`${before} @${name}@${domain}`), countForMastodon(`${before} @${name}`));
    }));
  });

  it('Mastodon counts a text without links or mentions as its graphemes', () => {
    fc.assert(fc.property(words, (text) => {
      assert.equal(countForMastodon(text), countGraphemes(text));
    }));
  });
});
