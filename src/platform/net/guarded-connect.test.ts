import { strict as assert } from 'node:assert';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { WebSocket, WebSocketServer } from 'ws';
import { PUBLIC_INTERNET_ONLY } from './address-policy.js';
import { fetchWithin, privateAddressReason, publicOnlyLookupVia, socketOptionsWithin, type ResolveAll } from './guarded-connect.js';

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
    server = createServer((_request, response) => response.end('inside'));
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
