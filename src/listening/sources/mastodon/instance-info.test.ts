import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startMastodonServer } from '../../../../test/fakes/mastodon-server.js';
import { fetchInstanceInfo, streamingEndpoint } from './instance-info.js';
import { createMastodonClient } from './mastodon-client.js';

const signal = new AbortController().signal;

describe('instance configuration', () => {
  it('reads the domain, streaming URL and status length from /api/v2/instance', async () => {
    const server = await startMastodonServer({ domain: 'cymru.example' });
    try {
      const info = await fetchInstanceInfo(createMastodonClient({ instanceUrl: server.origin, token: undefined, signal, timeoutMs: 60_000, network: { allowPrivate: true } }));
      assert.deepEqual(info, { domain: 'cymru.example', streamingUrl: server.origin.replace('http', 'ws'), maxCharacters: 500 });
    } finally {
      await server.close();
    }
  });

  it('falls back to /api/v1/instance on older servers', async () => {
    const server = await startMastodonServer({ instanceApi: 'v1', streamingUrl: null });
    try {
      const info = await fetchInstanceInfo(createMastodonClient({ instanceUrl: server.origin, token: undefined, signal, timeoutMs: 60_000, network: { allowPrivate: true } }));
      assert.deepEqual(info, { domain: 'social.example', streamingUrl: null, maxCharacters: 500 });
      assert.deepEqual(server.requests.map((r) => [r.path, r.status]), [['/api/v2/instance', 404], ['/api/v1/instance', 200]]);
    } finally {
      await server.close();
    }
  });

  it('says so, naming the instance, when there is no Mastodon API', async () => {
    const server = await startMastodonServer();
    server.failNext('/api/v', 404, { times: 2 });
    try {
      const client = createMastodonClient({ instanceUrl: server.origin, token: undefined, signal, timeoutMs: 60_000, network: { allowPrivate: true } });
      await assert.rejects(fetchInstanceInfo(client), { message: `${client.host} has no Mastodon API (404 Not Found for /api/v2/instance and /api/v1/instance): check the instance’s address.` });
    } finally {
      await server.close();
    }
  });

  it('finds the WebSocket endpoint of the streaming API, never sending a token unencrypted from an https instance', () => {
    const info = { domain: 'social.example', maxCharacters: null };
    assert.equal(streamingEndpoint({ ...info, streamingUrl: 'wss://streaming.social.example' }, 'https://social.example'), 'wss://streaming.social.example/api/v1/streaming');
    assert.equal(streamingEndpoint({ ...info, streamingUrl: 'https://social.example/' }, 'https://social.example'), 'wss://social.example/api/v1/streaming');
    assert.equal(streamingEndpoint({ ...info, streamingUrl: null }, 'https://social.example/'), 'wss://social.example/api/v1/streaming');
    assert.equal(streamingEndpoint({ ...info, streamingUrl: null }, 'http://127.0.0.1:8080'), 'ws://127.0.0.1:8080/api/v1/streaming');
    assert.equal(streamingEndpoint({ ...info, streamingUrl: 'ws://social.example' }, 'https://social.example'), null);
    assert.equal(streamingEndpoint({ ...info, streamingUrl: 'ftp://social.example' }, 'https://social.example'), null);
    assert.equal(streamingEndpoint({ ...info, streamingUrl: 'not a url' }, 'https://social.example'), null);
  });
});
