import { strict as assert } from 'node:assert';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { startMastodonServer, waitUntil, type MastodonServer, type MastodonServerOptions } from '../../../../test/fakes/mastodon-server.js';
import { testDialects } from '../../../../test/support/test-databases.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { createLogger } from '../../../platform/logger.js';
import { credentialCipher } from '../../../platform/secrets/encryption.js';
import { createIngestRuntime, type IngestRuntime } from '../../ingest/ingest-runtime.js';
import { createMatcher, type Matcher } from '../../query/matcher.js';
import { findSourceRow } from '../source-repository.js';
import { createSource } from '../sources.js';
import { createMastodonAdapter } from './mastodon-adapter.js';

const actor = { type: 'system', label: 'test' } as const;
const cipher = credentialCipher(Buffer.alloc(32, 9));
const adapter = createMastodonAdapter({ reconnectBaseMs: 5, reconnectMaxMs: 20, pollIntervalMs: 20, requestTimeoutMs: 60_000, connectTimeoutMs: 60_000 });

for (const dialect of testDialects()) {
  describe(`Mastodon sources through the runtime on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    let server: MastodonServer;
    let runtime: IngestRuntime | undefined;
    before(async () => { handle = await dialect.open(); });
    after(() => handle.close());
    beforeEach(async () => {
      // Each test runs only its own sources.
      await handle.db.updateTable('sources').set({ status: 'paused' }).execute();
    });
    afterEach(async () => {
      await runtime?.stop();
      runtime = undefined;
      await server.close();
    });

    async function start(options: { server?: MastodonServerOptions; matcher?: Matcher } = {}): Promise<IngestRuntime> {
      server = await startMastodonServer(options.server);
      runtime = createIngestRuntime({ network: { allowPrivate: true }, db: handle.db, cipher, matcher: options.matcher ?? createMatcher(), adapters: { mastodon: adapter }, owner: `w-${dialect.name}`, logger: createLogger('silent') });
      return runtime;
    }

    async function addSource(settings: { name?: string; token?: string | null; keepAll?: boolean; includeOptedOut?: boolean; timeline?: string; hashtags?: string[] } = {}): Promise<string> {
      const token = settings.token === undefined ? server.token : settings.token;
      const { source } = await createSource(handle.db, actor, cipher, {
        kind: 'mastodon', name: settings.name ?? 'Social Example', keepAll: settings.keepAll ?? true, includeOptedOut: settings.includeOptedOut ?? false,
        ...(token === null ? {} : { token }),
        config: { instanceUrl: server.origin, timeline: settings.timeline ?? 'local', hashtags: settings.hashtags ?? [] },
      });
      return source.id;
    }

    async function texts(sourceId: string): Promise<string[]> {
      // The fake's ids increase with each post (as Mastodon's do), whereas two posts can share a millisecond.
      const rows = await handle.db.selectFrom('mentions').select('text').where('source_id', '=', sourceId).orderBy('external_id').execute();
      return rows.map((row) => row.text);
    }

    async function counts(sourceId: string): Promise<{ received: number; malformed: number; sinceIds: unknown }> {
      const row = await findSourceRow(handle.db, sourceId);
      assert.ok(row);
      const state: unknown = JSON.parse(row.state);
      return { received: row.items_received, malformed: row.items_malformed, sinceIds: state !== null && typeof state === 'object' && 'sinceIds' in state ? state.sinceIds : null };
    }

    it('catches up by REST, then follows the stream live', async () => {
      const run = await start();
      const earlier = server.post({ account: { username: 'eirlys', displayName: 'Eirlys' }, text: 'Bins missed on Heol y Dŵr #biniau', language: 'cy' });
      const sourceId = await addSource();
      await run.tick();
      await waitUntil(() => server.subscriptions().includes('public:local'), 'the stream subscription');
      await waitUntil(async () => (await texts(sourceId)).length === 1, 'the catch-up');
      assert.deepEqual(await texts(sourceId), ['Bins missed on Heol y Dŵr #biniau']);
      const live = server.post({ account: { username: 'sam' }, text: 'Library closed early @council@gov.example https://council.example/libraries' });
      server.post({ account: { username: 'far', domain: 'elsewhere.example' }, text: 'Not on the local timeline' });
      await waitUntil(async () => (await texts(sourceId)).length === 2, 'the live status');
      const stored = await handle.db.selectFrom('mentions').selectAll().where('source_id', '=', sourceId).orderBy('external_id').execute();
      assert.deepEqual(stored.map((m) => [m.external_id, m.author_handle, m.author_name, m.source_kind, m.url]), [
        [`${new URL(server.origin).host}:${String(earlier.id)}`, 'eirlys@social.example', 'Eirlys', 'mastodon', earlier.url],
        [`${new URL(server.origin).host}:${String(live.id)}`, 'sam@social.example', 'sam', 'mastodon', live.url],
      ]);
      const [first, second] = stored;
      assert.ok(first && second);
      assert.equal(second.text, 'Library closed early @council https://council.example/libraries');
      assert.equal(second.links, '["https://council.example/libraries"]');
      assert.equal(second.mentioned, '["council@gov.example"]');
      assert.equal(first.hashtags, '["biniau"]');
      assert.equal(first.language, 'cy');
      assert.deepEqual((await counts(sourceId)).sinceIds, { local: String(live.id) });
    });

    it('matches edits again and removes deleted statuses', async () => {
      const matcher = createMatcher();
      matcher.set('potholes', 'pothole');
      const run = await start({ matcher });
      const sourceId = await addSource({ keepAll: false, timeline: 'none', hashtags: ['roads'] });
      await run.tick();
      await waitUntil(() => server.subscriptions().includes('hashtag:roads'), 'the stream subscription');
      const plain = server.post({ account: { username: 'a' }, text: 'Road by the school #roads' });
      await waitUntil(async () => (await counts(sourceId)).received === 1, 'the first status');
      assert.deepEqual(await texts(sourceId), [], 'it matches no watch');
      server.edit(String(plain.id), 'Pothole by the school #roads');
      await waitUntil(async () => (await texts(sourceId)).length === 1, 'the edit to be matched');
      const other = server.post({ account: { username: 'b' }, text: 'Another pothole #roads' });
      await waitUntil(async () => (await texts(sourceId)).length === 2, 'the second status');
      server.edit(String(other.id), 'Another pothole, now filled #roads');
      await waitUntil(async () => (await texts(sourceId)).includes('Another pothole, now filled #roads'), 'the edited text');
      server.remove(String(plain.id));
      await waitUntil(async () => (await texts(sourceId)).length === 1, 'the deletion');
      assert.deepEqual(await texts(sourceId), ['Another pothole, now filled #roads']);
    });

    it('leaves out accounts that opted out of indexing, unless an admin includes them', async () => {
      const run = await start();
      const respectful = await addSource({ name: 'Respects opt-outs' });
      const inclusive = await addSource({ name: 'Includes opt-outs', includeOptedOut: true });
      await run.tick();
      await waitUntil(() => server.subscriptions().length === 2, 'both sources streaming');
      server.post({ account: { username: 'private', indexable: false }, text: 'Not indexable' });
      server.post({ account: { username: 'hidden', noindex: true }, text: 'No index please' });
      const last = server.post({ account: { username: 'open', indexable: true, noindex: false }, text: 'Happy to be heard' });
      await waitUntil(async () => (await texts(inclusive)).length === 3, 'all three on the inclusive source');
      await waitUntil(async () => JSON.stringify((await counts(respectful)).sinceIds) === JSON.stringify({ local: String(last.id) }), 'the other source to move on');
      assert.deepEqual(await texts(respectful), ['Happy to be heard']);
    });

    it('catches up after a disconnection, delivering what was posted meanwhile exactly once', async () => {
      const run = await start();
      const sourceId = await addSource();
      await run.tick();
      await waitUntil(() => server.subscriptions().length === 1, 'the stream subscription');
      const before = server.post({ account: { username: 'a' }, text: 'Before the drop' });
      await waitUntil(async () => (await texts(sourceId)).length === 1, 'the live status');
      server.dropStreams();
      // Posted while the client is disconnected: no stream carries these.
      server.post({ account: { username: 'b' }, text: 'During the drop one' });
      server.post({ account: { username: 'c' }, text: 'During the drop two' });
      await waitUntil(() => server.streamingAttempts === 2 && server.subscriptions().length === 1, 'the reconnection');
      server.post({ account: { username: 'd' }, text: 'After the drop' });
      await waitUntil(async () => (await texts(sourceId)).length === 4, 'every status');
      assert.deepEqual(await texts(sourceId), ['Before the drop', 'During the drop one', 'During the drop two', 'After the drop']);
      assert.equal((await counts(sourceId)).received, 4, 'each delivered once');
      const catchUps = server.requests.filter((r) => r.path === '/api/v1/timelines/public');
      assert.equal(catchUps.at(-1)?.query.get('min_id'), String(before.id), 'the catch-up starts from the last status streamed');
    });

    it('polls by REST when the instance streams only to signed-in users and the source has no token', async () => {
      const run = await start();
      const sourceId = await addSource({ token: null, timeline: 'none', hashtags: ['libraries'] });
      await run.tick();
      const first = server.post({ account: { username: 'a' }, text: 'Opening hours #libraries' });
      await waitUntil(async () => (await texts(sourceId)).length === 1, 'a polled status');
      server.post({ account: { username: 'b' }, text: 'New books #libraries' });
      await waitUntil(async () => (await texts(sourceId)).length === 2, 'the next polled status');
      assert.equal(server.streamingAttempts, 1, 'a refused token is not tried again');
      assert.ok(server.requests.some((r) => r.query.get('min_id') === String(first.id)));
      assert.ok(server.requests.every((r) => r.authorization === undefined));
    });

    it('polls while the streaming API is down, and streams again once it is back', async () => {
      const run = await start({ server: { streamingUrl: null } });
      server.setStreaming(503);
      const sourceId = await addSource();
      await run.tick();
      await waitUntil(() => server.streamingAttempts >= 2, 'a second try');
      server.post({ account: { username: 'a' }, text: 'Polled while streaming is down' });
      await waitUntil(async () => (await texts(sourceId)).length === 1, 'the polled status');
      server.setStreaming('open');
      await waitUntil(() => server.subscriptions().length === 1, 'streaming again');
      server.post({ account: { username: 'b' }, text: 'Streamed again' });
      await waitUntil(async () => (await texts(sourceId)).length === 2, 'the streamed status');
    });

    it('shows a refused token on the source, naming the instance, and backs off', async () => {
      const run = await start();
      const sourceId = await addSource({ token: 'not-the-token' });
      await run.tick();
      await Promise.all(run.running.values());
      const row = await findSourceRow(handle.db, sourceId);
      assert.equal(row?.last_error, `${new URL(server.origin).host} answered 401 Unauthorized: “The access token is invalid”. It does not accept the source’s access token: replace it.`);
      assert.equal(row.failures, 1);
      assert.ok(Date.parse(row.next_run_at) > Date.now());
    });

    it('honours a 429’s Retry-After and shows the error', async () => {
      const run = await start();
      server.failNext('/api/v1/timelines', 429, { retryAfter: '900' });
      const sourceId = await addSource();
      await run.tick();
      await Promise.all(run.running.values());
      const row = await findSourceRow(handle.db, sourceId);
      assert.match(row?.last_error ?? '', /429 Too Many Requests/);
      assert.ok(Date.parse(row?.next_run_at ?? '') >= Date.now() + 890_000);
    });

    it('counts and skips malformed statuses and messages', async () => {
      const run = await start();
      const sourceId = await addSource();
      server.addRaw({ id: 'x', content: 'no date, no account' });
      await run.tick();
      await waitUntil(() => server.subscriptions().length === 1, 'the stream subscription');
      server.addRaw({ id: 'y', created_at: 'not a date', content: '<p>hi</p>', account: { acct: 'a' } });
      server.sendRaw('{"event":"update","payload":"{not json"}');
      server.post({ account: { username: 'a' }, text: 'A good one' });
      await waitUntil(async () => (await texts(sourceId)).length === 1, 'the good status');
      await waitUntil(async () => (await counts(sourceId)).malformed === 3, 'three malformed items');
      assert.deepEqual(await texts(sourceId), ['A good one']);
    });

    it('resumes after a restart from the since_id it committed', async () => {
      const first = await start();
      const sourceId = await addSource();
      await first.tick();
      await waitUntil(() => server.subscriptions().length === 1, 'the stream subscription');
      const last = server.post({ account: { username: 'a' }, text: 'Before the restart' });
      await waitUntil(async () => (await texts(sourceId)).length === 1, 'the live status');
      await first.stop();
      assert.deepEqual((await counts(sourceId)).sinceIds, { local: String(last.id) });
      server.post({ account: { username: 'b' }, text: 'While Parley was stopped' });
      runtime = createIngestRuntime({ network: { allowPrivate: true }, db: handle.db, cipher, matcher: createMatcher(), adapters: { mastodon: adapter }, owner: 'restarted', logger: createLogger('silent') });
      await runtime.tick();
      await waitUntil(async () => (await texts(sourceId)).length === 2, 'the status posted while stopped');
      assert.deepEqual(await texts(sourceId), ['Before the restart', 'While Parley was stopped']);
      assert.equal((await counts(sourceId)).received, 2);
      assert.equal(server.requests.filter((r) => r.path === '/api/v1/timelines/public').at(-1)?.query.get('min_id'), String(last.id));
    });
  });
}
