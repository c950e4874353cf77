import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { startMastodonServer, type MastodonServer } from './mastodon-server.js';

async function call(server: MastodonServer, method: string, path: string, options: { token?: string | null; json?: unknown; form?: Record<string, string>; key?: string } = {}) {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? server.token : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.key !== undefined) headers['idempotency-key'] = options.key;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  const response = await fetch(`${server.origin}${path}`, { method, headers, body });
  const json: unknown = await response.json();
  return { status: response.status, body: json, headers: response.headers };
}

function field(body: unknown, name: string): unknown {
  const value: unknown = body !== null && typeof body === 'object' ? Reflect.get(body, name) : undefined;
  return value;
}

describe('fake Mastodon server: posting', () => {
  let server: MastodonServer;
  before(async () => { server = await startMastodonServer({ maxCharacters: 60 }); });
  after(() => server.close());

  it('posts a status as the token’s account, and the same Idempotency-Key gives back the same status', async () => {
    const first = await call(server, 'POST', '/api/v1/statuses', { json: { status: 'Diolch! The bins go out on Tuesday.', visibility: 'public', language: 'cy' }, key: 'k-1' });
    assert.equal(first.status, 200);
    assert.equal(field(first.body, 'language'), 'cy');
    assert.equal(field(field(first.body, 'account'), 'username'), 'northmoorcouncil');
    const again = await call(server, 'POST', '/api/v1/statuses', { json: { status: 'Diolch! The bins go out on Tuesday.' }, key: 'k-1' });
    assert.deepEqual(again.body, first.body);
    assert.equal(server.published.length, 1, 'a repeated key makes no second status');
    const form = await call(server, 'POST', '/api/v1/statuses', { form: { status: 'Posted as a form', in_reply_to_id: String(field(first.body, 'id')) }, key: 'k-2' });
    assert.equal(field(form.body, 'in_reply_to_id'), field(first.body, 'id'));
    assert.deepEqual(server.published.map((p) => p.idempotencyKey), ['k-1', 'k-2']);
    server.forgetIdempotencyKeys();
    await call(server, 'POST', '/api/v1/statuses', { json: { status: 'Diolch! The bins go out on Tuesday.' }, key: 'k-1' });
    assert.equal(server.published.length, 3, 'after the window a key is new again');
  });

  it('refuses what Mastodon refuses, in its words', async () => {
    assert.deepEqual((await call(server, 'POST', '/api/v1/statuses', { json: { status: '  ' } })).body, { error: "Validation failed: Text can't be blank" });
    const long = await call(server, 'POST', '/api/v1/statuses', { json: { status: 'x'.repeat(61) } });
    assert.deepEqual([long.status, long.body], [422, { error: 'Validation failed: Text character limit of 60 exceeded' }]);
    const links = await call(server, 'POST', '/api/v1/statuses', { json: { status: `${'y'.repeat(25)} https://www.northmoor.gov.uk/a/very/long/path/to/the/bins/page @clerk@elsewhere.example` } });
    assert.equal(links.status, 200, 'a link counts 23 and a remote mention counts as @user');
    assert.equal((await call(server, 'POST', '/api/v1/statuses', { json: { status: 'Hi', in_reply_to_id: '1' } })).status, 404);
    assert.equal((await call(server, 'POST', '/api/v1/statuses', { json: { status: 'Hi' }, token: null })).status, 401);
    assert.equal((await call(server, 'POST', '/api/v1/statuses', { json: { status: 'Hi' }, token: 'wrong' })).status, 401);
  });

  it('describes the account, lists its statuses newest first with paging, and has the instance limit', async () => {
    const me = await call(server, 'GET', '/api/v1/accounts/verify_credentials');
    assert.equal(me.status, 200);
    assert.equal(field(field(me.body, 'source'), 'privacy'), 'public');
    assert.equal((await call(server, 'GET', '/api/v1/accounts/verify_credentials', { token: null })).status, 401);
    server.post({ account: { username: 'someoneelse' }, text: 'Not the council' });
    const id = String(field(me.body, 'id'));
    const page = await call(server, 'GET', `/api/v1/accounts/${id}/statuses?limit=2`);
    assert.ok(Array.isArray(page.body));
    assert.equal(page.body.length, 2);
    assert.ok(page.body.every((s: unknown) => field(field(s, 'account'), 'id') === id));
    const next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1] ?? '';
    const older = await call(server, 'GET', new URL(next).pathname + new URL(next).search);
    assert.ok(Array.isArray(older.body) && older.body.length >= 1);
    const instance = await call(server, 'GET', '/api/v2/instance');
    assert.equal(field(field(field(instance.body, 'configuration'), 'statuses'), 'max_characters'), 60);
  });

  it('fails on demand with Mastodon’s error body, cuts an answer off after doing the work, and can revoke its token', async () => {
    server.failNext('/api/v1/statuses', 422, { error: 'Validation failed: Something' });
    assert.deepEqual((await call(server, 'POST', '/api/v1/statuses', { json: { status: 'x' } })).body, { error: 'Validation failed: Something' });
    const before = server.published.length;
    server.cutAnswerNext('/api/v1/statuses');
    await assert.rejects(call(server, 'POST', '/api/v1/statuses', { json: { status: 'Cut off' }, key: 'cut' }));
    assert.equal(server.published.length, before + 1, 'the status was made although no answer came');
    assert.equal(server.requests.at(-1)?.status, 0);
    server.revokeToken();
    assert.equal((await call(server, 'GET', '/api/v1/accounts/verify_credentials')).status, 401);
  });
});
