import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { startBlueskyPds, type BlueskyPds } from '../../../test/fakes/bluesky-pds.js';
import { startMastodonServer, waitUntil, type MastodonServer } from '../../../test/fakes/mastodon-server.js';
import { testDialects } from '../../../test/support/test-databases.js';
import { publisherForChannel } from '../../channels/channel-publisher.js';
import { findChannel } from '../../channels/channel-repository.js';
import { updateChannelAccount } from '../../channels/channels.js';
import type { Database, DatabaseHandle } from '../../platform/db/database.js';
import { createLogger } from '../../platform/logger.js';
import { findCase } from '../cases/case-repository.js';
import { MAX_ATTEMPTS } from './publish-attempt.js';
import { createPublishQueue, type PublishQueue } from './publish-queue.js';
import { activeChannel, caseFor, replyPeople, testCipher } from './reply-fixtures.js';
import { findReply } from './reply-repository.js';
import { replyLine } from './reply-views.js';
import { draftCaseReply, draftChannelPost, editReply, submitReply, type Author } from './replies.js';

const LEASE_MS = 60_000;

for (const dialect of testDialects()) {
  describe(`publish queue on ${dialect.name}`, () => {
    let storage: DatabaseHandle;
    let db: Kysely<Database>;
    let mastodon: MastodonServer;
    let pds: BlueskyPds;
    let teamId: string;
    let olwen: Author;
    let rhys: Author;
    let mastodonChannel: string;
    let blueskyChannel: string;
    // The queue's clock runs with the real one, moved on by `later` (back-offs and leases without waiting).
    let offset = 0;
    const clock = () => new Date(Date.now() + offset);

    const queue = (owner: string, wrap?: (publish: () => Promise<unknown>) => void): PublishQueue => createPublishQueue({
      db, cipher: testCipher, logger: createLogger('silent'), owner, leaseMs: LEASE_MS, now: clock,
      publisherFor: (channel, secret) => {
        const real = publisherForChannel({ platform: channel.platform, config: channel.config, secret });
        if (!wrap) return real;
        // A worker that dies once the platform has the post: the answer never reaches the database.
        return { ...real, publish: async (request) => { await real.publish(request); wrap(() => Promise.resolve()); return new Promise(() => undefined); } };
      },
    });
    const later = (ms: number) => { offset += ms; };

    /** A submitted reply on a new case about a status the citizen posted on the fake Mastodon instance. */
    async function submittedMastodonReply(text: string): Promise<{ replyId: string; caseId: string; statusId: string }> {
      const status = mastodon.post({ account: { username: 'citizen' }, text: 'When will my payment arrive?' });
      const statusId = String(status.id);
      const caseId = await caseFor(db, olwen, teamId, { sourceKind: 'mastodon', externalId: `${new URL(mastodon.origin).host}:${statusId}`, text: 'When will my payment arrive?' });
      const draft = await draftCaseReply(db, olwen, caseId, { text, language: 'en' });
      await submitReply(db, olwen, draft.id);
      return { replyId: draft.id, caseId, statusId };
    }

    before(async () => {
      storage = await dialect.open();
      db = storage.db;
      mastodon = await startMastodonServer();
      pds = await startBlueskyPds();
      ({ teamId, olwen, rhys } = await replyPeople(db));
      mastodonChannel = await activeChannel(db, teamId, { platform: 'mastodon', instanceUrl: mastodon.origin, secret: mastodon.token });
      blueskyChannel = await activeChannel(db, teamId, { platform: 'bluesky', service: pds.origin, handle: pds.handle, secret: pds.appPassword });
    });
    after(async () => {
      await mastodon.close();
      await pds.close();
      await storage.close();
    });

    it('publishes a reply on Mastodon under the citizen’s status and answers the case, audited', async () => {
      const before = mastodon.published.length;
      const { replyId, caseId, statusId } = await submittedMastodonReply('Your payment goes out on Friday.');
      assert.equal(await queue('w1').runOnce(), 1);
      assert.equal(mastodon.published.length, before + 1);
      const sent = mastodon.published.at(-1);
      assert.equal(sent?.params.in_reply_to_id, statusId);
      assert.equal(sent.idempotencyKey, replyId);
      const reply = await findReply(db, replyId);
      assert.equal(reply?.state, 'published');
      assert.equal(reply.attempts, 1);
      assert.ok(reply.url?.startsWith('http'));
      const answered = await findCase(db, caseId);
      assert.equal(answered?.status, 'answered');
      assert.ok(answered.firstResponseAt);
      const actions = (await db.selectFrom('audit_events').select(['action', 'subject_id']).execute())
        .filter((e) => e.subject_id === replyId || e.subject_id === caseId).map((e) => e.action);
      for (const action of ['reply.drafted', 'reply.submitted', 'reply.published', 'case.answered']) assert.ok(actions.includes(action), `${action} audited`);
      assert.equal(await queue('w1').runOnce(), 0, 'nothing left to publish');
    });

    it('replies from the channel’s instance to a status read from another server, finding the copy its instance holds', async () => {
      const far = 'https://elsewhere.example/@citizen/990001';
      mastodon.federate(far, { account: { username: 'citizen', domain: 'elsewhere.example' }, text: 'Is the library open on Sunday?' });
      const caseId = await caseFor(db, olwen, teamId, { sourceKind: 'mastodon', externalId: 'elsewhere.example:990001', url: far, text: 'Is the library open on Sunday?' });
      const draft = await draftCaseReply(db, olwen, caseId, { text: 'Yes, from 10am to 4pm.', language: 'en' });
      await submitReply(db, olwen, draft.id);
      const before = mastodon.published.length;
      assert.equal(await queue('w-far').runOnce(), 1);
      const sent = mastodon.published.at(-1);
      assert.equal(mastodon.published.length, before + 1);
      const search = mastodon.requests.find((r) => r.path === '/api/v2/search');
      assert.equal(search?.query.get('q'), far, 'looked up by the status’s address');
      assert.ok(sent?.params.in_reply_to_id !== undefined && sent.params.in_reply_to_id !== '990001', 'answered the local copy, not the other server’s id');
      assert.equal((await findReply(db, draft.id))?.state, 'published');
    });

    it('says so on the reply when the channel’s instance cannot find the status being answered', async () => {
      const caseId = await caseFor(db, olwen, teamId, { sourceKind: 'mastodon', externalId: 'gone.example:5', url: 'https://gone.example/@someone/5', text: 'A deleted post' });
      const draft = await draftCaseReply(db, olwen, caseId, { text: 'Thank you.', language: 'en' });
      await submitReply(db, olwen, draft.id);
      await queue('w-gone').runOnce();
      const reply = await findReply(db, draft.id);
      assert.equal(reply?.state, 'failed');
      assert.match(reply.lastError ?? '', /could not find the post being answered \(https:\/\/gone\.example\/@someone\/5\)/);
    });

    it('publishes a reply on Bluesky threaded under the mention, reading its CID and thread root', async () => {
      const citizen = 'did:plc:citizen000000000000000000';
      const root = pds.addOtherPost(citizen, '3lrootpost22a', { $type: 'app.bsky.feed.post', text: 'Bins not collected', createdAt: new Date().toISOString() });
      const parent = pds.addOtherPost(citizen, '3lreplypost2a', {
        $type: 'app.bsky.feed.post', text: 'Still waiting, any news?', createdAt: new Date().toISOString(),
        reply: { root: { uri: root.uri, cid: root.cid }, parent: { uri: root.uri, cid: root.cid } },
      });
      const caseId = await caseFor(db, olwen, teamId, { sourceKind: 'bluesky', externalId: parent.uri, replyTo: root.uri, text: 'Still waiting, any news?' });
      const draft = await draftCaseReply(db, olwen, caseId, { text: 'Sorry: the crew comes on Tuesday. See https://example.gov.uk/bins', language: 'en' });
      await submitReply(db, olwen, draft.id);
      assert.equal(await queue('w1').runOnce(), 1);
      assert.equal(pds.posts().length, 1);
      const record = pds.posts()[0]?.value;
      assert.deepEqual(record?.reply, { root: { uri: root.uri, cid: root.cid }, parent: { uri: parent.uri, cid: parent.cid } });
      const reply = await findReply(db, draft.id);
      assert.equal(reply?.state, 'published');
      assert.deepEqual(reply.inReplyTo, { platform: 'bluesky', uri: parent.uri, cid: parent.cid, root: { uri: root.uri, cid: root.cid } });
      assert.equal((await findCase(db, caseId))?.status, 'answered');
    });

    it('goes on with the channel’s stored Bluesky session after a worker restarts, without signing in again', async () => {
      const signIns = () => pds.requests.filter((r) => r.nsid === 'com.atproto.server.createSession').length;
      const before = signIns();
      const worker = (owner: string) => createPublishQueue({ db, cipher: testCipher, logger: createLogger('silent'), owner, leaseMs: LEASE_MS, now: clock });
      for (const [owner, text] of [['before-restart', 'Council tax bills go out in March.'], ['after-restart', 'Council tax can be paid monthly.']] as const) {
        const draft = await draftChannelPost(db, olwen, blueskyChannel, { text, language: 'en' });
        await submitReply(db, olwen, draft.id);
        assert.equal(await worker(owner).runOnce(), 1);
        assert.equal((await findReply(db, draft.id))?.state, 'published');
      }
      assert.equal(signIns(), before);
    });

    it('never publishes twice when the worker dies between the platform accepting and the database recording (Mastodon)', async () => {
      const before = mastodon.published.length;
      const { replyId } = await submittedMastodonReply('We have sent your form again.');
      let sent = false;
      void queue('dies', () => { sent = true; }).runOnce();
      await waitUntil(() => sent, 'the dying worker to send');
      assert.equal((await findReply(db, replyId))?.state, 'publishing', 'the attempt was recorded before sending');
      mastodon.forgetIdempotencyKeys();
      assert.equal(await queue('survivor').runOnce(), 0, 'the dead worker’s lease still holds');
      later(LEASE_MS + 1000);
      assert.equal(await queue('survivor').runOnce(), 1);
      assert.equal(mastodon.published.length, before + 1, 'the post went out exactly once');
      const reply = await findReply(db, replyId);
      assert.equal(reply?.state, 'published');
      assert.equal(reply.platformId, String(mastodon.published.at(-1)?.status.id));
    });

    it('never publishes twice when the worker dies between the platform accepting and the database recording (Bluesky)', async () => {
      const before = pds.posts().length;
      const draft = await draftChannelPost(db, olwen, blueskyChannel, { text: 'Libraries open late on Thursdays this winter.', language: 'en' });
      await submitReply(db, olwen, draft.id);
      let sent = false;
      void queue('dies-too', () => { sent = true; }).runOnce();
      await waitUntil(() => sent, 'the dying worker to send');
      later(LEASE_MS + 1000);
      assert.equal(await queue('survivor').runOnce(), 1);
      assert.equal(pds.posts().length, before + 1, 'the post went out exactly once');
      assert.equal((await findReply(db, draft.id))?.state, 'published');
    });

    it('gives up on a platform that keeps failing, says so, and publishes once when submitted again', async () => {
      const before = mastodon.published.length;
      const { replyId } = await submittedMastodonReply('We have passed this to the team.');
      mastodon.failNext('/api/v1/statuses', 503, { times: MAX_ATTEMPTS });
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        assert.equal(await queue('w1').runOnce(), 1, `attempt ${attempt}`);
        later(2 * 60 * 60_000);
      }
      const given = await findReply(db, replyId);
      assert.equal(given?.state, 'failed');
      assert.match(given.lastError ?? '', new RegExp(`stopped trying after ${MAX_ATTEMPTS} attempts`));
      assert.equal(mastodon.published.length, before, 'nothing went out');
      await editReply(db, olwen, replyId, { text: 'We have passed this to the team.', language: 'en' });
      await submitReply(db, olwen, replyId);
      assert.equal(await queue('w1').runOnce(), 1);
      assert.equal(mastodon.published.length, before + 1);
      assert.equal((await findReply(db, replyId))?.state, 'published');
    });

    it('recovers a reply whose answer was cut off after Mastodon made the status, without a second one', async () => {
      const before = mastodon.published.length;
      const { replyId } = await submittedMastodonReply('Your appointment is confirmed.');
      mastodon.cutAnswerNext('/api/v1/statuses');
      assert.equal(await queue('w1').runOnce(), 1);
      const delayed = await findReply(db, replyId);
      assert.equal(delayed?.state, 'publishing');
      mastodon.forgetIdempotencyKeys();
      later(60 * 60_000);
      assert.equal(await queue('w1').runOnce(), 1);
      assert.equal(mastodon.published.length, before + 1);
      assert.equal((await findReply(db, replyId))?.state, 'published');
    });

    it('retries 429 and 5xx with growing back-off, shown on the case, then publishes once', async () => {
      const before = mastodon.published.length;
      const { replyId } = await submittedMastodonReply('Thanks, we are looking into it.');
      mastodon.failNext('/api/v1/statuses', 503, { times: 1 });
      assert.equal(await queue('w1').runOnce(), 1);
      const first = await findReply(db, replyId);
      assert.ok(first?.nextAttemptAt && first.lastError);
      const firstWait = Date.parse(first.nextAttemptAt) - clock().getTime();
      assert.ok(firstWait > 0);
      const channel = await findChannel(db, mastodonChannel);
      assert.match(replyLine(first, channel).note, /^Delayed: Mastodon is not answering .*Next try at /);
      assert.equal(await queue('w1').runOnce(), 0, 'not due yet');
      mastodon.failNext('/api/v1/statuses', 429, { times: 1, retryAfter: '1' });
      later(firstWait);
      assert.equal(await queue('w1').runOnce(), 1);
      const second = await findReply(db, replyId);
      assert.ok(second?.nextAttemptAt);
      assert.ok(Date.parse(second.nextAttemptAt) - clock().getTime() > firstWait, 'the wait grows');
      later(Date.parse(second.nextAttemptAt) - clock().getTime());
      assert.equal(await queue('w1').runOnce(), 1);
      assert.equal((await findReply(db, replyId))?.state, 'published');
      assert.equal(mastodon.published.length, before + 1);
    });

    it('shows a permanent refusal with the platform’s own message, audited', async () => {
      const { replyId, caseId } = await submittedMastodonReply('A reply Mastodon will refuse.');
      mastodon.failNext('/api/v1/statuses', 422, { error: 'Validation failed: Text contains a blocked word' });
      assert.equal(await queue('w1').runOnce(), 1);
      const reply = await findReply(db, replyId);
      assert.equal(reply?.state, 'failed');
      assert.match(reply.lastError ?? '', /Validation failed: Text contains a blocked word/);
      assert.match(replyLine(reply).note, /refused it: .*blocked word/);
      assert.equal((await findCase(db, caseId))?.status, 'needs_reply');
      const events = await db.selectFrom('audit_events').select('action').where('subject_id', '=', replyId).execute();
      assert.ok(events.some((e) => e.action === 'reply.failed'));
    });

    it('stops publishing on a channel whose credentials are refused, keeps the reply, and publishes once new ones are given', async () => {
      await updateChannelAccount(db, { type: 'system', label: 'test' }, testCipher, blueskyChannel, { config: { service: pds.origin, handle: pds.handle }, secret: 'wrong-app-password' });
      const before = pds.posts().length;
      const draft = await draftChannelPost(db, olwen, blueskyChannel, { text: 'Road closures this weekend.', language: 'en' });
      await submitReply(db, olwen, draft.id);
      assert.equal(await queue('w2').runOnce(), 1);
      const channel = await findChannel(db, blueskyChannel);
      assert.match(channel?.credentialsProblem ?? '', /AuthenticationRequired|Invalid identifier or password/);
      assert.equal((await findReply(db, draft.id))?.state, 'submitted', 'the reply is not lost');
      later(24 * 60 * 60_000);
      assert.equal(await queue('w2').runOnce(), 0, 'nothing publishes on the channel meanwhile');
      await updateChannelAccount(db, { type: 'system', label: 'test' }, testCipher, blueskyChannel, { config: { service: pds.origin, handle: pds.handle }, secret: pds.appPassword });
      assert.equal(await queue('w2').runOnce(), 1);
      assert.equal((await findReply(db, draft.id))?.state, 'published');
      assert.equal(pds.posts().length, before + 1);
    });

    it('refuses a second reply on a case while one is pending, saying whose', async () => {
      const status = mastodon.post({ account: { username: 'citizen' }, text: 'Is the office open?' });
      const caseId = await caseFor(db, olwen, teamId, { sourceKind: 'mastodon', externalId: `${new URL(mastodon.origin).host}:${String(status.id)}`, text: 'Is the office open?' });
      await draftCaseReply(db, olwen, caseId, { text: 'Yes, until 5pm.', language: 'en' });
      await assert.rejects(draftCaseReply(db, rhys, caseId, { text: 'It is open.', language: 'en' }), (error: Error) => {
        assert.match(error.message, /Olwen Officer already has a reply on this case \(a draft\)/);
        return true;
      });
      await assert.rejects(draftCaseReply(db, olwen, caseId, { text: 'Another.', language: 'en' }), /You already have a reply on this case/);
    });

    it('refuses a draft longer than the channel allows, counted as the platform counts', async () => {
      const long = `${'a'.repeat(290)} https://example.gov.uk/${'x'.repeat(200)}`;
      const post = await draftChannelPost(db, olwen, mastodonChannel, { text: long, language: 'cy' });
      assert.equal(post.state, 'draft');
      await assert.rejects(draftChannelPost(db, olwen, blueskyChannel, { text: long, language: 'en' }), (error: Error & { problems?: { message: string }[] }) => {
        assert.match(error.problems?.[0]?.message ?? '', /300 characters or fewer on Bluesky/);
        return true;
      });
    });
  });
}
