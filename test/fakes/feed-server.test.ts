import { strict as assert } from 'node:assert';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { type FeedServer, sampleFeed, startFeedServer } from './feed-server.js';

describe('the fake feed server', () => {
  let server: FeedServer;
  before(async () => {
    server = await startFeedServer();
    server.route('/feed', { kind: 'feed', body: sampleFeed('rss'), contentType: 'application/rss+xml', etag: '"a"', lastModified: 'Tue, 10 Jun 2025 15:05:00 GMT', gzip: true });
  });
  after(() => server.close());

  const get = (headers: Record<string, string>): Promise<Response> => fetch(server.url('/feed'), { headers });

  it('answers 304 when any of the If-None-Match tags matches, weakly', async () => {
    assert.equal((await get({ 'if-none-match': 'W/"b", W/"a"' })).status, 304);
    assert.equal((await get({ 'if-none-match': '*' })).status, 304);
    assert.equal((await get({ 'if-none-match': '"b"' })).status, 200);
  });

  it('lets If-None-Match win over If-Modified-Since, and compares dates otherwise', async () => {
    assert.equal((await get({ 'if-none-match': '"b"', 'if-modified-since': 'Wed, 11 Jun 2025 00:00:00 GMT' })).status, 200);
    assert.equal((await get({ 'if-modified-since': 'Wed, 11 Jun 2025 00:00:00 GMT' })).status, 304);
    assert.equal((await get({ 'if-modified-since': 'Mon, 09 Jun 2025 00:00:00 GMT' })).status, 200);
  });

  it('sends gzip only to a client that asks for it', async () => {
    const raw = await new Promise<Buffer>((resolve, reject) => {
      request(server.url('/feed'), { headers: { 'accept-encoding': 'gzip' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks)));
      }).on('error', reject).end();
    });
    assert.equal(gunzipSync(raw).toString(), sampleFeed('rss'));
    const plain = await get({ 'accept-encoding': 'identity' });
    assert.equal(plain.headers.get('content-encoding'), null);
  });

  it('counts the requests it got, path by path, and records what it answered', async () => {
    server.route('/counted', { kind: 'status', status: 500 });
    for (let i = 0; i < 3; i++) await (await fetch(server.url('/counted'))).text();
    assert.equal(server.requestCount('/counted'), 3);
    assert.deepEqual(server.requests.filter((r) => r.path === '/counted').map((r) => r.status), [500, 500, 500]);
    assert.equal(server.requestCount('/never'), 0);
  });
});
