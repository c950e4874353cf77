import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startMastodonServer, type MastodonServer } from '../../../test/fakes/mastodon-server.js';
import { createMastodonPublisher } from './mastodon.js';
import type { PublishRequest, Publisher } from './publisher.js';

const request = (text: string, extra: Partial<PublishRequest> = {}): PublishRequest => ({ replyId: randomUUID(), createdAt: new Date().toISOString(), text, ...extra });

describe('Mastodon publisher', () => {
  let server: MastodonServer;
  let publisher: Publisher;
  let citizenStatus: string;
  before(async () => {
    server = await startMastodonServer({ maxCharacters: 450 });
    publisher = createMastodonPublisher({ instanceUrl: server.origin, accessToken: server.token, timeoutMs: 5000 });
    citizenStatus = String(server.post({ account: { username: 'eirlys', domain: 'elsewhere.example' }, text: 'When are the bins collected?' }).id);
  });
  after(() => server.close());

  it('checks the account and reads the instance’s limit', async () => {
    assert.deepEqual(await publisher.checkAccount(), { ok: true, handle: '@northmoorcouncil@social.example', maxCharacters: 450 });
  });

  it('publishes a public reply with its language, the reply id as Idempotency-Key, and reports its URL', async () => {
    const reply = request('@eirlys@elsewhere.example Diolch! Bydd y biniau’n cael eu casglu ddydd Mawrth.', { language: 'cy', inReplyTo: { platform: 'mastodon', statusId: citizenStatus } });
    const outcome = await publisher.publish(reply);
    const sent = server.published.at(-1);
    assert.ok(sent !== undefined);
    assert.deepEqual(sent.params, { status: reply.text, visibility: 'public', in_reply_to_id: citizenStatus, language: 'cy' });
    assert.equal(sent.idempotencyKey, reply.replyId);
    assert.deepEqual(outcome, {
      kind: 'published', url: String(sent.status.url), platformId: String(sent.status.id), publishedAt: String(sent.status.created_at),
      ref: { platform: 'mastodon', statusId: String(sent.status.id), url: String(sent.status.url) },
    });
  });

  it('publishes nothing twice: a lost answer is retried under the same key, and a restarted publisher gets the first status back', async () => {
    const reply = request('The library reopens on Monday.', { inReplyTo: { platform: 'mastodon', statusId: citizenStatus } });
    const before = server.published.length;
    server.cutAnswerNext('/api/v1/statuses');
    const lost = await publisher.publish(reply);
    assert.equal(lost.kind, 'retry');
    const retried = await publisher.publish(reply);
    const restarted = await createMastodonPublisher({ instanceUrl: server.origin, accessToken: server.token }).publish(reply);
    assert.equal(server.published.length, before + 1, 'exactly one status');
    assert.equal(retried.kind === 'published' && retried.platformId, String(server.published.at(-1)?.status.id));
    assert.deepEqual(restarted, retried);
  });

  it('finds a published reply after the instance has forgotten its key, and only that one', async () => {
    const reply = request('Pothole reported: reference 1234. https://northmoor.gov.uk/roads/potholes/report-a-pothole-online', { inReplyTo: { platform: 'mastodon', statusId: citizenStatus } });
    assert.equal(await publisher.findPublished(reply), undefined, 'not published yet');
    const outcome = await publisher.publish(reply);
    server.forgetIdempotencyKeys();
    assert.deepEqual(await publisher.findPublished(reply), outcome);
    assert.equal(await publisher.findPublished({ ...reply, inReplyTo: undefined }), undefined, 'the same text as a new post is another post');
    assert.equal(await publisher.findPublished({ ...reply, text: `${reply.text}!` }), undefined);
  });

  it('asks to retry after rate limits and server errors, honouring Retry-After', async () => {
    server.failNext('/api/v1/statuses', 429, { retryAfter: '120' });
    const limited = await publisher.publish(request('x'));
    assert.deepEqual(limited.kind === 'retry' && limited.afterMs, 120_000);
    server.failNext('/api/v1/statuses', 503);
    const down = await publisher.publish(request('x'));
    assert.ok(down.kind === 'retry' && down.message.includes('503 Service Unavailable'), JSON.stringify(down));
  });

  it('reports a permanent refusal with Mastodon’s own message', async () => {
    const tooLong = await publisher.publish(request('a'.repeat(451)));
    assert.deepEqual(tooLong, { kind: 'failed', message: `Mastodon (${new URL(server.origin).host}) answered 422 Unprocessable Entity: “Validation failed: Text character limit of 450 exceeded”.`, credentialsProblem: false });
    const gone = await publisher.publish(request('Hello', { inReplyTo: { platform: 'mastodon', statusId: '42' } }));
    assert.ok(gone.kind === 'failed' && gone.message.includes('The post you are trying to reply to does not appear to exist.') && !gone.credentialsProblem);
    const wrongPlatform = await publisher.publish(request('Hello', { inReplyTo: { platform: 'bluesky', uri: 'at://did:plc:x/app.bsky.feed.post/3l25zusnsfck2', cid: 'bafy' } }));
    assert.equal(wrongPlatform.kind, 'failed');
  });

  it('flags a token refused with 403 or 401 as a credentials problem', async () => {
    server.failNext('/api/v1/statuses', 403, { error: 'This action is outside the authorized scopes' });
    const scoped = await publisher.publish(request('x'));
    assert.ok(scoped.kind === 'failed' && scoped.credentialsProblem && scoped.message.includes('outside the authorized scopes'));
    const other = await startMastodonServer();
    try {
      other.revokeToken();
      const revoked = createMastodonPublisher({ instanceUrl: other.origin, accessToken: other.token });
      const outcome = await revoked.publish(request('x'));
      assert.ok(outcome.kind === 'failed' && outcome.credentialsProblem && outcome.message.includes('The access token is invalid'), JSON.stringify(outcome));
      assert.deepEqual(await revoked.checkAccount(), { ok: false, credentialsProblem: true, message: `Mastodon (${new URL(other.origin).host}) answered 401 Unauthorized: “The access token is invalid”. Replace the access token on the channel.` });
      assert.equal(other.published.length, 0);
    } finally {
      await other.close();
    }
  });

  it('asks to retry when the instance cannot be reached', async () => {
    const closed = await startMastodonServer();
    await closed.close();
    const outcome = await createMastodonPublisher({ instanceUrl: closed.origin, accessToken: 't' }).publish(request('x'));
    assert.ok(outcome.kind === 'retry' && outcome.message.includes('ECONNREFUSED'), JSON.stringify(outcome));
  });

  it('reads the limit from the old instance API too', async () => {
    const old = await startMastodonServer({ instanceApi: 'v1', maxCharacters: 1000 });
    try {
      const check = await createMastodonPublisher({ instanceUrl: old.origin, accessToken: old.token }).checkAccount();
      assert.deepEqual(check, { ok: true, handle: '@northmoorcouncil@social.example', maxCharacters: 1000 });
    } finally {
      await old.close();
    }
  });
});
