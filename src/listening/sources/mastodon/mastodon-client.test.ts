import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startMastodonServer, type MastodonServer } from '../../../../test/fakes/mastodon-server.js';
import { createMastodonClient, MastodonRequestError, waitAskedFor, type MastodonClient } from './mastodon-client.js';

function client(instanceUrl: string, token?: string): MastodonClient {
  return createMastodonClient({ instanceUrl, token, signal: new AbortController().signal, timeoutMs: 60_000, network: { allowPrivate: true } });
}

async function failure(promise: Promise<unknown>): Promise<MastodonRequestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MastodonRequestError) return error;
    throw error;
  }
  throw new Error('expected a MastodonRequestError');
}

describe('Mastodon REST client', () => {
  let server: MastodonServer;
  before(async () => { server = await startMastodonServer(); });
  after(() => server.close());

  it('GETs JSON with the bearer token and gives the Link header', async () => {
    server.post({ account: { username: 'eirlys' }, text: 'Hello #croeso' });
    const answer = await client(server.origin, server.token).get('/api/v1/timelines/tag/croeso', { limit: '1' });
    assert.ok(Array.isArray(answer.body) && answer.body.length === 1);
    assert.match(answer.link ?? '', /rel="prev"/);
    assert.equal(server.requests.at(-1)?.authorization, `Bearer ${server.token}`);
    assert.equal(server.requests.at(-1)?.query.get('limit'), '1');
  });

  it('says in plain words that a token is refused, or needed', async () => {
    const refused = await failure(client(server.origin, 'wrong').get('/api/v1/timelines/public'));
    assert.equal(refused.status, 401);
    assert.equal(refused.message, `${new URL(server.origin).host} answered 401 Unauthorized: “The access token is invalid”. It does not accept the source’s access token: replace it.`);
    const strict = await startMastodonServer({ timelinesNeedToken: true });
    try {
      const needed = await failure(client(strict.origin).get('/api/v1/timelines/public'));
      assert.match(needed.message, /lets only signed-in apps read it: add an access token to the source\.$/);
    } finally {
      await strict.close();
    }
  });

  it('honours Retry-After, else X-RateLimit-Reset, on a 429', async () => {
    server.failNext('/api/v1/timelines', 429, { retryAfter: '120' });
    const limited = await failure(client(server.origin).get('/api/v1/timelines/public'));
    assert.equal(limited.retryAfterSeconds, 120);
    assert.match(limited.message, /429 Too Many Requests: “Too many requests”: it is limiting how often Parley may ask, and asked it to wait 120 s\.$/);
    server.failNext('/api/v1/timelines', 429);
    const reset = await failure(client(server.origin).get('/api/v1/timelines/public'));
    assert.ok(reset.retryAfterSeconds !== null && reset.retryAfterSeconds > 250 && reset.retryAfterSeconds <= 300);
    const now = new Date('2026-11-20T10:00:00Z');
    assert.equal(waitAskedFor(new Response(null, { status: 503, headers: { 'retry-after': '7' } }), now), 7);
    assert.equal(waitAskedFor(new Response(null, { status: 503, headers: { 'x-ratelimit-reset': '2026-11-20T10:01:00Z' } }), now), null, 'the reset time is only a wait on a 429');
  });

  it('names the instance when it cannot be reached', async () => {
    const closed = await startMastodonServer();
    await closed.close();
    const unreachable = await failure(client(closed.origin).get('/api/v2/instance'));
    assert.equal(unreachable.status, null);
    assert.match(unreachable.message, /^Could not reach the Mastodon instance 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\.$/);
  });

  it('follows no redirect, and rejects an answer that is not JSON', async () => {
    const odd = createServer((request, response) => {
      if (request.url === '/moved') response.writeHead(301, { location: 'https://elsewhere.example/' }).end();
      else response.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>');
    });
    await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
    const address = odd.address();
    assert.ok(address !== null && typeof address === 'object');
    try {
      const base = `http://127.0.0.1:${address.port}`;
      assert.match((await failure(client(base, 'secret').get('/moved'))).message, /redirected \/moved to https:\/\/elsewhere\.example\/: use the instance’s own address/);
      assert.match((await failure(client(base).get('/page'))).message, /answered \/page with something that is not JSON/);
    } finally {
      odd.closeAllConnections();
      await new Promise((resolve) => odd.close(resolve));
    }
  });

  it('passes an abort through untouched', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopping'));
    const stopped = createMastodonClient({ instanceUrl: server.origin, token: undefined, signal: controller.signal, timeoutMs: 60_000, network: { allowPrivate: true } });
    await assert.rejects(stopped.get('/api/v2/instance'), (error) => !(error instanceof MastodonRequestError));
  });
});
