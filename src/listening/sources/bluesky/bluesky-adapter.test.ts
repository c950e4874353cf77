import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { type FakeMessage, type JetstreamServer, startJetstreamServer } from '../../../../test/fakes/jetstream-server.js';
import { testDialects } from '../../../../test/support/test-databases.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { createLogger } from '../../../platform/logger.js';
import { credentialCipher } from '../../../platform/secrets/encryption.js';
import { createIngestRuntime, type IngestRuntime } from '../../ingest/ingest-runtime.js';
import { createMatcher } from '../../query/matcher.js';
import { findSourceRow } from '../source-repository.js';
import { createSource } from '../sources.js';
import { createBlueskyAdapter } from './bluesky-adapter.js';
import { deleteEvent, didFor, identityEvent, likeEvent, postEvent } from './jetstream-fixtures.js';
import type { JetstreamSettings } from './jetstream-stream.js';

const actor = { type: 'system', label: 'test' } as const;
const cipher = credentialCipher(Buffer.alloc(32, 7));
const did = didFor('resident.bsky.social');
const T0 = 1_760_000_000_000_000;
const second = (n: number) => T0 + n * 1_000_000;
const uri = (rkey: string) => `at://${did}/app.bsky.feed.post/${rkey}`;

/** A day of a resident's posts: two about the council (one edited, one later deleted), one not, and other events. */
const stream: FakeMessage[] = [
  postEvent({ did, timeUs: second(1), rkey: 'p1', text: 'The council missed our bins again #bins', langs: ['en'] }),
  likeEvent(did, uri('p1'), second(2)),
  postEvent({ did, timeUs: second(3), rkey: 'p2', text: 'Lovely walk in the park today', langs: ['en'] }),
  { time_us: second(4), raw: '{"did":"did:plc:broken","time_us":' },
  postEvent({ did, timeUs: second(5), rkey: 'p3', text: 'Council tax bill is wrong https://www.gov.uk/council-tax', langs: ['en'] }),
  identityEvent(did, 'resident.example.org', second(6)),
  postEvent({ did, timeUs: second(7), rkey: 'p1', text: 'The council missed our bins again, third week #bins', langs: ['en'], operation: 'update' }),
  deleteEvent(did, 'p3', second(8)),
  postEvent({ did, timeUs: second(9), rkey: 'p4', text: 'Cyngor Caerdydd: council bins collected today, diolch', langs: ['cy'] }),
];
const lastTime = second(9);

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

