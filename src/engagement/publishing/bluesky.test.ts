import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startBlueskyPds, type BlueskyPds } from '../../../test/fakes/bluesky-pds.js';
import { createBlueskyPublisher, type BlueskySession } from './bluesky.js';
import type { PublishRequest, Publisher } from './publisher.js';
import { tidForReply } from './tid.js';

const request = (text: string, extra: Partial<PublishRequest> = {}): PublishRequest => ({ replyId: randomUUID(), createdAt: new Date().toISOString(), text, ...extra });
const PARENT = { uri: 'at://did:plc:resident/app.bsky.feed.post/3l25zusnsfck2', cid: 'bafyreiparent' };
const ROOT = { uri: 'at://did:plc:resident/app.bsky.feed.post/3l25zusnsfaa2', cid: 'bafyreiroot' };

function bytes(text: string, index: unknown): string {
  assert.ok(index !== null && typeof index === 'object' && 'byteStart' in index && 'byteEnd' in index);
  return Buffer.from(text, 'utf8').subarray(Number(index.byteStart), Number(index.byteEnd)).toString('utf8');
}

describe('Bluesky publisher', () => {
  let pds: BlueskyPds;
  let publisher: Publisher;
  const sessions: BlueskySession[] = [];
  const count = (nsid: string): number => pds.requests.filter((r) => r.nsid === nsid).length;
  before(async () => {
    pds = await startBlueskyPds({ handles: { 'resident.bsky.social': 'did:plc:resident' } });
    publisher = createBlueskyPublisher({ serviceUrl: pds.origin, identifier: pds.handle, appPassword: pds.appPassword, timeoutMs: 5000, onSession: (s) => sessions.push(s) });
  });
  after(() => pds.close());

  it('checks the account: its handle and the 300-grapheme limit', async () => {
    assert.deepEqual(await publisher.checkAccount(), { ok: true, handle: `@${pds.handle}`, maxCharacters: 300 });
  });

  it('publishes a reply under the key derived from the reply id, with reply refs, language and facets in UTF-8 bytes', async () => {
    const text = 'Diolch @resident.bsky.social 💧 Dŵr: https://northmoor.gov.uk/dŵr. #Dŵr @nobody.example';
    const reply = request(text, { language: 'cy', inReplyTo: { platform: 'bluesky', ...PARENT, root: ROOT } });
    const outcome = await publisher.publish(reply);
    const rkey = tidForReply(reply.replyId, reply.createdAt);
    const stored = pds.posts().at(-1);
    assert.ok(stored !== undefined);
    assert.equal(stored.rkey, rkey);
    assert.deepEqual(outcome, {
      kind: 'published', url: `https://bsky.app/profile/${pds.handle}/post/${rkey}`, platformId: `at://${pds.did}/app.bsky.feed.post/${rkey}`,
      publishedAt: stored.value.createdAt, ref: { platform: 'bluesky', uri: stored.uri, cid: stored.cid },
    });
    assert.deepEqual(stored.value.reply, { root: ROOT, parent: PARENT });
    assert.deepEqual(stored.value.langs, ['cy']);
    assert.equal(stored.value.text, text);
    const facets = stored.value.facets;
    assert.ok(Array.isArray(facets));
    assert.deepEqual(facets.map((f: { index: unknown }) => bytes(text, f.index)), ['@resident.bsky.social', 'https://northmoor.gov.uk/dŵr', '#Dŵr'], 'the unresolved mention stays plain text');
    assert.deepEqual(facets.map((f: { features: unknown }) => f.features), [
      [{ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:resident' }],
      [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://northmoor.gov.uk/dŵr' }],
      [{ $type: 'app.bsky.richtext.facet#tag', tag: 'Dŵr' }],
    ]);
  });

  it('replies to a thread’s first post with that post as root, and a new post has no reply refs', async () => {
    await publisher.publish(request('Thanks', { inReplyTo: { platform: 'bluesky', ...PARENT } }));
    assert.deepEqual(pds.posts().at(-1)?.value.reply, { root: PARENT, parent: PARENT });
    await publisher.publish(request('Service update'));
    assert.equal(pds.posts().at(-1)?.value.reply, undefined);
  });

  it('signs in once, refreshes an expired access token, and signs in again when the refresh token is gone', async () => {
    assert.equal(count('com.atproto.server.createSession'), 1);
    pds.expireAccessTokens();
    assert.equal((await publisher.publish(request('After expiry'))).kind, 'published');
    assert.equal(count('com.atproto.server.refreshSession'), 1);
    assert.equal(count('com.atproto.server.createSession'), 1);
    pds.revokeSessions();
    assert.equal((await publisher.publish(request('After revocation'))).kind, 'published');
    assert.equal(count('com.atproto.server.createSession'), 2);
    assert.equal(sessions.length, 3, 'every new session is handed over to be kept');
  });

  it('goes on with a session another publisher of the account kept, rather than use up a refresh token or sign in', async () => {
    const shared = await startBlueskyPds();
    try {
      const calls = (nsid: string, status = 200): number => shared.requests.filter((r) => r.nsid === nsid && r.status === status).length;
      let kept: BlueskySession | undefined;
      const share = (latestSession: () => Promise<BlueskySession | undefined> = () => Promise.resolve(kept)): Publisher => createBlueskyPublisher({
        serviceUrl: shared.origin, identifier: shared.handle, appPassword: shared.appPassword, session: kept, onSession: (s) => { kept = s; }, latestSession,
      });
      const one = share();
      assert.equal((await one.publish(request('Signed in'))).kind, 'published');
      const two = share();
      shared.expireAccessTokens();
      assert.equal((await one.publish(request('Renewed by one'))).kind, 'published');
      shared.expireAccessTokens();
      assert.equal((await two.publish(request('Two goes on with the session one kept, expired too, and renews it'))).kind, 'published');
      assert.equal(calls('com.atproto.server.refreshSession'), 2);
      assert.equal(calls('com.atproto.server.refreshSession', 400), 0, 'no refresh token was tried twice');

      // The other publisher used the refresh token a moment ago and has not kept its session yet when this one looks.
      let looks = 0;
      const before = kept;
      const late = share(() => Promise.resolve((looks += 1) === 1 ? before : kept));
      shared.expireAccessTokens();
      assert.equal((await two.publish(request('Two renews'))).kind, 'published');
      assert.equal((await late.publish(request('Late finds its refresh token used, and waits for the session'))).kind, 'published');
      assert.equal(looks, 2);
      assert.equal(calls('com.atproto.server.refreshSession', 400), 1);
      assert.equal(calls('com.atproto.server.createSession'), 1);

      // When no kept session will do, it signs in after all.
      shared.revokeSessions();
      assert.equal((await two.publish(request('After revocation'))).kind, 'published');
      assert.equal(calls('com.atproto.server.createSession'), 2);
    } finally {
      await shared.close();
    }
  });

  it('publishes nothing twice: a lost answer, a retry and a restarted publisher leave exactly one post', async () => {
    const reply = request('Your report has been passed to the highways team.', { inReplyTo: { platform: 'bluesky', ...PARENT } });
    const before = pds.posts().length;
    pds.cutAnswerNext('com.atproto.repo.createRecord');
    const lost = await publisher.publish(reply);
    assert.equal(lost.kind, 'published', 'the record under the reply’s key is found');
    const again = await publisher.publish(reply);
    const restarted = await createBlueskyPublisher({ serviceUrl: pds.origin, identifier: pds.handle, appPassword: pds.appPassword }).publish(reply);
    assert.equal(pds.posts().length, before + 1);
    assert.deepEqual(again, lost);
    assert.deepEqual(restarted, lost);
    assert.deepEqual(await publisher.findPublished(reply), lost);
    assert.equal(await publisher.findPublished(request('Never sent')), undefined);
  });

  it('recognises a taken key with a PDS that names the error too', async () => {
    const named = await startBlueskyPds({ duplicateKey: 'named-error' });
    try {
      const reply = request('Diolch');
      const first = await createBlueskyPublisher({ serviceUrl: named.origin, identifier: named.handle, appPassword: named.appPassword }).publish(reply);
      const second = await createBlueskyPublisher({ serviceUrl: named.origin, identifier: named.handle, appPassword: named.appPassword }).publish(reply);
      assert.deepEqual(second, first);
      assert.equal(named.posts().length, 1);
      assert.ok(named.requests.some((r) => r.status === 409));
    } finally {
      await named.close();
    }
  });

  it('refuses to report as published a different post under the reply’s key', async () => {
    const reply = request('Our answer');
    pds.addRecord('app.bsky.feed.post', tidForReply(reply.replyId, reply.createdAt), { $type: 'app.bsky.feed.post', text: 'Something else', createdAt: reply.createdAt });
    const outcome = await publisher.publish(reply);
    assert.ok(outcome.kind === 'failed' && outcome.message.includes('different post') && !outcome.credentialsProblem, JSON.stringify(outcome));
    assert.equal((await publisher.findPublished(reply))?.kind, 'failed');
  });

  it('asks to retry after a rate limit (ratelimit-reset), a 5xx or an unreachable resolver, and publishes nothing meanwhile', async () => {
    const before = pds.posts().length;
    pds.failNext('com.atproto.repo.createRecord', 429, { resetInSeconds: 120 });
    const limited = await publisher.publish(request('x'));
    assert.ok(limited.kind === 'retry' && limited.afterMs > 100_000 && limited.afterMs <= 121_000, JSON.stringify(limited));
    pds.failNext('com.atproto.repo.createRecord', 502, { error: 'UpstreamFailure', message: 'Upstream Failure' });
    const down = await publisher.publish(request('x'));
    assert.ok(down.kind === 'retry' && down.message.includes('UpstreamFailure: Upstream Failure'), JSON.stringify(down));
    pds.failNext('com.atproto.identity.resolveHandle', 503);
    assert.equal((await publisher.publish(request('Hi @resident.bsky.social'))).kind, 'retry');
    assert.equal(pds.posts().length, before);
  });

  it('reports the PDS’s own message for a record it refuses', async () => {
    const outcome = await publisher.publish(request('ŵ'.repeat(301)));
    assert.deepEqual(outcome, {
      kind: 'failed', credentialsProblem: false,
      message: `Bluesky (${new URL(pds.origin).host}) answered 400 Bad Request: “InvalidRequest: Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes”.`,
    });
    assert.equal((await publisher.publish(request('x', { inReplyTo: { platform: 'mastodon', statusId: '1' } }))).kind, 'failed');
  });

  it('flags a wrong app password as a credentials problem and publishes nothing', async () => {
    const wrong = createBlueskyPublisher({ serviceUrl: pds.origin, identifier: pds.handle, appPassword: 'wxyz-wxyz-wxyz-wxyz' });
    const before = pds.posts().length;
    const outcome = await wrong.publish(request('x'));
    assert.ok(outcome.kind === 'failed' && outcome.credentialsProblem && outcome.message.includes('Invalid identifier or password'), JSON.stringify(outcome));
    const check = await wrong.checkAccount();
    assert.ok(!check.ok && check.credentialsProblem);
    assert.equal(pds.posts().length, before);
  });
});
