import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyseDraft } from './draft.js';
import { plainEnglishRule, readingAge, syllables } from './plain-english.js';
import type { DraftContext, Finding } from './rule.js';

const context: DraftContext = { platform: 'mastodon', now: new Date('2026-03-01T12:00:00Z') };

function findings(text: string, policy = plainEnglishRule.defaults): Finding[] {
  return plainEnglishRule.check(analyseDraft(text), context, policy);
}

function flagged(text: string): [string, string | undefined][] {
  return findings(text).map((finding) => [text.slice(finding.start, finding.end), finding.suggestion]);
}

const plainReply =
  'Hi Sam, thanks for letting us know. We have passed this to the bins team and they will check the round. You can report a missed bin online.';
const hardReply =
  'Applications for discretionary housing payments are considered individually, taking into consideration household circumstances, expenditure and the availability of alternative accommodation.';

describe('syllables', () => {
  it('counts everyday words about right', () => {
    const expected: [string, number][] = [
      ['the', 1], ['hoped', 1], ['takes', 1], ['make', 1], ['wanted', 2], ['boxes', 2], ['table', 2], ['payment', 2],
      ['credit', 2], ['national', 3], ['insurance', 3], ['application', 4], ['universal', 4], ['2026', 1],
    ];
    for (const [word, count] of expected) assert.equal(syllables(word), count, word);
  });

  it('does not count silent letters as syllables', () => {
    const expected: [string, number][] = [
      ['likely', 2], ['statement', 2], ['useless', 2], ['something', 2], ['timetable', 3], ['housework', 2],
      ['arrangements', 3], ['while', 1], ['files', 1], ['profile', 2], ['unique', 2], ['colleagues', 2], ['cafe', 2],
    ];
    for (const [word, count] of expected) assert.equal(syllables(word), count, word);
  });

  it('counts the syllables that a silent-e rule or a group of vowels would hide', () => {
    const expected: [string, number][] = [
      ['tables', 2], ['settled', 2], ['centre', 2], ['element', 3], ['going', 2], ['being', 2], ['radio', 3],
      ['videos', 3], ["isn't", 2], ["couldn't", 2], ["don't", 1], ['maybe', 2], ['café', 2],
    ];
    for (const [word, count] of expected) assert.equal(syllables(word), count, word);
  });

  it('gives every word at least one syllable', () => {
    fc.assert(fc.property(fc.string(), (word) => syllables(word) >= 1));
  });
});

describe('readingAge', () => {
  it('is the Flesch-Kincaid grade plus 5', () => {
    // 20 words in 2 sentences with 30 syllables: 0.39 × 10 + 11.8 × 1.5 − 15.59 = 6.01, plus 5.
    assert.ok(Math.abs(readingAge(20, 2, 30) - 11.01) < 1e-9);
  });
});

