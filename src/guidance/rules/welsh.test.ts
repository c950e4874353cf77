import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyseDraft } from './draft.js';
import type { DraftContext } from './rule.js';
import { welshRule } from './welsh.js';

const now = new Date('2025-06-02T10:00:00Z');
const toWelsh: DraftContext = { platform: 'mastodon', inReplyToLang: 'cy', now };

function check(text: string, context: DraftContext = toWelsh) {
  return welshRule.check(analyseDraft(text), context, welshRule.defaults);
}

describe('Welsh rule', () => {
  it('flags a reply in English alone to a mention in Welsh, as medium, over the whole text', () => {
    const text = '  Thanks for getting in touch. We will look into your claim and reply by Friday.\n';
    const finding = check(text)[0];
    assert.ok(finding);
    assert.equal(finding.severity, 'medium');
    assert.equal(finding.principle, 'welsh-language');
    assert.equal(text.slice(finding.start, finding.end), text.trim());
    assert.match(finding.suggestion ?? '', /Welsh/u);
  });

  it('understands the mention language written as a tag (cy-GB, CYM)', () => {
    assert.equal(check('Thanks, we will look into it today.', { ...toWelsh, inReplyToLang: 'cy-GB' }).length, 1);
    assert.equal(check('Thanks, we will look into it today.', { ...toWelsh, inReplyToLang: 'CYM' }).length, 1);
  });

  it('accepts a reply in Welsh, or in Welsh and English', () => {
    assert.deepEqual(check('Diolch am eich neges. Mae’r swyddfa ar gau heddiw.'), []);
    assert.deepEqual(check('Diolch am gysylltu. Byddwn yn edrych ar eich cais. Thanks for getting in touch, we will look into your claim.'), []);
  });

  it('does not count a one-word Welsh greeting as a reply in Welsh', () => {
    assert.equal(check('Diolch! We will look into it and reply by Friday.').length, 1);
  });

  it('says nothing when the mention was not in Welsh or its language is unknown, or the draft has no words', () => {
    assert.deepEqual(check('Thanks, we will look into it today.', { platform: 'mastodon', now }), []);
    assert.deepEqual(check('Thanks, we will look into it today.', { ...toWelsh, inReplyToLang: 'en' }), []);
    assert.deepEqual(check('👍 🙂'), []);
  });
});
