import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { type FeedServer, sampleFeed, sampleFeeds, startFeedServer } from '../../../../test/fakes/feed-server.js';
import type { FeedState } from './feed-state.js';
import { type FeedFetch, type FetchFeedOptions, fetchFeed } from './fetch-feed.js';

const NOW = new Date('2025-06-12T12:00:00.000Z');
const options: FetchFeedOptions = { intervalSeconds: 900, now: () => NOW, random: () => 0.5 };
const RSS = sampleFeed('rss');
const LAST_MODIFIED = 'Tue, 10 Jun 2025 15:05:00 GMT';

function fetched(result: FeedFetch): Extract<FeedFetch, { outcome: 'fetched' }> {
  assert.equal(result.outcome, 'fetched', result.outcome === 'failed' ? result.error : result.outcome);
  return result;
}

function failed(result: FeedFetch): Extract<FeedFetch, { outcome: 'failed' }> {
  assert.equal(result.outcome, 'failed');
  return result;
}

const secondsAfterNow = (state: FeedState): number => (Date.parse(state.nextPollAt) - NOW.getTime()) / 1000;

describe('fetchFeed', () => {
  let server: FeedServer;
  before(async () => {
    server = await startFeedServer();
  });
  after(() => server.close());

  describe('conditional GET', () => {
    it('reads a feed, keeps its validators, and then sends them and takes 304 as "not modified"', async () => {
      server.route('/news.rss', { kind: 'feed', body: RSS, contentType: sampleFeeds.rss.contentType, etag: '"v1"', lastModified: LAST_MODIFIED });
      const first = fetched(await fetchFeed(server.url('/news.rss'), null, options));
      assert.equal(first.body, RSS);
      assert.equal(first.contentType, sampleFeeds.rss.contentType);
      assert.equal(first.url, server.url('/news.rss'));
      assert.deepEqual(first.state, { etag: '"v1"', lastModified: LAST_MODIFIED, failures: 0, nextPollAt: '2025-06-12T12:15:00.000Z', lastError: null });

      const second = await fetchFeed(server.url('/news.rss'), first.state, options);
      assert.deepEqual(second, { outcome: 'not-modified', state: first.state });
      const [request1, request2] = server.requests.filter((r) => r.path === '/news.rss');
      assert.equal(request1?.headers['if-none-match'], undefined);
      assert.equal(request2?.headers['if-none-match'], '"v1"');
      assert.equal(request2.headers['if-modified-since'], LAST_MODIFIED);
      assert.equal(request2.status, 304);
    });

    it('uses Last-Modified alone when the server sends no ETag', async () => {
      server.route('/lm.rss', { kind: 'feed', body: RSS, contentType: 'application/rss+xml', lastModified: LAST_MODIFIED });
      const first = fetched(await fetchFeed(server.url('/lm.rss'), null, options));
      assert.equal(first.state.etag, null);
      assert.equal((await fetchFeed(server.url('/lm.rss'), first.state, options)).outcome, 'not-modified');
    });

    it('reads the feed again, with its new ETag, when it has changed', async () => {
      server.route('/changing.rss', { kind: 'feed', body: RSS, contentType: 'application/rss+xml', etag: 'W/"v1"' });
      const first = fetched(await fetchFeed(server.url('/changing.rss'), null, options));
      server.route('/changing.rss', { kind: 'feed', body: sampleFeed('rdf'), contentType: 'application/rss+xml', etag: 'W/"v2"' });
      const second = fetched(await fetchFeed(server.url('/changing.rss'), first.state, options));
      assert.equal(second.state.etag, 'W/"v2"');
      assert.equal(second.body, sampleFeed('rdf'));
    });

    it('asks for feeds and gzip, and says who it is', async () => {
      server.route('/headers.rss', { kind: 'feed', body: RSS, contentType: 'application/rss+xml' });
      await fetchFeed(server.url('/headers.rss'), null, { ...options, userAgent: 'Parley test' });
      const request = server.requests.find((r) => r.path === '/headers.rss');
      assert.match(request?.headers.accept ?? '', /^application\/rss\+xml, application\/atom\+xml, application\/feed\+json/);
      assert.match(request?.headers['accept-encoding'] ?? '', /gzip/);
      assert.equal(request?.headers['user-agent'], 'Parley test');
    });
  });

  describe('failures and back-off', () => {
    it('honours Retry-After in seconds on 429, keeps the validators and counts the failure', async () => {
      server.route('/busy.rss', { kind: 'status', status: 429, retryAfter: '120' });
      const previous: FeedState = { etag: '"v1"', lastModified: LAST_MODIFIED, failures: 0, nextPollAt: NOW.toISOString(), lastError: null };
      const result = failed(await fetchFeed(server.url('/busy.rss'), previous, { ...options, random: () => 0 }));
      assert.equal(result.error, 'The server answered 429 Too Many Requests and asked Parley to wait 120 s.');
      assert.deepEqual(result.state, { etag: '"v1"', lastModified: LAST_MODIFIED, failures: 1, nextPollAt: '2025-06-12T12:02:00.000Z', lastError: result.error });
    });

    it('honours Retry-After as an HTTP-date on 503', async () => {
      server.route('/maintenance.rss', { kind: 'status', status: 503, retryAfter: 'Thu, 12 Jun 2025 13:00:00 GMT' });
      const result = failed(await fetchFeed(server.url('/maintenance.rss'), null, options));
      assert.equal(result.error, 'The server answered 503 Service Unavailable and asked Parley to wait 3600 s.');
      assert.equal(secondsAfterNow(result.state), 3600);
    });

    it('backs off further with each failure in a row and starts again after a success', async () => {
      server.route('/flaky.rss', {
        kind: 'sequence',
        routes: [
          { kind: 'status', status: 500 },
          { kind: 'status', status: 502 },
          { kind: 'feed', body: RSS, contentType: 'application/rss+xml' },
        ],
      });
      const first = failed(await fetchFeed(server.url('/flaky.rss'), null, options));
      assert.equal(first.error, 'The server answered 500 Internal Server Error.');
      assert.deepEqual([first.state.failures, secondsAfterNow(first.state)], [1, 30]);
      const second = failed(await fetchFeed(server.url('/flaky.rss'), first.state, options));
      assert.deepEqual([second.state.failures, secondsAfterNow(second.state), second.state.lastError], [2, 60, 'The server answered 502 Bad Gateway.']);
      const third = fetched(await fetchFeed(server.url('/flaky.rss'), second.state, options));
      assert.deepEqual([third.state.failures, third.state.lastError, secondsAfterNow(third.state)], [0, null, 900]);
    });

    it('names the status of a missing feed', async () => {
      assert.equal(failed(await fetchFeed(server.url('/nowhere.rss'), null, options)).error, 'The server answered 404 Not Found.');
    });

    it('says when nothing answers on the address', async () => {
      const gone = await startFeedServer();
      const url = gone.url('/feed.rss');
      await gone.close();
      assert.equal(failed(await fetchFeed(url, null, options)).error, 'Could not read the feed from its server (ECONNREFUSED).');
    });

    it('refuses an address that is not http or https', async () => {
      assert.equal(failed(await fetchFeed('file:///etc/passwd', null, options)).error, 'file:///etc/passwd is not an http or https address.');
    });
  });

  describe('redirects', () => {
    it('follows up to five redirects, relative ones too, and reports where the feed was', async () => {
      for (let i = 1; i <= 5; i++) server.route(`/r${i}`, { kind: 'redirect', location: i === 5 ? '/moved.rss' : `r${i + 1}`, status: i % 2 === 0 ? 301 : 307 });
      server.route('/moved.rss', { kind: 'feed', body: RSS, contentType: 'application/rss+xml' });
      const result = fetched(await fetchFeed(server.url('/r1'), null, options));
      assert.equal(result.url, server.url('/moved.rss'));
      assert.equal(server.requests.find((r) => r.path === '/moved.rss')?.headers['accept-encoding'], 'gzip');
    });

    it('stops after five', async () => {
      for (let i = 1; i <= 6; i++) server.route(`/long${i}`, { kind: 'redirect', location: i === 6 ? '/long-end.rss' : `/long${i + 1}` });
      server.route('/long-end.rss', { kind: 'feed', body: RSS, contentType: 'application/rss+xml' });
      const result = failed(await fetchFeed(server.url('/long1'), null, options));
      assert.match(result.error, /^The server redirected more than 5 times: .*\/long1 → .*\/long6 → …$/);
      assert.equal(server.requestCount('/long6'), 1);
      assert.equal(server.requestCount('/long-end.rss'), 0);
    });

    it('reports a loop', async () => {
      server.route('/ping', { kind: 'redirect', location: '/pong' });
      server.route('/pong', { kind: 'redirect', location: '/ping' });
      const result = failed(await fetchFeed(server.url('/ping'), null, options));
      assert.equal(result.error, `The redirects go round in a loop: ${server.url('/ping')} → ${server.url('/pong')} → ${server.url('/ping')}.`);
    });

    it('refuses a redirect to another scheme or without a Location', async () => {
      server.route('/to-ftp', { kind: 'redirect', location: 'ftp://example.org/feed' });
      assert.equal(failed(await fetchFeed(server.url('/to-ftp'), null, options)).error, 'The server redirected to ftp://example.org/feed, which is not an http or https address.');
      server.route('/no-location', { kind: 'status', status: 302 });
      assert.equal(failed(await fetchFeed(server.url('/no-location'), null, options)).error, 'The server answered 302 (a redirect) but named no Location.');
    });
  });

  describe('limits', () => {
    it('gives up after the timeout when no answer comes', async () => {
      server.route('/silent.rss', { kind: 'stall', afterHeaders: false });
      const result = failed(await fetchFeed(server.url('/silent.rss'), null, { ...options, timeoutMs: 200 }));
      assert.equal(result.error, 'No complete answer within 0.2 s.');
      assert.equal(result.state.failures, 1);
    });

    it('gives up after the timeout when the body never finishes', async () => {
      server.route('/slow.rss', { kind: 'stall', afterHeaders: true });
      assert.equal(failed(await fetchFeed(server.url('/slow.rss'), null, { ...options, timeoutMs: 200 })).error, 'No complete answer within 0.2 s.');
    });

    it('stops reading a body that never ends at the size limit', async () => {
      server.route('/endless.rss', { kind: 'endless' });
      const result = failed(await fetchFeed(server.url('/endless.rss'), null, { ...options, maxBytes: 256 * 1024 }));
      assert.equal(result.error, 'The feed is larger than 256 KB, the most Parley reads.');
    });

    it('refuses a body whose declared length passes the limit', async () => {
      server.route('/big.rss', { kind: 'feed', body: RSS, contentType: 'application/rss+xml' });
      assert.equal(failed(await fetchFeed(server.url('/big.rss'), null, { ...options, maxBytes: 1024 })).error, 'The feed is larger than 1 KB, the most Parley reads.');
    });
  });

  describe('gzip', () => {
    it('reads a gzipped feed', async () => {
      server.route('/gzip.atom', { kind: 'feed', body: sampleFeed('atom'), contentType: 'application/atom+xml', gzip: true });
      const result = fetched(await fetchFeed(server.url('/gzip.atom'), null, options));
      assert.equal(result.body, sampleFeed('atom'));
      assert.equal(server.requests.find((r) => r.path === '/gzip.atom')?.gzipped, true);
    });

    it('counts the unpacked size against the limit (a gzip bomb)', async () => {
      server.route('/bomb.rss', { kind: 'feed', body: ' '.repeat(4 * 1024 * 1024), contentType: 'application/rss+xml', gzip: true });
      const result = failed(await fetchFeed(server.url('/bomb.rss'), null, { ...options, maxBytes: 1024 * 1024 }));
      assert.equal(result.error, 'The feed is larger than 1 MB, the most Parley reads.');
    });
  });
});
