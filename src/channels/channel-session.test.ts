import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { Kysely, KyselyPlugin } from 'kysely';
import { startBlueskyPds, type BlueskyPds } from '../../test/fakes/bluesky-pds.js';
import { testDialects } from '../../test/support/test-databases.js';
import type { BlueskySession, Publisher } from '../engagement/publishing/index.js';
import type { Actor } from '../platform/audit/audit-log.js';
import { createTeam } from '../platform/auth/teams.js';
import type { Database, DatabaseHandle } from '../platform/db/database.js';
import { createLogger } from '../platform/logger.js';
import { credentialCipher } from '../platform/secrets/encryption.js';
import { checkWithPlatform, publisherWithStoredSession } from './channel-publisher.js';
import { channelSessionStore, openSession, sealSession, type ChannelSessionStore } from './channel-session.js';
import { activateChannel, createChannel, pauseChannel, recordCredentialsProblem, updateChannelAccount } from './channels.js';

const actor: Actor = { type: 'system', label: 'test' };
const cipher = credentialCipher(Buffer.alloc(32, 7));

for (const dialect of testDialects()) {
  describe(`stored Bluesky sessions on ${dialect.name}`, () => {
    let storage: DatabaseHandle;
    let db: Kysely<Database>;
    let pds: BlueskyPds;
    let teamId: string;
    let logged = '';
    const seen: BlueskySession[] = [];
    const logs = new PassThrough();
    logs.on('data', (chunk: Buffer) => { logged += chunk.toString(); });
    const logger = createLogger('debug', logs);

    const createSessions = () => pds.requests.filter((r) => r.nsid === 'com.atproto.server.createSession').length;
    const refreshes = () => pds.requests.filter((r) => r.nsid === 'com.atproto.server.refreshSession' && r.status === 200).length;
    const storedRaw = async (id: string) => (await db.selectFrom('channels').select('session').where('id', '=', id).executeTakeFirstOrThrow()).session;
    const stored = async (id: string) => {
      const session = openSession(cipher, await storedRaw(id));
      if (session) seen.push(session);
      return session;
    };
    /** A publisher as a freshly started worker makes one: nothing in memory, only what the database holds. */
    const worker = (id: string): { publisher: Publisher; store: ChannelSessionStore } => {
      const store = channelSessionStore(db, cipher, id, logger);
      return { publisher: publisherWithStoredSession({ platform: 'bluesky', config: { service: pds.origin, handle: pds.handle }, secret: pds.appPassword }, store), store };
    };
    /** The database through a connection that refuses queries of one kind: all of them, or only the first `times`. */
    const failing = (kind: 'SelectQueryNode' | 'UpdateQueryNode', times = Infinity): Kysely<Database> => {
      let refused = 0;
      const plugin: KyselyPlugin = {
        transformQuery: (args) => {
          if (args.node.kind === kind && refused < times) {
            refused += 1;
            throw new Error('connection refused');
          }
          return args.node;
        },
        transformResult: (args) => Promise.resolve(args.result),
      };
      return db.withPlugin(plugin);
    };
    const post = (publisher: Publisher, text: string) => publisher.publish({ replyId: randomUUID(), createdAt: new Date().toISOString(), text, language: 'en' });
    const channelOn = async (name: string) => {
      const channel = await createChannel(db, actor, cipher, {
        platform: 'bluesky', name, config: { service: pds.origin, handle: pds.handle }, secret: pds.appPassword,
        objectives: 'Answer questions about benefits', teamId, staffedHours: 'Monday to Friday, 9am to 5pm', promiseAmount: 2, promiseUnit: 'working_days',
      });
      await activateChannel(db, actor, cipher, checkWithPlatform, channel.id);
      return channel.id;
    };

    before(async () => {
      storage = await dialect.open();
      db = storage.db;
      pds = await startBlueskyPds();
      teamId = (await createTeam(db, actor, { name: 'Benefits' })).id;
    });
    after(async () => {
      await pds.close();
      await storage.close();
    });

    it('signs in once: the session from switching the channel on serves a worker, and the worker after it restarts', async () => {
      const before = createSessions();
      const id = await channelOn('Benefits on Bluesky');
      assert.equal(createSessions(), before + 1, 'switching on signs in');
      const first = await stored(id);
      assert.ok(first, 'the check’s session is kept');

      const one = worker(id);
      assert.equal((await post(one.publisher, 'Our offices are open on Saturday.')).kind, 'published');
      const restarted = worker(id);
      assert.equal((await post(restarted.publisher, 'Our offices are closed on Sunday.')).kind, 'published');
      assert.equal(createSessions(), before + 1, 'neither worker signed in again');
      assert.equal(pds.posts().length, 2);

      const raw = await storedRaw(id);
      assert.ok(raw !== null);
      for (const plain of [first.accessJwt, first.refreshJwt, first.did, 'accessJwt', pds.appPassword]) assert.ok(!raw.includes(plain), `${plain} is not readable in the database`);
    });

    it('keeps a renewed session, so a worker started after a refresh goes on without signing in', async () => {
      const id = await channelOn('Renewals on Bluesky');
      const before = createSessions();
      const first = await stored(id);
      const one = worker(id);
      pds.expireAccessTokens();
      assert.equal((await post(one.publisher, 'Bins are collected on Tuesday.')).kind, 'published');
      await one.store.settled();
      const renewed = await stored(id);
      assert.ok(renewed && first && renewed.refreshJwt !== first.refreshJwt, 'the refreshed session replaced the first');
      assert.equal(pds.requests.filter((r) => r.nsid === 'com.atproto.server.refreshSession').length > 0, true);

      // The first refresh token was used up; a worker that read the old session would have to sign in.
      const restarted = worker(id);
      assert.equal((await post(restarted.publisher, 'Bins are collected on Wednesday too.')).kind, 'published');
      assert.equal(createSessions(), before);
    });

    it('forgets the session when the credentials change, the platform refuses them, or the channel is paused', async () => {
      const id = await channelOn('Forgetful on Bluesky');
      assert.ok(await stored(id));
      await updateChannelAccount(db, actor, cipher, id, { config: { service: pds.origin, handle: pds.handle }, secret: pds.appPassword });
      assert.equal(await storedRaw(id), null, 'a new app password');

      await pauseChannel(db, actor, id);
      await activateChannel(db, actor, cipher, checkWithPlatform, id);
      assert.ok(await stored(id));
      await updateChannelAccount(db, actor, cipher, id, { config: { service: pds.origin, handle: pds.handle } });
      assert.ok(await stored(id), 'saving the same account keeps it');

      await recordCredentialsProblem(db, actor, id, 'Bluesky refused the app password');
      assert.equal(await storedRaw(id), null, 'refused credentials');

      await updateChannelAccount(db, actor, cipher, id, { config: { service: pds.origin, handle: pds.handle }, secret: pds.appPassword });
      await activateChannel(db, actor, cipher, checkWithPlatform, id);
      assert.ok(await stored(id));
      const busy = worker(id);
      assert.equal((await post(busy.publisher, 'Library hours are changing.')).kind, 'published');
      await pauseChannel(db, actor, id);
      assert.equal(await storedRaw(id), null, 'a paused channel');

      // A worker still holding the channel renews its session after the pause: it is not written back.
      pds.expireAccessTokens();
      await post(busy.publisher, 'Library hours have changed.');
      await busy.store.settled();
      assert.equal(await storedRaw(id), null);
    });

    it('shares renewals between two workers on one channel, so that they sign in once in all however often the token expires', async () => {
      const before = createSessions();
      const refreshedBefore = refreshes();
      const id = await channelOn('Shared on Bluesky');
      const a = worker(id);
      const b = worker(id);
      // One worker renews and the other goes on with its session; then a worker holding a session two renewals old.
      for (const [round, first, second] of [[1, a, b], [2, b, a], [3, a, b]] as const) {
        pds.expireAccessTokens();
        assert.equal((await post(first.publisher, `Round ${round}: the tip opens at 8am.`)).kind, 'published');
        pds.expireAccessTokens();
        assert.equal((await post(second.publisher, `Round ${round}: the tip closes at 6pm.`)).kind, 'published');
      }
      // Both find the token expired at once: one refresh token, one of them uses it, and the other waits for its session.
      for (const round of [4, 5]) {
        pds.expireAccessTokens();
        const outcomes = await Promise.all([post(a.publisher, `Round ${round}: bulky waste by booking.`), post(b.publisher, `Round ${round}: garden waste by permit.`)]);
        assert.deepEqual(outcomes.map((o) => o.kind), ['published', 'published']);
      }
      await Promise.all([a.store.settled(), b.store.settled()]);
      assert.equal(createSessions(), before + 1, 'only switching the channel on signed in');
      assert.equal(refreshes() - refreshedBefore, 8, 'each expiry was renewed once');
      assert.equal(pds.posts().filter((p) => String(p.value.text).startsWith('Round ')).length, 10);

      const restarted = worker(id);
      assert.equal((await post(restarted.publisher, 'The tip is closed on bank holidays.')).kind, 'published');
      assert.equal(createSessions(), before + 1, 'the stored session is the live one');
    });

    it('does not store a session for an account the channel has left, nor take up the new account’s', async () => {
      const id = await channelOn('Moving on Bluesky');
      const old = worker(id);
      assert.equal((await post(old.publisher, 'We are moving accounts.')).kind, 'published');
      await updateChannelAccount(db, actor, cipher, id, { config: { service: pds.origin, handle: 'northmoor.example' } });
      assert.equal(await storedRaw(id), null, 'a new handle forgets the session');

      pds.expireAccessTokens();
      const before = createSessions();
      assert.equal((await post(old.publisher, 'Still on the old account.')).kind, 'published');
      await old.store.settled();
      assert.equal(await storedRaw(id), null, 'the old account’s renewed session is not written back');

      // The new account's session (whatever it is) is neither taken up nor overwritten by the old account's publisher.
      const theirs: BlueskySession = { accessJwt: 'access-new-account', refreshJwt: 'refresh-new-account', did: 'did:plc:northmoorexample', handle: 'northmoor.example' };
      await db.updateTable('channels').set({ session: sealSession(cipher, theirs) }).where('id', '=', id).execute();
      pds.expireAccessTokens();
      assert.equal((await post(old.publisher, 'Once more on the old account.')).kind, 'published');
      await old.store.settled();
      assert.deepEqual(await stored(id), theirs);
      assert.equal(createSessions(), before, 'the old publisher renewed its own session');
    });

    it('stores nothing when the channel could not be read at start, and says so at debug level', async () => {
      const id = await channelOn('Unread on Bluesky');
      const raw = await storedRaw(id);
      const store = channelSessionStore(failing('SelectQueryNode', 1), cipher, id, logger);
      assert.equal(await store.load(), undefined);
      const signedIn: BlueskySession = { accessJwt: 'access-after-failed-load', refreshJwt: 'refresh-after-failed-load', did: pds.did, handle: pds.handle };
      assert.equal(await store.latest(), undefined, 'nothing to compare a stored session with');
      store.save(signedIn);
      await store.settled();
      assert.equal(await storedRaw(id), raw, 'the stored session is untouched');
      assert.match(logged, /"level":20[^\n]*not storing the Bluesky session of a channel/);
      assert.ok(!logged.includes(signedIn.accessJwt) && !logged.includes(signedIn.refreshJwt));
    });

    it('signs in again when the stored session cannot be opened', async () => {
      const id = await channelOn('Unreadable on Bluesky');
      await db.updateTable('channels').set({ session: credentialCipher(Buffer.alloc(32, 9)).encrypt('{}') }).where('id', '=', id).execute();
      const before = createSessions();
      assert.equal((await post(worker(id).publisher, 'Parking permits are free for carers.')).kind, 'published');
      assert.equal(createSessions(), before + 1);
    });

    it('logs a session it cannot store, and never a token or the app password', async () => {
      const gone = await dialect.open();
      await gone.close();
      assert.equal(await channelSessionStore(gone.db, cipher, 'no-such-channel', logger).load(), undefined);
      const id = await channelOn('Logged on Bluesky');
      const store = channelSessionStore(failing('UpdateQueryNode'), cipher, id, logger);
      const session = await store.load();
      assert.ok(session);
      seen.push(session);
      store.save(session);
      await store.settled();
      assert.match(logged, /could not store the Bluesky session of a channel/);
      assert.match(logged, /could not read the stored Bluesky session/);
      assert.ok(seen.length >= 5);
      for (const s of seen) for (const secret of [s.accessJwt, s.refreshJwt]) assert.ok(!logged.includes(secret), 'no token in the logs');
      assert.ok(!logged.includes(pds.appPassword), 'no app password in the logs');
    });
  });
}
