import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import WebSocket from 'ws';
import { accountEvent, deleteEvent, identityEvent, likeEvent, postEvent } from '../../src/listening/sources/bluesky/jetstream-fixtures.js';
import { type FakeMessage, type JetstreamServer, startJetstreamServer } from './jetstream-server.js';

const did = 'did:plc:4uz2445cjiw7w4nobfgnu35f';
const stream: FakeMessage[] = [
  postEvent({ did, timeUs: 1_000, text: 'one' }),
  likeEvent(did, 'at://did:plc:x/app.bsky.feed.post/3k', 2_000),
  identityEvent(did, 'someone.bsky.social', 3_000),
  { time_us: 4_000, raw: '{"not json' },
  deleteEvent(did, 'r1', 5_000),
  accountEvent(did, 6_000, 'deleted'),
];

/** What a client receives: the messages, until `count` have come or the server ends the connection. */
function receive(url: string, count: number): Promise<{ messages: string[]; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const messages: string[] = [];
    socket.on('message', (data: Buffer) => {
      if (messages.length === count) return;
      messages.push(data.toString());
      if (messages.length === count) {
        socket.terminate();
        resolve({ messages, closedByServer: false });
      }
    });
    socket.on('close', () => resolve({ messages, closedByServer: true }));
    socket.on('error', reject);
  });
}

const timesOf = (messages: string[]) => messages.map((text) => (text.startsWith('{"not') ? 4_000 : Number(/"time_us":(\d+)/.exec(text)?.[1])));

describe('the fake Jetstream server', () => {
  const servers: JetstreamServer[] = [];
  const start = async (...args: Parameters<typeof startJetstreamServer>) => {
    const server = await startJetstreamServer(...args);
    servers.push(server);
    return server;
  };
  after(() => Promise.all(servers.map((server) => server.close())));

  it('sends events as JSON text in order, replays from the cursor and records the query strings', async () => {
    const server = await start({ events: stream });
    const all = await receive(server.url, 6);
    assert.deepEqual(timesOf(all.messages), [1_000, 2_000, 3_000, 4_000, 5_000, 6_000]);
    assert.deepEqual(JSON.parse(all.messages[0] ?? ''), stream[0]);
    const replay = await receive(`${server.url}?cursor=3000`, 4);
    assert.deepEqual(timesOf(replay.messages), [3_000, 4_000, 5_000, 6_000]);
    assert.deepEqual(server.queries, ['', 'cursor=3000']);
  });

  it('filters commits by wantedCollections (names or prefixes) and always sends identity and account events', async () => {
    const server = await start({ events: stream });
    const posts = await receive(`${server.url}?wantedCollections=app.bsky.feed.post`, 5);
    assert.deepEqual(timesOf(posts.messages), [1_000, 3_000, 4_000, 5_000, 6_000]);
    const likes = await receive(`${server.url}?wantedCollections=app.bsky.feed.like&wantedCollections=app.bsky.graph.*`, 4);
    assert.deepEqual(timesOf(likes.messages), [2_000, 3_000, 4_000, 6_000]);
  });

  it('drops a connection after N events, stalls another, and sends pushed events live', async () => {
    const server = await start({ events: stream, faults: [{ after: 2, then: 'drop' }, { after: 1, then: 'stall' }], pace: { events: 1, everyMs: 1 } });
    const dropped = await receive(server.url, 99);
    assert.deepEqual(timesOf(dropped.messages), [1_000, 2_000]);
    assert.equal(dropped.closedByServer, true);
    const stalled = new WebSocket(server.url);
    const got: string[] = [];
    stalled.on('message', (data: Buffer) => got.push(data.toString()));
    await new Promise((resolve) => stalled.once('open', resolve));
    const live = receive(server.url, 7);
    server.push(postEvent({ did, timeUs: 7_000, text: 'live' }));
    assert.deepEqual(timesOf((await live).messages), [1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000]);
    assert.deepEqual(timesOf(got), [1_000], 'the stalled connection got one event and nothing after it');
    stalled.terminate();
  });

  it('refuses connections with an HTTP status and Retry-After when told to, and unknown paths with 404', async () => {
    const server = await start({ events: stream });
    const statusOf = (url: string) => new Promise<{ status: number | undefined; retryAfter: string | string[] | undefined }>((resolve) => {
      const socket = new WebSocket(url);
      socket.on('unexpected-response', (_request, response) => {
        resolve({ status: response.statusCode, retryAfter: response.headers['retry-after'] });
        socket.terminate();
      });
      socket.on('error', () => undefined);
    });
    assert.deepEqual(await statusOf(server.url.replace('/subscribe', '/other')), { status: 404, retryAfter: undefined });
    server.refuse(429, '30');
    assert.deepEqual(await statusOf(server.url), { status: 429, retryAfter: '30' });
    server.refuse(null);
    assert.equal((await receive(server.url, 1)).messages.length, 1);
    assert.deepEqual(server.queries, ['', '', ''], 'refused attempts are recorded too');
  });
});
