import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { type FeedServer, sampleFeed, sampleFeeds, startFeedServer } from '../../../../test/fakes/feed-server.js';
import type { FeedState } from './feed-state.js';
import type { FetchFeedOptions } from './fetch-feed.js';
import { pollFeed } from './poll-feed.js';

const NOW = new Date('2025-06-12T12:00:00.000Z');
const options: FetchFeedOptions = { intervalSeconds: 600, now: () => NOW, random: () => 0.5 };

describe('pollFeed', () => {
  let server: FeedServer;
  before(async () => {
    server = await startFeedServer();
  });
  after(() => server.close());

  it('reads each format into mentions, with the items it skipped', async () => {
    const expected = { rss: [4, 1], atom: [3, 1], json: [3, 2], rdf: [2, 0] } as const;
    for (const name of ['rss', 'atom', 'json', 'rdf'] as const) {
      server.route(`/${name}`, { kind: 'feed', body: sampleFeed(name), contentType: sampleFeeds[name].contentType, etag: `"${name}"` });
      const poll = await pollFeed(server.url(`/${name}`), null, options);
      assert.equal(poll.outcome, 'fetched', name);
      assert.deepEqual([poll.items.length, poll.skipped.length], expected[name], name);
      assert.ok(poll.items.every((m) => m.sourceKind === 'rss'));
      assert.equal(poll.state.etag, `"${name}"`);
    }
  });

  it('resolves relative links against the address the feed came from after redirects', async () => {
    server.route('/old/updates.json', { kind: 'redirect', location: '/benefits/updates.json', status: 301 });
    server.route('/benefits/updates.json', { kind: 'feed', body: sampleFeed('json'), contentType: 'application/feed+json' });
    const poll = await pollFeed(server.url('/old/updates.json'), null, options);
    assert.equal(poll.outcome === 'fetched' && poll.items[1]?.url, server.url('/benefits/updates/evidence-upload'));
  });

  it('passes "not modified" through', async () => {
    server.route('/same.rss', { kind: 'feed', body: sampleFeed('rss'), contentType: 'application/rss+xml', etag: '"same"' });
    const first = await pollFeed(server.url('/same.rss'), null, options);
    const second = await pollFeed(server.url('/same.rss'), first.state, options);
    assert.equal(second.outcome, 'not-modified');
  });

  it('fails a poll whose body is not a feed, shows why, backs off and does not keep the new validators', async () => {
    server.route('/page', { kind: 'feed', body: '<!DOCTYPE html><html><body>News</body></html>', contentType: 'text/html', etag: '"page"' });
    const previous: FeedState = { etag: '"feed"', lastModified: null, failures: 2, nextPollAt: NOW.toISOString(), lastError: 'earlier' };
    const poll = await pollFeed(server.url('/page'), previous, options);
    assert.equal(poll.outcome, 'failed');
    assert.deepEqual(poll.state, {
      etag: '"feed"',
      lastModified: null,
      failures: 3,
      nextPollAt: '2025-06-12T12:02:00.000Z',
      lastError: "It is a web page, not a feed: use the address of the page's RSS or Atom feed instead.",
    });
  });

  it('polls sources independently: one failing does not stop another', async () => {
    server.route('/broken.rss', { kind: 'status', status: 500 });
    server.route('/fine.atom', { kind: 'feed', body: sampleFeed('atom'), contentType: 'application/atom+xml' });
    const [broken, fine] = await Promise.all([
      pollFeed(server.url('/broken.rss'), null, options),
      pollFeed(server.url('/fine.atom'), null, options),
    ]);
    assert.equal(broken.outcome, 'failed');
    assert.equal(fine.outcome === 'fetched' && fine.items.length, 3);
  });
});
