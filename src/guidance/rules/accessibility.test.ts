import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { accessibilityRule, splitHashtag } from './accessibility.js';
import { analyseDraft } from './draft.js';
import type { DraftContext, Finding } from './rule.js';
import { isKnownWord } from './vocabulary.js';

const context: DraftContext = { platform: 'bluesky', now: new Date('2026-03-01T12:00:00Z') };

function findings(text: string, policy = accessibilityRule.defaults): Finding[] {
  return accessibilityRule.check(analyseDraft(text), context, policy);
}

function flagged(text: string): [string, string | undefined][] {
  return findings(text).map((finding) => [text.slice(finding.start, finding.end), finding.suggestion]);
}

describe('splitHashtag', () => {
  const known = (word: string): boolean => isKnownWord(word);

  it('splits joined words into the fewest known words', () => {
    assert.deepEqual(splitHashtag('universalcredit', known), ['universal', 'credit']);
    assert.deepEqual(splitHashtag('costofliving', known), ['cost', 'of', 'living']);
    assert.deepEqual(splitHashtag('flytipping', known), ['fly', 'tipping']);
    assert.deepEqual(splitHashtag('notice', (word) => ['not', 'ice', 'notice'].includes(word)), ['notice']);
  });

  it('gives up on what it cannot split', () => {
    assert.equal(splitHashtag('xqzv', known), undefined);
  });

  it('splits into pieces that join back into the input', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('bin', 'day', 'green', 'waste', 'council', 'tax', '2026'), { minLength: 1, maxLength: 5 }), (words) => {
        const parts = splitHashtag(words.join(''), known);
        assert.ok(parts);
        assert.equal(parts.join(''), words.join(''));
        assert.ok(parts.length <= words.length);
      }),
    );
  });
});

describe('accessibilityRule', () => {
  it('flags hashtags of joined words without capitals, with the CamelCase form', () => {
    assert.deepEqual(flagged('Apply now #universalcredit'), [['#universalcredit', '#UniversalCredit']]);
    assert.deepEqual(flagged('#Costofliving help'), [['#Costofliving', '#CostOfLiving']]);
    assert.deepEqual(flagged('Report it #flytipping'), [['#flytipping', '#FlyTipping']]);
    const [finding] = findings('#mentalhealth');
    assert.ok(finding);
    assert.equal(finding.severity, 'low');
    assert.equal(finding.principle, 'accessibility');
  });

  it('uses the draft’s own words to split hashtags', () => {
    assert.deepEqual(flagged('Llanelli library is open #llanellilibrary'), [['#llanellilibrary', '#LlanelliLibrary']]);
  });

  it('leaves single words, acronyms and CamelCase hashtags alone', () => {
    for (const text of ['#nhs', '#NHS', '#Budget', '#UniversalCredit', '#GOVUK', '#xqzvw', '#covid19', '#notice', '#update', '#newsletter']) {
      assert.deepEqual(flagged(`News ${text}`), [], text);
    }
  });

  it('flags runs of three or more emoji', () => {
    assert.deepEqual(flagged('Open today 🎉🎉🎉'), [['🎉🎉🎉', 'Keep one emoji, or none.']]);
    assert.deepEqual(flagged('Well done 👏🏽 👏🏽 👏🏽 all'), [['👏🏽 👏🏽 👏🏽', 'Keep one emoji, or none.']]);
    assert.deepEqual(flagged('Flags 🏴󠁧󠁢󠁷󠁬󠁳󠁿'), []);
    assert.deepEqual(flagged('Open today 🎉🎉'), []);
  });

  it('leaves a single emoji alone, even between words', () => {
    assert.deepEqual(flagged('We ❤️ our parks'), []);
    assert.deepEqual(flagged('Thanks for the photo of the park 🌳 It looks great.'), []);
    assert.deepEqual(flagged('A dog show 🐶, a magic show 🎩 and cake 🍰.'), []);
    assert.deepEqual(flagged('© Crown copyright and ® marks'), []);
  });

  it('flags a link with no words around it', () => {
    assert.deepEqual(flagged('https://www.gov.uk/pension-credit').map(([text]) => text), ['https://www.gov.uk/pension-credit']);
    assert.deepEqual(flagged('@sam https://www.gov.uk/pension-credit').map(([text]) => text), ['https://www.gov.uk/pension-credit']);
  });

  it('flags "click here" and similar before a link', () => {
    assert.deepEqual(flagged('To apply, click here: https://www.gov.uk/apply').map(([text]) => text), ['click here']);
    assert.deepEqual(flagged('Use this link https://www.gov.uk/x to book.').map(([text]) => text), ['this link']);
    assert.deepEqual(flagged('Hello. Click the link for more: https://www.gov.uk/x').map(([text]) => text), ['Click the link']);
    assert.deepEqual(flagged('Thanks. Read more:\nhttps://www.gov.uk/x').map(([text]) => text), ['Read more']);
  });

  it('flags "here" when nothing else in its sentence says what the link is for', () => {
    assert.deepEqual(flagged('More information here https://www.gov.uk/x').map(([text]) => text), ['here']);
    assert.deepEqual(flagged('Hello. The answer is here: https://www.gov.uk/x').map(([text]) => text), ['here']);
    assert.deepEqual(flagged('Thanks. You can find out more here: https://www.gov.uk/x').map(([text]) => text), ['here']);
  });

  it('leaves "here" alone when its sentence says what the link is for', () => {
    const described = [
      'Report it here: https://www.gov.uk/report-pothole',
      'Sign in here: https://www.gov.uk/personal-tax-account',
      'Apply here: https://example.gov.uk/school-transport',
      'You can find out more about the steps here: https://www.gov.uk/pip/how-to-claim',
      'There is a good guide from a charity. You can read it here: https://www.gov.uk/guide',
    ];
    for (const text of described) assert.deepEqual(flagged(text), [], text);
  });

  it('leaves described links alone', () => {
    assert.deepEqual(flagged('Check if you can get Pension Credit: https://www.gov.uk/pension-credit'), []);
    assert.deepEqual(flagged('We are here to help. Book at https://example.gov.uk/book'), []);
    assert.deepEqual(flagged('Click here on your phone to see the map.'), []);
    assert.deepEqual(flagged('The full list of bin days is on our shortened link: https://example.gov.uk/b'), []);
    assert.deepEqual(flagged('Click here for the map. Bin days: https://example.gov.uk/b'), []);
  });

  it('gives spans that lie in the text', () => {
    const piece = fc.constantFrom('#universalcredit', '#NHS', '🎉', '❤️', 'we', 'click here', 'https://a.gov.uk/x', ' ', '\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join(' ');
        for (const finding of findings(text)) {
          assert.ok(finding.start >= 0 && finding.start < finding.end && finding.end <= text.length);
        }
      }),
    );
  });
});
