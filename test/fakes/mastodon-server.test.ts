import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { startMastodonServer, waitUntil, type MastodonServer } from './mastodon-server.js';

async function getJson(server: MastodonServer, path: string, token?: string): Promise<{ status: number; body: unknown; link: string | null }> {
  const response = await fetch(`${server.origin}${path}`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json(), link: response.headers.get('link') };
}

function ids(body: unknown): string[] {
  assert.ok(Array.isArray(body));
  return body.map((status: unknown) => (status !== null && typeof status === 'object' && 'id' in status ? String(status.id) : ''));
}

/** Connects a WebSocket and collects its messages; resolves once open, or with the refusing status. */
function connect(url: string, headers: Record<string, string> = {}): Promise<{ socket: WebSocket; messages: unknown[] } | { refused: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    const messages: unknown[] = [];
    socket.on('message', (data) => { if (Buffer.isBuffer(data)) messages.push(JSON.parse(data.toString('utf8'))); });
    socket.on('unexpected-response', (request, response) => {
      request.destroy();
      resolve({ refused: response.statusCode ?? 0 });
    });
    socket.on('open', () => resolve({ socket, messages }));
    socket.on('error', reject);
  });
}

describe('fake Mastodon server', () => {
  let server: MastodonServer;
  before(async () => { server = await startMastodonServer(); });
  after(() => server.close());

  it('describes itself at /api/v2/instance, with its streaming URL', async () => {
    const { status, body } = await getJson(server, '/api/v2/instance');
    assert.equal(status, 200);
    assert.deepEqual(body !== null && typeof body === 'object' && 'configuration' in body ? body.configuration : null, {
      urls: { streaming: server.origin.replace('http', 'ws'), status: null, about: `${server.origin}/about`, privacy_policy: `${server.origin}/privacy-policy` },
      accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
      statuses: { max_characters: 500, max_media_attachments: 4, characters_reserved_per_url: 23 },
      media_attachments: { supported_mime_types: ['image/jpeg'], image_size_limit: 16_777_216 },
      polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2_629_746 },
      translation: { enabled: false },
    });
  });

  it('formats statuses as Mastodon does and serves them on the public, local and hashtag timelines, newest first', async () => {
    const local = server.post({ account: { username: 'eirlys' }, text: 'Bins late again #Bins @council@gov.example https://council.example/bins?a=1&b=2' });
    const remote = server.post({ account: { username: 'sam', domain: 'elsewhere.example', indexable: false }, text: 'Library <closed> #bins' });
    assert.equal(local.content,
      '<p>Bins late again <a href="' + server.origin + '/tags/bins" class="mention hashtag" rel="tag">#<span>Bins</span></a> ' +
      '<span class="h-card" translate="no"><a href="https://gov.example/@council" class="u-url mention">@<span>council</span></a></span> ' +
      '<a href="https://council.example/bins?a=1&amp;b=2" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://</span><span class="">council.example/bins?a=1&amp;b=2</span><span class="invisible"></span></a></p>');
    assert.deepEqual(local.tags, [{ name: 'bins', url: `${server.origin}/tags/bins` }]);
    assert.deepEqual(local.mentions, [{ id: '109000000000000000', username: 'council', url: 'https://gov.example/@council', acct: 'council@gov.example' }]);
    assert.equal(remote.uri, `https://elsewhere.example/users/sam/statuses/${String(remote.id)}`);
    assert.ok(String(remote.content).includes('Library &lt;closed&gt;'));
    assert.ok(remote.account !== null && typeof remote.account === 'object' && 'indexable' in remote.account && remote.account.indexable === false);

    assert.deepEqual(ids((await getJson(server, '/api/v1/timelines/public')).body), [String(remote.id), String(local.id)]);
    assert.deepEqual(ids((await getJson(server, '/api/v1/timelines/public?local=true')).body), [String(local.id)]);
    assert.deepEqual(ids((await getJson(server, '/api/v1/timelines/tag/BINS')).body), [String(remote.id), String(local.id)]);
    assert.equal((await getJson(server, '/api/v1/timelines/tag/nobodyusesthis')).status, 404);
  });

  it('pages by since_id, min_id and max_id, with Link headers', async () => {
    const posted = [1, 2, 3, 4, 5].map((n) => String(server.post({ account: { username: 'pager' }, text: `page test ${n} #paging` }).id));
    const newest = await getJson(server, '/api/v1/timelines/tag/paging?limit=2');
    assert.deepEqual(ids(newest.body), [posted[4], posted[3]]);
    assert.equal(newest.link, `<${server.origin}/api/v1/timelines/tag/paging?max_id=${posted[3]}>; rel="next", <${server.origin}/api/v1/timelines/tag/paging?min_id=${posted[4]}>; rel="prev"`);
    assert.deepEqual(ids((await getJson(server, `/api/v1/timelines/tag/paging?limit=2&min_id=${posted[0]}`)).body), [posted[2], posted[1]], 'min_id pages forward');
    assert.deepEqual(ids((await getJson(server, `/api/v1/timelines/tag/paging?limit=2&since_id=${posted[0]}`)).body), [posted[4], posted[3]], 'since_id gives the newest');
    assert.deepEqual(ids((await getJson(server, `/api/v1/timelines/tag/paging?max_id=${posted[1]}`)).body), [posted[0]]);
    const empty = await getJson(server, `/api/v1/timelines/tag/paging?min_id=${posted[4]}`);
    assert.deepEqual(empty.body, []);
    assert.equal(empty.link, null);
  });

  it('refuses a wrong token, and answers what it is told to fail with', async () => {
    assert.deepEqual(await getJson(server, '/api/v1/timelines/public', 'wrong'), { status: 401, body: { error: 'The access token is invalid' }, link: null });
    assert.equal((await getJson(server, '/api/v1/timelines/public', server.token)).status, 200);
    server.failNext('/api/v1/timelines', 429, { retryAfter: '30' });
    const response = await fetch(`${server.origin}/api/v1/timelines/public`);
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '30');
    assert.equal(response.headers.get('x-ratelimit-remaining'), '0');
    assert.equal((await getJson(server, '/api/v1/timelines/public')).status, 200, 'only the next request fails');
  });

  it('streams updates, edits and deletes to the subscriptions they match, over one WebSocket', async () => {
    const ws = `${server.origin.replace('http', 'ws')}/api/v1/streaming`;
    assert.deepEqual(await connect(ws), { refused: 401 }, 'Mastodon 4.2+ streams only to signed-in users');
    assert.deepEqual(await connect(ws, { authorization: 'Bearer wrong' }), { refused: 401 });
    const opened = await connect(`${ws}?stream=public:local`, { authorization: `Bearer ${server.token}` });
    assert.ok('socket' in opened);
    opened.socket.send(JSON.stringify({ type: 'subscribe', stream: 'hashtag', tag: 'Potholes' }));
    opened.socket.send(JSON.stringify({ type: 'subscribe', stream: 'nonsense' }));
    await waitUntil(() => server.subscriptions().length === 2, 'two subscriptions');
    const status = server.post({ account: { username: 'eirlys' }, text: 'Pothole on the high street #potholes' });
    server.post({ account: { username: 'sam', domain: 'elsewhere.example' }, text: 'Nothing to see' });
    const edited = server.edit(String(status.id), 'Pothole fixed #potholes');
    server.remove(String(status.id));
    await waitUntil(() => opened.messages.length === 7, 'seven messages');
    assert.deepEqual(opened.messages[0], { error: 'Unknown stream type', status: 400 });
    assert.deepEqual(opened.messages.slice(1), [
      { stream: ['public:local'], event: 'update', payload: JSON.stringify(status) },
      { stream: ['hashtag', 'potholes'], event: 'update', payload: JSON.stringify(status) },
      { stream: ['public:local'], event: 'status.update', payload: JSON.stringify(edited) },
      { stream: ['hashtag', 'potholes'], event: 'status.update', payload: JSON.stringify(edited) },
      { stream: ['public:local'], event: 'delete', payload: String(status.id) },
      { stream: ['hashtag', 'potholes'], event: 'delete', payload: String(status.id) },
    ]);
    assert.ok(typeof edited.edited_at === 'string');
    assert.equal(edited.created_at, status.created_at);

    const closed = new Promise((resolve) => opened.socket.once('close', resolve));
    server.dropStreams();
    await closed;
    server.setStreaming(503);
    assert.deepEqual(await connect(ws, { authorization: `Bearer ${server.token}` }), { refused: 503 });
    server.setStreaming('open');
  });

  it('can answer only the old v1 instance API, and leave its streaming URL out', async () => {
    const old = await startMastodonServer({ instanceApi: 'v1', streamingUrl: null });
    try {
      assert.equal((await getJson(old, '/api/v2/instance')).status, 404);
      const { body } = await getJson(old, '/api/v1/instance');
      assert.ok(body !== null && typeof body === 'object' && 'uri' in body && body.uri === 'social.example');
      assert.ok('urls' in body && JSON.stringify(body.urls) === '{}');
    } finally {
      await old.close();
    }
  });
});