describe('plainEnglishRule', () => {
  it('flags a reading age above 9 as low, across the draft', () => {
    const result = findings(hardReply);
    const age = result.find((finding) => finding.message.includes('reading age'));
    assert.ok(age);
    assert.equal(age.severity, 'low');
    assert.equal(age.start, 0);
    assert.equal(age.end, hardReply.length);
  });

  it('leaves a short, plain reply alone', () => {
    assert.deepEqual(flagged(plainReply), []);
  });

  it('does not measure the reading age of very short drafts', () => {
    assert.deepEqual(flagged('Unfortunately, applications are considered individually.'), []);
  });

  it('flags sentences over 25 words', () => {
    const long = `${'We '.repeat(13)}and ${'you '.repeat(12)}will talk.`;
    const result = findings(`${long} Thanks.`).filter((finding) => finding.message.includes('words'));
    const [finding] = result;
    assert.ok(finding && result.length === 1);
    assert.equal(finding.start, 0);
    assert.equal(finding.end, long.length);
    assert.match(finding.message, /28 words/u);
  });

  it('flags words to avoid with the plain alternative', () => {
    assert.deepEqual(flagged('We utilise a form in order to commence the claim.'), [
      ['utilise', 'use'],
      ['in order to', 'to'],
      ['commence', 'start'],
    ]);
    assert.deepEqual(flagged('Going forward we will streamline this.'), [
      ['Going forward', 'from now on, or in future'],
      ['streamline', 'simplify, or make quicker'],
    ]);
  });

  it('flags "deliver", "drive" and "key" only in their abstract sense', () => {
    assert.deepEqual(
      flagged('We deliver services and drive change. These are key priorities.').map(([text]) => text),
      ['deliver', 'drive', 'key'],
    );
    const lookAlikes = [
      'We deliver leaflets to every house.',
      'Drive carefully on the A road.',
      'Leave the key with reception.',
      'Key Stage 2 results are out.',
      'Key workers can book a slot.',
      'Our fostering service supports foster carers.',
    ];
    for (const text of lookAlikes) assert.deepEqual(flagged(text), [], text);
  });

  it('finds the regular forms of a word on the list', () => {
    assert.deepEqual(flagged('We are disincentivising paper forms.'), [['disincentivising', 'discourage']]);
    assert.deepEqual(flagged('It was escalated and they will substantiate it.').map(([text]) => text), ['escalated', 'substantiate']);
    assert.deepEqual(flagged('We have utilised it.').map(([text]) => text), ['utilised']);
  });

  it('checks the words of short drafts against the list', () => {
    assert.deepEqual(flagged('Please note that, in accordance with the rules, forms received subsequent to the deadline are late.').map(([text]) => text), [
      'Please note',
      'in accordance with',
      'subsequent to',
    ]);
    assert.deepEqual(flagged('Applicants should be cognisant of this.').map(([text]) => text), ['cognisant']);
    assert.deepEqual(flagged("We're slimming down the forms.").map(([text]) => text), ['slimming down']);
  });

  it('does not measure Welsh with the English reading-age formula', () => {
    const welsh = "Mae'n ddrwg gennym glywed hyn. Anfonwch neges uniongyrchol atom gyda'ch enw a'ch cod post. Peidiwch â rhannu manylion personol yma.";
    assert.deepEqual(flagged(welsh), []);
    const longWelsh = 'Mae croeso i chi gysylltu â ni drwy neges uniongyrchol gyda manylion eich cais a byddwn yn ymateb cyn gynted ag y gallwn ni ar ôl gwirio popeth gyda’r tîm yn y swyddfa.';
    assert.deepEqual(flagged(longWelsh), []);
    assert.ok(findings(`${hardReply} Diolch yn fawr iawn am eich neges heddiw.`).some((finding) => finding.message.includes('reading age')));
  });

  it('reads an email address as one thing, not as the words of its parts', () => {
    const text = 'We replied to you by email to s.okafor84@example.co.uk last week. If you cannot find it, check your spam folder.';
    assert.deepEqual(flagged(text), []);
  });

  it('ignores words in hashtags, links and mentions', () => {
    assert.deepEqual(flagged('See #UtiliseLess and https://example.gov.uk/utilise from @commence'), []);
  });

  it('uses the list in the policy', () => {
    const policy = { ...plainEnglishRule.defaults, avoid: [{ terms: ['whereupon'], instead: 'then' }] };
    assert.deepEqual(
      findings('Whereupon we utilise it.', policy).map((finding) => finding.suggestion),
      ['then'],
    );
  });

  it('gives spans that lie in the text', () => {
    const piece = fc.constantFrom('utilise', 'in order to', 'key issues', 'We', 'consideration', 'the', '.', ' ', '\n', '#keyissues', 'https://a.gov.uk/x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join(' ');
        for (const finding of findings(text)) {
          assert.ok(finding.start >= 0 && finding.start < finding.end && finding.end <= text.length);
          if (finding.message.startsWith("'")) assert.ok(finding.message.includes(`'${text.slice(finding.start, finding.end)}'`));
        }
      }),
    );
  });
});
