import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { mentionInput } from '../mentions/mention-fixtures.js';
import { createMatcher } from '../query/index.js';
import { toMatchablePost } from './ingest-batch.js';

describe('toMatchablePost', () => {
  it('gives the matcher the mention’s text, author, language, source, links, hashtags and mentions', () => {
    const { mention } = mentionInput({ text: 'Bins missed again', authorHandle: '@someone@social.example', declaredLanguage: 'en-GB', links: ['https://council.example/bins'], hashtags: ['bins'], mentions: ['@council@social.example'] });
    assert.deepEqual(toMatchablePost('s1:item', mention), {
      id: 's1:item',
      text: 'Bins missed again',
      author: '@someone@social.example',
      lang: 'en-GB',
      source: 'mastodon',
      links: ['https://council.example/bins'],
      hashtags: ['bins'],
      mentions: ['@council@social.example'],
    });
  });

  it('leaves out the author and language a mention does not have, rather than giving them as undefined', () => {
    const post = toMatchablePost('s1:item', mentionInput({ text: 'Bins missed again', authorHandle: null, declaredLanguage: null }).mention);
    assert.equal('author' in post, false);
    assert.equal('lang' in post, false);
    const matcher = createMatcher();
    matcher.set('not-welsh', 'bins -lang:cy');
    assert.deepEqual(matcher.match(post), ['not-welsh']);
  });
});
