import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { startBlueskyPds, type BlueskyPds } from './bluesky-pds.js';

async function xrpc(pds: BlueskyPds, nsid: string, options: { token?: string; json?: unknown; query?: Record<string, string> } = {}) {
  const url = new URL(`/xrpc/${nsid}`, pds.origin);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = options.token === undefined ? {} : { authorization: `Bearer ${options.token}` };
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method: options.json === undefined ? 'GET' : 'POST', headers, body: options.json === undefined ? undefined : JSON.stringify(options.json) });
  const body: unknown = await response.json();
  return { status: response.status, body, headers: response.headers };
}

function text(body: unknown, name: string): string {
  const value: unknown = body !== null && typeof body === 'object' ? Reflect.get(body, name) : undefined;
  return typeof value === 'string' ? value : '';
}

const post = (text: string, extra: Record<string, unknown> = {}) => ({ $type: 'app.bsky.feed.post', text, createdAt: '2026-11-20T10:00:00.000Z', ...extra });

describe('fake Bluesky PDS', () => {
  let pds: BlueskyPds;
  before(async () => { pds = await startBlueskyPds({ handles: { 'resident.bsky.social': 'did:plc:resident' } }); });
  after(() => pds.close());

  const signIn = async () => {
    const session = await xrpc(pds, 'com.atproto.server.createSession', { json: { identifier: pds.handle, password: pds.appPassword } });
    assert.equal(session.status, 200);
    return { access: text(session.body, 'accessJwt'), refresh: text(session.body, 'refreshJwt') };
  };

  it('signs in with the app password only, and refreshes a session once per refresh token', async () => {
    const wrong = await xrpc(pds, 'com.atproto.server.createSession', { json: { identifier: pds.handle, password: 'nope' } });
    assert.deepEqual([wrong.status, wrong.body], [401, { error: 'AuthenticationRequired', message: 'Invalid identifier or password' }]);
    const { access, refresh } = await signIn();
    assert.equal((await xrpc(pds, 'com.atproto.server.getSession', { token: access })).status, 200);
    pds.expireAccessTokens();
    assert.deepEqual((await xrpc(pds, 'com.atproto.server.getSession', { token: access })).body, { error: 'ExpiredToken', message: 'Token has expired' });
    const refreshed = await xrpc(pds, 'com.atproto.server.refreshSession', { token: refresh, json: {} });
    assert.equal(refreshed.status, 200);
    assert.equal((await xrpc(pds, 'com.atproto.server.getSession', { token: text(refreshed.body, 'accessJwt') })).status, 200);
    const reused = await xrpc(pds, 'com.atproto.server.refreshSession', { token: refresh, json: {} });
    assert.deepEqual([reused.status, reused.body], [400, { error: 'ExpiredToken', message: 'Token has been revoked' }]);
    assert.equal(reused.headers.get('ratelimit-policy'), '3000;w=300');
  });

  it('creates posts under a TID record key, refuses a taken key as the reference PDS does (500), and reads them back', async () => {
    const { access } = await signIn();
    const created = await xrpc(pds, 'com.atproto.repo.createRecord', { token: access, json: { repo: pds.did, collection: 'app.bsky.feed.post', rkey: '3lbcdefghij22', record: post('Helo ŵ') } });
    assert.equal(created.status, 200);
    assert.equal(text(created.body, 'uri'), `at://${pds.did}/app.bsky.feed.post/3lbcdefghij22`);
    const again = await xrpc(pds, 'com.atproto.repo.createRecord', { token: access, json: { repo: pds.did, collection: 'app.bsky.feed.post', rkey: '3lbcdefghij22', record: post('Helo ŵ') } });
    assert.deepEqual([again.status, again.body], [500, { error: 'InternalServerError', message: 'Internal Server Error' }]);
    assert.equal(pds.posts().length, 1);
    const read = await xrpc(pds, 'com.atproto.repo.getRecord', { query: { repo: pds.did, collection: 'app.bsky.feed.post', rkey: '3lbcdefghij22' } });
    assert.equal(read.status, 200);
    assert.equal(text(read.body, 'cid'), text(created.body, 'cid'));
    const missing = await xrpc(pds, 'com.atproto.repo.getRecord', { query: { repo: pds.did, collection: 'app.bsky.feed.post', rkey: '3lbcdefghij23' } });
    assert.deepEqual([missing.status, text(missing.body, 'error')], [400, 'RecordNotFound']);
  });

  it('checks records against the post lexicon and record keys against the TID syntax', async () => {
    const { access } = await signIn();
    const create = (rkey: string, record: unknown) => xrpc(pds, 'com.atproto.repo.createRecord', { token: access, json: { repo: pds.did, collection: 'app.bsky.feed.post', rkey, record } });
    assert.equal(text((await create('not-a-tid', post('x'))).body, 'message'), 'Invalid app.bsky.feed.post record key: must be a TID');
    assert.equal(text((await create('3lbcdefghij24', post('😀'.repeat(301)))).body, 'message'), 'Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes');
    const facet = { index: { byteStart: 0, byteEnd: 99 }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'x' }] };
    assert.equal((await create('3lbcdefghij25', post('#x', { facets: [facet] }))).status, 400);
    assert.equal((await create('3lbcdefghij26', post('x', { reply: { parent: { uri: 'at://x', cid: 'c' } } }))).status, 400);
    assert.equal((await xrpc(pds, 'com.atproto.repo.createRecord', { json: { repo: pds.did, collection: 'app.bsky.feed.post', record: post('x') } })).status, 401);
  });

  it('resolves the handles it knows, and fails or cuts answers off on demand', async () => {
    assert.deepEqual((await xrpc(pds, 'com.atproto.identity.resolveHandle', { query: { handle: 'Resident.bsky.social' } })).body, { did: 'did:plc:resident' });
    assert.equal((await xrpc(pds, 'com.atproto.identity.resolveHandle', { query: { handle: 'nobody.example' } })).status, 400);
    pds.failNext('com.atproto.server.getSession', 429, { resetInSeconds: 120 });
    const limited = await xrpc(pds, 'com.atproto.server.getSession');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('ratelimit-remaining'), '0');
    assert.ok(Number(limited.headers.get('ratelimit-reset')) >= Math.floor(Date.now() / 1000) + 100);
    const { access } = await signIn();
    pds.cutAnswerNext('com.atproto.repo.createRecord');
    const before = pds.posts().length;
    await assert.rejects(xrpc(pds, 'com.atproto.repo.createRecord', { token: access, json: { repo: pds.did, collection: 'app.bsky.feed.post', record: post('cut off') } }));
    assert.equal(pds.posts().length, before + 1, 'the post was made although no answer came');
    pds.revokeSessions();
    assert.equal((await xrpc(pds, 'com.atproto.server.getSession', { token: access })).status, 401);
  });

  it('can refuse a taken key with a named error, as newer PDSes do', async () => {
    const named = await startBlueskyPds({ duplicateKey: 'named-error' });
    try {
      named.addRecord('app.bsky.feed.post', '3lbcdefghij22', post('first'));
      const session = await xrpc(named, 'com.atproto.server.createSession', { json: { identifier: named.handle, password: named.appPassword } });
      const again = await xrpc(named, 'com.atproto.repo.createRecord', { token: text(session.body, 'accessJwt'), json: { repo: named.did, collection: 'app.bsky.feed.post', rkey: '3lbcdefghij22', record: post('second') } });
      assert.deepEqual([again.status, text(again.body, 'error')], [409, 'RecordAlreadyExists']);
    } finally {
      await named.close();
    }
  });
});
