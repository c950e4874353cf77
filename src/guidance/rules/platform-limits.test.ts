import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { countFor, lengthProblem, mastodonSpecialSpans } from '../../engagement/publishing/text-length.js';
import { analyseDraft } from './draft.js';
import { lengthUpperBound, maxCharactersFor, platformLimitsPolicy, platformLimitsRule, cutOutside } from './platform-limits.js';
import type { DraftContext, DraftPlatform } from './rule.js';

const now = new Date('2025-06-02T10:00:00Z');
const mastodon: DraftContext = { platform: 'mastodon', now };
const bluesky: DraftContext = { platform: 'bluesky', now };

function check(text: string, context: DraftContext, policy = platformLimitsRule.defaults) {
  return platformLimitsRule.check(analyseDraft(text), context, policy);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The plain definition: the start of the first grapheme whose prefix counts over the limit, or 0 when none does. */
function firstPastLimit(platform: DraftPlatform, text: string, max: number): number {
  for (const { index, segment } of graphemes.segment(text)) {
    const end = platform === 'mastodon' ? cutOutside(mastodonSpecialSpans(text), index + segment.length) : index + segment.length;
    if (countFor(platform, text.slice(0, end)) > max) return index;
  }
  return 0;
}

describe('platform limits rule', () => {
  it('blocks a Bluesky post over 300 graphemes, from the first one past the limit', () => {
    const text = `${'a'.repeat(299)}🏴󠁧󠁢󠁷󠁬󠁳󠁿bc`;
    const finding = check(text, bluesky)[0];
    assert.ok(finding);
    assert.equal(finding.severity, 'blocked');
    assert.equal(finding.principle, 'platform-rules');
    assert.equal(text.slice(finding.start, finding.end), 'bc');
    assert.match(finding.message, /300 characters or fewer on Bluesky: it is 302/u);
    assert.deepEqual(check(`${'a'.repeat(299)}🏴󠁧󠁢󠁷󠁬󠁳󠁿`, bluesky), []);
  });

  it('counts a Mastodon link as 23 characters, against the channel limit or 500', () => {
    const link = `https://www.gov.uk/${'x'.repeat(200)}`;
    const fits = `${'a'.repeat(476)} ${link}`;
    assert.equal(fits.length > 500, true);
    assert.deepEqual(check(fits, mastodon), []);
    const finding = check(`${fits}!`, mastodon)[0];
    assert.ok(finding);
    assert.equal(finding.start, fits.length);
    assert.equal(check('a'.repeat(120), { ...mastodon, maxCharacters: 100 })[0]?.start, 100);
  });

  it('never allows more than 300 on Bluesky, whatever the channel says', () => {
    assert.equal(maxCharactersFor('bluesky', 1000), 300);
    assert.equal(maxCharactersFor('bluesky', 200), 200);
    assert.equal(maxCharactersFor('mastodon', undefined), 500);
    assert.equal(maxCharactersFor('mastodon', 5000), 5000);
  });

  it('blocks more links than the policy allows, spanning the extra ones', () => {
    const text = 'See gov.uk/a, https://www.gov.uk/b and https://nhs.uk/c and gov.wales/d';
    const finding = check(text, mastodon)[0];
    assert.ok(finding);
    assert.equal(text.slice(finding.start, finding.end), 'https://nhs.uk/c and gov.wales/d');
    assert.match(finding.message, /at most 2 links: this one has 4/u);
    assert.deepEqual(check('See gov.uk/a and gov.uk/b.', mastodon), []);
    assert.equal(check('See gov.uk/a', mastodon, platformLimitsPolicy.parse({ maxLinks: 0 })).length, 1);
  });

  it('marks what is over the limit in the post as written, not in a half-written handle', () => {
    const text = '@sam@example.social🏴󠁧󠁢󠁷󠁬󠁳󠁿';
    const [finding] = check(text, { platform: 'mastodon', now, maxCharacters: 4 });
    assert.equal(finding?.start, text.indexOf('🏴󠁧󠁢󠁷󠁬󠁳󠁿'), 'Mastodon counts the handle as @sam: the flag is the fifth character');
    const spans = mastodonSpecialSpans('see @sam@example.social and https://gov.uk/x! now');
    assert.equal(cutOutside(spans, 8), 23);
    assert.equal(cutOutside(spans, 35), 44, 'a link ends before the stop that follows it');
    assert.equal(cutOutside(spans, 2), 2);
  });

  it('rejects a negative or fractional link limit', () => {
    assert.equal(platformLimitsPolicy.safeParse({ maxLinks: -1 }).success, false);
    assert.equal(platformLimitsPolicy.safeParse({ maxLinks: 1.5 }).success, false);
  });

  describe('counting only long drafts', () => {
    // Pieces that make the counts differ: emoji with ZWJ and skin tones, flags, tag sequences, combining marks,
    // links (23 on Mastodon however short) and remote handles.
    const piece = fc.oneof(
      fc.constantFrom('a', ' ', 'ŵ', 'e\u0301', '👩‍👩‍👧', '👍🏽', '🇬🇧', '🏴󠁧󠁢󠁷󠁬󠁳󠁿', '❤️', 'https://a.uk', 'http://x', '@sam@example.social', '.', '\n'),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    );
    const text = fc.array(piece, { maxLength: 120 }).map((pieces) => pieces.join(''));
    const platform = fc.constantFrom<DraftPlatform>('mastodon', 'bluesky');

    it('never puts the cheap bound below what the platform counts', () => {
      fc.assert(fc.property(platform, text, (name, sample) => lengthUpperBound(name, sample) >= countFor(name, sample)));
    });

    it('finds a post too long exactly when the full count does, and marks the same place', () => {
      fc.assert(
        fc.property(platform, text, fc.integer({ min: 1, max: 400 }), (name, sample, limit) => {
          fc.pre(sample.trim() !== '');
          const context: DraftContext = { platform: name, now, maxCharacters: limit };
          const [finding] = check(sample, context, platformLimitsPolicy.parse({ maxLinks: 100 }));
          const max = maxCharactersFor(name, limit);
          assert.equal(finding !== undefined, lengthProblem(sample, { platform: name, maxCharacters: max }) !== undefined);
          if (finding !== undefined) assert.equal(finding.start, firstPastLimit(name, sample, max));
        }),
        { numRuns: 400 },
      );
    });
  });
});
