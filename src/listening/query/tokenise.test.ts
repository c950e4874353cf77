import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { readPost } from './post.js';
import { foldText, tokenise } from './tokenise.js';

describe('tokenise', () => {
  it('splits at every character that is not a letter or a digit', () => {
    assert.deepEqual(tokenise("Don't miss #UniversalCredit!"), ['don', 't', 'miss', 'universalcredit']);
    assert.deepEqual(tokenise('bins_collected@9am, e-mail'), ['bins', 'collected', '9am', 'e', 'mail']);
  });

  it('ignores case and diacritics, in Welsh as in English', () => {
    assert.deepEqual(tokenise('Cáerdydd CAERDYDD caerdydd'), ['caerdydd', 'caerdydd', 'caerdydd']);
    assert.deepEqual(tokenise("Mae'r ŵyl yn Nhŷ Ddewi heddiw"), ['mae', 'r', 'wyl', 'yn', 'nhy', 'ddewi', 'heddiw']);
    assert.deepEqual(tokenise('Cafe\u0301 naïve'), ['cafe', 'naive'], 'decomposed accents too');
  });

  it('treats emoji, flags and punctuation as separators', () => {
    assert.deepEqual(tokenise('bins🙂not collected🏴󠁧󠁢󠁷󠁬󠁳󠁿again…'), ['bins', 'not', 'collected', 'again']);
    assert.deepEqual(tokenise('🙂🙂'), []);
  });

  it('keeps letters and digits of every script', () => {
    assert.deepEqual(tokenise('Ελλάδα ΟΔΟΣ 東京 ١٢٣'), ['ελλαδα', 'οδοσ', '東京', '١٢٣']);
  });

  it('folds compatibility forms', () => {
    assert.equal(foldText('ﬁle ＣＯＵＮＣＩＬ'), 'file council');
  });
});

describe('readPost', () => {
  it('leaves link URLs out of the words and keeps their hosts', () => {
    const post = readPost({ id: '1', text: 'See https://www.GOV.uk/universal-credit. Then http://example.com)', links: ['https://nhs.uk/x'] });
    assert.deepEqual(post.tokens, ['see', 'then']);
    assert.deepEqual(post.hosts, ['nhs.uk', 'www.gov.uk', 'example.com']);
  });

  it('finds hashtags and mentions written in the text as well as those listed', () => {
    const post = readPost({ id: '1', text: 'Thanks @DWP and @nhs@mastodon.social. #NHS #Cymraeg me@example.com', hashtags: ['Bins'], mentions: ['@x'] });
    assert.deepEqual(post.hashtags, ['bins', 'nhs', 'cymraeg']);
    assert.deepEqual(post.mentions, ['x', 'dwp', 'nhs@mastodon.social']);
  });

  it('normalises author, language and source', () => {
    const post = readPost({ id: '1', text: '', author: '@DWP@Mastodon.Social', lang: 'cy-GB', source: ' Bluesky' });
    assert.deepEqual([post.author, post.lang, post.source], ['dwp@mastodon.social', 'cy', 'bluesky']);
  });
});
