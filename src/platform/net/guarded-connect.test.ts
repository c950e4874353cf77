import { strict as assert } from 'node:assert';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { WebSocket, WebSocketServer } from 'ws';
import { PUBLIC_INTERNET_ONLY } from './address-policy.js';
import { fetchConnectingVia, fetchWithin, privateAddressReason, publicOnlyLookupVia, socketOptionsWithin, type ResolveAll } from './guarded-connect.js';

function lookUp(resolve: ResolveAll, hostname: string, all: boolean): Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family: unknown }> {
  return new Promise((done) => {
    publicOnlyLookupVia(resolve)(hostname, { all }, (error, address, family) => done({ error, address, family }));
  });
}

const answering = (...addresses: string[]): ResolveAll => (_hostname, _options, callback) => {
  callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
};

describe('connections kept to the public internet', () => {
  let server: Server;
  let sockets: WebSocketServer;
  let connections = 0;
  let port = 0;
  before(async () => {
    server = createServer((request, response) => {
      if (request.url === '/feed' && request.headers['accept-encoding'] === 'gzip') response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip', etag: '"v1"' }).end(gzipSync('<rss version="2.0"><channel/></rss>'));
      else if (request.url === '/moved') response.writeHead(301, { location: '/feed' }).end();
      else response.end('inside');
    });
    server.on('connection', () => { connections += 1; });
    sockets = new WebSocketServer({ server });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    sockets.close();
    server.close();
    await once(server, 'close');
  });

  it('answers the addresses of a public name, one or all as asked', async () => {
    const resolve = answering('93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c');
    assert.deepEqual(await lookUp(resolve, 'www.example.com', false), { error: null, address: '93.184.215.14', family: 4 });
    const all = await lookUp(resolve, 'www.example.com', true);
    assert.equal(all.error, null);
    assert.deepEqual(all.address, [{ address: '93.184.215.14', family: 4 }, { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 }]);
  });

  it('refuses a name with any private address among its answers, naming the name, the address and the setting', async () => {
    for (const inside of ['127.0.0.1', '10.0.0.7', '169.254.169.254', '::1', '::ffff:192.168.1.1', 'fd00::1']) {
      const { error } = await lookUp(answering('93.184.215.14', inside), 'rebound.example', false);
      assert.equal(error?.name, 'PrivateAddressError', inside);
      assert.equal(error.message.startsWith(`rebound.example is on a private network (${inside})`), true, error.message);
      assert.match(error.message, /PARLEY_ALLOW_PRIVATE_SOURCES=true/);
    }
  });

  it('passes on the resolver’s own failure', async () => {
    const failing: ResolveAll = (hostname, _options, callback) => callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    const { error } = await lookUp(failing, 'nowhere.example', true);
    assert.equal(error?.code, 'ENOTFOUND');
  });

  it('does not connect when a name resolves inside at the moment of connecting, and says why', async () => {
    const before = connections;
    const refused = await fetchWithin(PUBLIC_INTERNET_ONLY)(`http://localhost:${port}/`, { headers: {}, redirect: 'manual', signal: AbortSignal.timeout(10_000) }).then(() => null, (error: unknown) => error);
    assert.match(privateAddressReason(refused) ?? '', /^localhost is on a private network \((127\.0\.0\.1|::1)\)/);
    assert.equal(connections, before, 'no connection was made');
  });

  it('connects inside when private networks are allowed', async () => {
    const response = await fetchWithin({ allowPrivate: true })(`http://localhost:${port}/`, { headers: {}, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    assert.equal(response.status, 200);
    await response.body?.cancel();
  });

  it('reads an answer through its own connections as fetch does: gzip undone, headers kept, redirects left to the caller', async () => {
    // The address this lookup gives is private, which the policy's lookup never allows: this only tests the fetch it is given to.
    const toThisServer: Parameters<typeof fetchConnectingVia>[0] = (_hostname, options, callback) => {
      if (options.all === true) callback(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
    };
    const get = fetchConnectingVia(toThisServer);
    const signal = AbortSignal.timeout(10_000);
    const feed = await get(`http://feeds.example:${port}/feed`, { headers: { 'accept-encoding': 'gzip' }, redirect: 'manual', signal });
    assert.equal(feed.status, 200);
    assert.equal(feed.headers.get('etag'), '"v1"');
    assert.equal(await new Response(feed.body).text(), '<rss version="2.0"><channel/></rss>');
    const moved = await get(`http://feeds.example:${port}/moved`, { headers: {}, redirect: 'manual', signal });
    assert.deepEqual([moved.status, moved.headers.get('location')], [301, '/feed']);
    await moved.body?.cancel();
  });

  it('keeps WebSocket connections to the same rule', async () => {
    const before = connections;
    const socket = new WebSocket(`ws://localhost:${port}/`, socketOptionsWithin(PUBLIC_INTERNET_ONLY));
    const error = await new Promise<Error>((resolve) => socket.once('error', resolve));
    assert.match(error.message, /^localhost is on a private network/);
    assert.equal(connections, before, 'no connection was made');
    const allowed = new WebSocket(`ws://localhost:${port}/`, socketOptionsWithin({ allowPrivate: true }));
    await once(allowed, 'open');
    allowed.close();
  });

  it('finds the reason in a failure’s causes, and nothing in other failures', () => {
    assert.equal(privateAddressReason(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') })), undefined);
    assert.equal(privateAddressReason('not an error'), undefined);
  });
});
