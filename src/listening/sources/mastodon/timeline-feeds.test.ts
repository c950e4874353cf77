import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { mastodonConfig } from '../source-config.js';
import { feedKeyOfStream, timelineFeeds } from './timeline-feeds.js';

describe('timeline feeds', () => {
  it('follows the local timeline and each hashtag, by REST and by stream', () => {
    const config = mastodonConfig.parse({ instanceUrl: 'https://social.example', timeline: 'local', hashtags: ['#NHS', 'bins', 'nhs'] });
    assert.deepEqual(timelineFeeds(config), [
      { key: 'local', path: '/api/v1/timelines/public', query: { local: 'true' }, stream: { stream: 'public:local' } },
      { key: 'tag:nhs', path: '/api/v1/timelines/tag/nhs', query: {}, stream: { stream: 'hashtag', tag: 'nhs' } },
      { key: 'tag:bins', path: '/api/v1/timelines/tag/bins', query: {}, stream: { stream: 'hashtag', tag: 'bins' } },
    ]);
    assert.deepEqual(timelineFeeds({ timeline: 'public', hashtags: [] }).map((f) => f.key), ['public']);
    assert.equal(timelineFeeds({ timeline: 'none', hashtags: ['cymraeg'] })[0]?.path, '/api/v1/timelines/tag/cymraeg');
  });

  it('knows which feed a streaming event belongs to', () => {
    assert.equal(feedKeyOfStream(['public']), 'public');
    assert.equal(feedKeyOfStream(['public:local']), 'local');
    assert.equal(feedKeyOfStream(['hashtag', 'NHS']), 'tag:nhs');
    assert.equal(feedKeyOfStream(['hashtag']), null);
    assert.equal(feedKeyOfStream(['user']), null);
    assert.equal(feedKeyOfStream([]), null);
  });
});