for (const dialect of testDialects()) {
  describe(`Bluesky sources through the runtime on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    const servers: JetstreamServer[] = [];
    const runtimes: IngestRuntime[] = [];
    before(async () => { handle = await dialect.open(); });
    after(async () => {
      await Promise.all(runtimes.map((runtime) => runtime.stop()));
      await Promise.all(servers.map((server) => server.close()));
      await handle.close();
    });

    async function setUp(options: Parameters<typeof startJetstreamServer>[0], settings: Partial<JetstreamSettings> = {}) {
      const server = await startJetstreamServer(options);
      servers.push(server);
      // Each test's runtime runs only its own source.
      await handle.db.updateTable('sources').set({ status: 'paused' }).execute();
      const { source } = await createSource(handle.db, actor, cipher, { kind: 'bluesky', name: `Jetstream ${servers.length}`, config: { jetstreamUrl: server.url } });
      const matcher = createMatcher();
      matcher.set('council', 'council OR cyngor');
      const runtime = createIngestRuntime({ network: { allowPrivate: true }, db: handle.db, cipher, matcher, adapters: { bluesky: createBlueskyAdapter({ maxBatchWaitMs: 5, ...settings }) }, owner: `worker-${servers.length}`, logger: createLogger('silent') });
      runtimes.push(runtime);
      return { server, source, runtime };
    }
    const cursorOf = async (id: string): Promise<unknown> => {
      const state: unknown = JSON.parse((await findSourceRow(handle.db, id))?.state ?? '{}');
      return state;
    };
    const storedOf = (id: string) => handle.db.selectFrom('mentions').select(['external_id', 'text', 'url', 'author_handle', 'reply_to', 'links', 'hashtags']).where('source_id', '=', id).orderBy('external_id').execute();

    it('streams posts, keeps those that match with their text, links and tags, applies edits and deletes, counts the malformed and saves the cursor', async () => {
      const { server, source, runtime } = await setUp({ events: stream });
      await runtime.tick();
      await waitFor(async () => JSON.stringify(await cursorOf(source.id)) === JSON.stringify({ cursor: lastTime }), 'the last event to be committed');
      assert.deepEqual(server.queries, ['wantedCollections=app.bsky.feed.post'], 'a new source subscribes to posts from now');
      const stored = await storedOf(source.id);
      assert.deepEqual(stored.map((row) => row.external_id), [uri('p1'), uri('p4')]);
      assert.equal(stored[0]?.text, 'The council missed our bins again, third week #bins', 'the edit replaced the text');
      assert.equal(stored[0].url, `https://bsky.app/profile/${did}/post/p1`);
      assert.equal(stored[0].author_handle, did);
      assert.deepEqual(JSON.parse(stored[0].hashtags), ['bins']);
      const row = await findSourceRow(handle.db, source.id);
      assert.equal(row?.items_malformed, 1);
      assert.equal(row.last_error, null);
      await runtime.stop();
      await waitFor(() => Promise.resolve(server.open === 0), 'stopping to close the connection');
    });

    it('reconnects after the connection drops, resuming a little before the committed cursor, and stores each post once', async () => {
      const { server, source, runtime } = await setUp({ events: stream, faults: [{ after: 3, then: 'drop' }, { after: 4, then: 'drop' }] });
      await runtime.tick();
      await waitFor(async () => JSON.stringify(await cursorOf(source.id)) === JSON.stringify({ cursor: lastTime }), 'the last event to be committed');
      // Posts only, so no like. The first connection ends after p1, p2 and the unreadable event (which has no time): the
      // cursor is p2's. The second, from 2 s before it, repeats those and ends after p3.
      assert.deepEqual(server.queries, [
        'wantedCollections=app.bsky.feed.post',
        `wantedCollections=app.bsky.feed.post&cursor=${second(1)}`,
        `wantedCollections=app.bsky.feed.post&cursor=${second(3)}`,
      ]);
      assert.deepEqual((await storedOf(source.id)).map((row) => row.external_id), [uri('p1'), uri('p4')]);
      assert.equal((await findSourceRow(handle.db, source.id))?.failures, 0);
      await runtime.stop();
    });

    it('starts a restarted source from its saved cursor', async () => {
      const { server, source, runtime } = await setUp({ events: stream });
      await handle.db.updateTable('sources').set({ state: JSON.stringify({ cursor: second(7) }) }).where('id', '=', source.id).execute();
      await runtime.tick();
      await waitFor(async () => JSON.stringify(await cursorOf(source.id)) === JSON.stringify({ cursor: lastTime }), 'the last event to be committed');
      assert.deepEqual(server.queries, [`wantedCollections=app.bsky.feed.post&cursor=${second(5)}`]);
      assert.deepEqual((await storedOf(source.id)).map((row) => row.external_id), [uri('p1'), uri('p4')], 'from 2 s before: the edit and p4; p3 is deleted');
      await runtime.stop();
    });

    it('backs off while the server refuses, and reconnects when it accepts again', async () => {
      const { server, source, runtime } = await setUp({ events: stream }, { random: () => 0 });
      server.refuse(503);
      await runtime.tick();
      await waitFor(() => Promise.resolve(server.queries.length === 1), 'the first attempt');
      server.refuse(null);
      await waitFor(async () => JSON.stringify(await cursorOf(source.id)) === JSON.stringify({ cursor: lastTime }), 'the last event to be committed');
      assert.ok(server.queries.length >= 2, 'connected again after the refusal');
      assert.equal((await findSourceRow(handle.db, source.id))?.last_error, null, 'a refusal followed by success is not an error');
      await runtime.stop();
    });

    it('fails the run after too many refusals in a row, showing the error on the source and honouring Retry-After', async () => {
      const { server, source, runtime } = await setUp({ events: stream }, { maxAttempts: 1 });
      server.refuse(429, '600');
      await runtime.tick();
      await Promise.all(runtime.running.values());
      const row = await findSourceRow(handle.db, source.id);
      assert.ok(row);
      assert.match(row.last_error ?? '', /^Jetstream at 127\.0\.0\.1:\d+: The server answered 429/);
      assert.equal(row.failures, 1);
      assert.ok(Date.parse(row.next_run_at) >= Date.now() + 590_000);
      assert.deepEqual(await cursorOf(source.id), {});
      await runtime.stop();
    });
  });
}
