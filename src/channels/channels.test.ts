import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { startBlueskyPds, type BlueskyPds } from '../../test/fakes/bluesky-pds.js';
import { startMastodonServer, type MastodonServer } from '../../test/fakes/mastodon-server.js';
import { testDialects } from '../../test/support/test-databases.js';
import type { Actor } from '../platform/audit/audit-log.js';
import { createTeam } from '../platform/auth/teams.js';
import type { Database, DatabaseHandle } from '../platform/db/database.js';
import { credentialCipher } from '../platform/secrets/encryption.js';
import { checkWithPlatform } from './channel-publisher.js';
import { findActiveChannelFor } from './channel-repository.js';
import { activateChannel, createChannel, openChannelSecret, pauseChannel, updateChannelAccount, updateChannelPlan } from './channels.js';

const actor: Actor = { type: 'system', label: 'test' };
const cipher = credentialCipher(Buffer.alloc(32, 7));
const problemsOf = (error: unknown) => (error instanceof Error && 'problems' in error && Array.isArray(error.problems) ? error.problems.map((p: { path: string }) => p.path) : []);

for (const dialect of testDialects()) {
  describe(`channels on ${dialect.name}`, () => {
    let storage: DatabaseHandle;
    let db: Kysely<Database>;
    let mastodon: MastodonServer;
    let pds: BlueskyPds;
    let teamId: string;
    const plan = () => ({ objectives: 'Answer questions about benefits', teamId, staffedHours: 'Monday to Friday, 9am to 5pm', promiseAmount: 2, promiseUnit: 'working_days' });

    before(async () => {
      storage = await dialect.open();
      db = storage.db;
      mastodon = await startMastodonServer({ maxCharacters: 1000 });
      pds = await startBlueskyPds();
      teamId = (await createTeam(db, actor, { name: 'Benefits' })).id;
    });
    after(async () => {
      await mastodon.close();
      await pds.close();
      await storage.close();
    });

    it('keeps a channel without a plan as a draft, and says what its plan lacks', async () => {
      const channel = await createChannel(db, actor, cipher, { platform: 'mastodon', name: 'Draft only', config: { instanceUrl: mastodon.origin } });
      assert.equal(channel.status, 'draft');
      assert.deepEqual(channel.missing.map((m) => m.field), ['objectives', 'teamId', 'staffedHours', 'promiseAmount', 'secret']);
      await assert.rejects(activateChannel(db, actor, cipher, checkWithPlatform, channel.id), (error) => problemsOf(error).length === 5);
    });

    it('switches a Mastodon channel on once its plan is complete and the instance accepts the token, audited', async () => {
      const channel = await createChannel(db, actor, cipher, { platform: 'mastodon', name: 'Benefits on Mastodon', config: { instanceUrl: `${mastodon.origin}/` }, secret: mastodon.token, ...plan() });
      const on = await activateChannel(db, actor, cipher, checkWithPlatform, channel.id);
      assert.equal(on.status, 'active');
      assert.equal(on.maxCharacters, 1000);
      assert.ok(on.accountHandle);
      assert.deepEqual(on.promise, { amount: 2, unit: 'working_days' });
      assert.equal(on.config.instanceUrl, mastodon.origin, 'the trailing slash is dropped');
      assert.equal((await findActiveChannelFor(db, 'mastodon', teamId))?.id, on.id);
      const stored = await db.selectFrom('channels').select('credentials').where('id', '=', on.id).executeTakeFirstOrThrow();
      assert.ok(stored.credentials !== null && !stored.credentials.includes(mastodon.token), 'the token is sealed at rest');
      assert.equal(await openChannelSecret(db, cipher, on.id), mastodon.token);
      const actions = (await db.selectFrom('audit_events').select('action').where('subject_id', '=', on.id).orderBy('seq').execute()).map((e) => e.action);
      assert.deepEqual(actions, ['channel.created', 'channel.activated']);
    });

    it('refuses to switch on with credentials the platform refuses, and shows the platform’s message', async () => {
      const channel = await createChannel(db, actor, cipher, { platform: 'mastodon', name: 'Wrong token', config: { instanceUrl: mastodon.origin }, secret: 'not-the-token', ...plan() });
      await assert.rejects(activateChannel(db, actor, cipher, checkWithPlatform, channel.id), (error) => problemsOf(error)[0] === 'secret');
      const after = await db.selectFrom('channels').select(['status', 'credentials_problem']).where('id', '=', channel.id).executeTakeFirstOrThrow();
      assert.equal(after.status, 'draft');
      assert.ok(after.credentials_problem);
      const fixed = await updateChannelAccount(db, actor, cipher, channel.id, { config: { instanceUrl: mastodon.origin }, secret: mastodon.token });
      assert.equal(fixed.credentialsProblem, null, 'a new secret clears the old problem');
      assert.equal((await activateChannel(db, actor, cipher, checkWithPlatform, channel.id)).status, 'active');
    });

    it('switches a Bluesky channel on with an app password', async () => {
      const channel = await createChannel(db, actor, cipher, { platform: 'bluesky', name: 'Benefits on Bluesky', config: { service: pds.origin, handle: `@${pds.handle.toUpperCase()}` }, secret: pds.appPassword, ...plan() });
      assert.equal(channel.config.handle, pds.handle);
      const on = await activateChannel(db, actor, cipher, checkWithPlatform, channel.id);
      assert.equal(on.status, 'active');
      assert.equal(on.maxCharacters, 300);
    });

    it('pauses a channel whose plan loses a part, and on request', async () => {
      const channel = await createChannel(db, actor, cipher, { platform: 'mastodon', name: 'Will lose its plan', config: { instanceUrl: mastodon.origin }, secret: mastodon.token, ...plan() });
      await activateChannel(db, actor, cipher, checkWithPlatform, channel.id);
      const edited = await updateChannelPlan(db, actor, channel.id, { ...plan(), name: 'Will lose its plan', objectives: '' });
      assert.equal(edited.status, 'paused');
      await updateChannelPlan(db, actor, channel.id, { ...plan(), name: 'Will lose its plan' });
      await activateChannel(db, actor, cipher, checkWithPlatform, channel.id);
      assert.equal((await pauseChannel(db, actor, channel.id)).status, 'paused');
    });

    it('names each field that is wrong', async () => {
      await assert.rejects(
        createChannel(db, actor, cipher, { platform: 'mastodon', name: '', config: { instanceUrl: 'mastodon dot social' }, promiseAmount: 3 }),
        (error) => ['name', 'config.instanceUrl'].every((path) => problemsOf(error).includes(path)),
      );
      await assert.rejects(createChannel(db, actor, cipher, { platform: 'bluesky', name: 'Bad handle', config: { handle: 'not a handle' } }), (error) => problemsOf(error).includes('config.handle'));
      await assert.rejects(createChannel(db, actor, cipher, { platform: 'mastodon', name: 'Half a promise', config: { instanceUrl: mastodon.origin }, promiseAmount: 3 }), (error) => problemsOf(error).includes('promiseUnit'));
      await assert.rejects(createChannel(db, actor, cipher, { platform: 'mastodon', name: 'Benefits on Mastodon', config: { instanceUrl: mastodon.origin } }), (error) => problemsOf(error).includes('name'));
      await assert.rejects(createChannel(db, actor, cipher, { platform: 'myspace', name: 'Nope' }), (error) => problemsOf(error).includes('platform'));
    });
  });
}
