import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { after, describe, it } from 'node:test';
import { type JetstreamServer, startJetstreamServer } from '../../../../test/fakes/jetstream-server.js';
import { type ConnectionOptions, JetstreamConnectError, type JetstreamConnection, openJetstream } from './jetstream-connection.js';
import { postEvent } from './jetstream-fixtures.js';

const did = 'did:plc:ewvi7nxzyoun6zhxrhs64oiz';
const events = Array.from({ length: 1000 }, (_, i) => postEvent({ did, timeUs: 1_000 + i, text: `post ${i}` }));
const options = (signal = new AbortController().signal): ConnectionOptions => ({ signal, network: { allowPrivate: true }, connectTimeoutMs: 2000, heartbeatMs: 30_000, highWaterMark: 10 });

async function readAll(connection: JetstreamConnection, max: number): Promise<string[]> {
  const all: string[] = [];
  for (let batch = await connection.read(max, 5); batch !== null; batch = await connection.read(max, 5)) {
    assert.ok(batch.length > 0 && batch.length <= max);
    all.push(...batch);
  }
  return all;
}

/** A server that completes the WebSocket handshake and then says nothing, not even a pong. */
async function silentServer(): Promise<{ url: string; close(): void }> {
  const server = createServer((socket) => {
    socket.once('data', (request) => {
      const key = /sec-websocket-key: *(\S+)/i.exec(request.toString())?.[1] ?? '';
      const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      socket.on('data', () => undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  return { url: `ws://127.0.0.1:${port}/subscribe`, close: () => server.close() };
}

describe('a Jetstream connection', () => {
  let server: JetstreamServer;
  after(() => server.close());

  it('hands over every message in order, in batches of at most the size asked, however many wait, then says why it closed', async () => {
    server = await startJetstreamServer({ events, faults: [{ after: 1000, then: 'drop' }] });
    const connection = await openJetstream(server.url, options());
    await new Promise((resolve) => setTimeout(resolve, 20));
    const all = await readAll(connection, 7);
    assert.deepEqual(all.map((text) => Number(/"time_us":(\d+)/.exec(text)?.[1])), events.map((event) => event.time_us));
    assert.match(connection.closeReason ?? '', /closed the connection \(1006\)/);
  });

  it('does not wait for a full batch once the first message has lingered', async () => {
    const few = await startJetstreamServer({ events: events.slice(0, 3) });
    const connection = await openJetstream(few.url, options());
    const got: string[] = [];
    while (got.length < 3) got.push(...((await connection.read(500, 10)) ?? []));
    assert.equal(got.length, 3);
    connection.close();
    await few.close();
  });

  it('gives up a connection that goes silent and does not answer pings', async () => {
    const silent = await silentServer();
    const connection = await openJetstream(silent.url, { ...options(), heartbeatMs: 30 });
    assert.equal(await connection.read(10, 5), null);
    assert.match(connection.closeReason ?? '', /No message from the server/);
    silent.close();
  });

  it('stops reading at once when its signal is aborted', async () => {
    const quiet = await startJetstreamServer();
    const controller = new AbortController();
    const connection = await openJetstream(quiet.url, options(controller.signal));
    const pending = connection.read(10, 5);
    controller.abort();
    assert.equal(await pending, null);
    assert.equal(await connection.read(10, 5), null);
    await quiet.close();
  });

  it('says why it could not connect, with the Retry-After of a refusal', async () => {
    const refusing = await startJetstreamServer();
    refusing.refuse(429, '30');
    await assert.rejects(openJetstream(refusing.url, options()), (error) => error instanceof JetstreamConnectError && /429/.test(error.message) && error.retryAfterSeconds === 30);
    await refusing.close();
    await assert.rejects(openJetstream(refusing.url, options()), (error) => error instanceof JetstreamConnectError && error.retryAfterSeconds === null && /ECONNREFUSED/.test(error.message));
  });
});
