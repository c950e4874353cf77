import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { startMastodonServer, waitUntil, type MastodonServer } from '../../../../test/fakes/mastodon-server.js';
import { PUBLIC_INTERNET_ONLY } from '../../../platform/net/address-policy.js';
import { PrivateAddressError } from '../../../platform/net/guarded-connect.js';
import { openStreaming, StreamingRefused, type StreamingOptions } from './streaming-client.js';
import type { TimelineItem } from './status-delivery.js';

describe('streaming client', () => {
  let server: MastodonServer;
  let options: StreamingOptions;
  before(async () => {
    server = await startMastodonServer();
    options = {
      url: `${server.origin.replace('http', 'ws')}/api/v1/streaming`,
      token: server.token,
      subscriptions: [{ stream: 'public:local' }, { stream: 'hashtag', tag: 'nhs' }],
      signal: new AbortController().signal,
      network: { allowPrivate: true },
      connectTimeoutMs: 60_000,
      heartbeatMs: 60_000,
      bufferLimit: 100,
    };
  });
  after(() => server.close());

  it('subscribes to every stream on one connection and queues what they send, until the connection closes', async () => {
    const connection = await openStreaming(options);
    await waitUntil(() => server.subscriptions().length === 2, 'the subscriptions');
    const status = server.post({ account: { username: 'eirlys' }, text: 'GP appointments #NHS' });
    server.remove(String(status.id));
    server.sendRaw('garbage');
    const items: TimelineItem[] = [];
    const signal = new AbortController().signal;
    while (items.length < 5) items.push(...(await connection.items.take(10, signal)) ?? []);
    assert.deepEqual(items, [
      { kind: 'status', feed: 'local', status, edited: false },
      { kind: 'status', feed: 'tag:nhs', status, edited: false },
      { kind: 'delete', id: String(status.id) },
      { kind: 'delete', id: String(status.id) },
      { kind: 'malformed' },
    ]);
    server.dropStreams();
    assert.equal(await connection.items.take(10, signal), null, 'the queue ends with the connection');
  });

  it('is refused with the status the server answers', async () => {
    await assert.rejects(openStreaming({ ...options, token: undefined }), (error) => error instanceof StreamingRefused && error.status === 401);
    server.setStreaming(502);
    await assert.rejects(openStreaming(options), (error) => error instanceof StreamingRefused && error.status === 502 && /answered 502/.test(error.message));
    server.setStreaming('open');
  });

  it('cannot connect where nothing listens', async () => {
    const gone = await startMastodonServer();
    await gone.close();
    await assert.rejects(openStreaming({ ...options, url: `${gone.origin.replace('http', 'ws')}/api/v1/streaming` }), (error) => error instanceof StreamingRefused && error.status === null && /ECONNREFUSED/.test(error.message));
  });

  it('will not connect to a name that resolves inside when sources are kept to the public internet, and says so', async () => {
    const url = `${server.origin.replace('http', 'ws').replace('127.0.0.1', 'localhost')}/api/v1/streaming`;
    await assert.rejects(openStreaming({ ...options, url, network: PUBLIC_INTERNET_ONLY }), (error) => error instanceof PrivateAddressError && /^localhost is on a private network/.test(error.message));
  });

  it('drops the connection when it holds more than it may, and when the run stops', async () => {
    const controller = new AbortController();
    const connection = await openStreaming({ ...options, bufferLimit: 1, signal: controller.signal });
    await waitUntil(() => server.subscriptions().length === 2, 'the subscriptions');
    server.post({ account: { username: 'a' }, text: 'one' });
    server.post({ account: { username: 'a' }, text: 'two' });
    await waitUntil(() => server.subscriptions().length === 0, 'the connection to drop');
    assert.equal((await connection.items.take(10, controller.signal))?.length, 1);
    const next = await openStreaming({ ...options, signal: controller.signal });
    await waitUntil(() => server.subscriptions().length === 2, 'the subscriptions');
    controller.abort();
    await waitUntil(() => server.subscriptions().length === 0, 'the connection to close');
    assert.equal(await next.items.take(10, new AbortController().signal), null);
    await assert.rejects(openStreaming({ ...options, signal: controller.signal }), StreamingRefused);
  });

  it('drops a connection that stops answering pings', async () => {
    const connection = await openStreaming({ ...options, heartbeatMs: 20 });
    await waitUntil(() => server.subscriptions().length === 2, 'the subscriptions');
    server.pauseStreams();
    assert.equal(await connection.items.take(10, new AbortController().signal), null);
    server.resumeStreams();
  });
});
