import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { startFeedServer, sampleFeed, type FeedServer } from '../../../../test/fakes/feed-server.js';
import { testDialects } from '../../../../test/support/test-databases.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { createLogger } from '../../../platform/logger.js';
import { credentialCipher } from '../../../platform/secrets/encryption.js';
import { createIngestRuntime } from '../../ingest/ingest-runtime.js';
import { createMatcher } from '../../query/matcher.js';
import { findSourceRow } from '../source-repository.js';
import { createSource } from '../sources.js';
import { feedAdapter, feedStateOf } from './feed-adapter.js';

const actor = { type: 'system', label: 'test' } as const;
const cipher = credentialCipher(Buffer.alloc(32, 5));

for (const dialect of testDialects()) {
  describe(`feed sources through the runtime on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    let server: FeedServer;
    before(async () => {
      handle = await dialect.open();
      server = await startFeedServer();
    });
    after(async () => {
      await server.close();
      await handle.close();
    });

    it('polls a real HTTP feed, stores every item of a keep-everything source, and sends the ETag back next time', async () => {
      server.route('/news.xml', { kind: 'feed', body: sampleFeed('rss'), contentType: 'application/rss+xml', etag: '"n1"' });
      const { source } = await createSource(handle.db, actor, cipher, { kind: 'rss', name: 'Council news', keepAll: true, config: { url: server.url('/news.xml'), intervalSeconds: 60 } });
      const runtime = createIngestRuntime({ network: { allowPrivate: true }, db: handle.db, cipher, matcher: createMatcher(), adapters: { rss: feedAdapter }, owner: 'w', logger: createLogger('silent') });
      await runtime.tick();
      await Promise.all(runtime.running.values());
      const row = await findSourceRow(handle.db, source.id);
      assert.ok(row);
      assert.equal(row.last_error, null);
      assert.ok(row.items_stored > 0);
      assert.equal(row.items_stored, row.items_received);
      assert.equal(feedStateOf(JSON.parse(row.state))?.etag, '"n1"');
      await handle.db.updateTable('sources').set({ next_run_at: new Date(0).toISOString() }).where('id', '=', source.id).execute();
      await runtime.tick();
      await Promise.all(runtime.running.values());
      const last = server.requests.at(-1);
      assert.equal(last?.headers['if-none-match'], '"n1"');
      assert.equal((await findSourceRow(handle.db, source.id))?.items_received, row.items_received, 'a 304 adds nothing');
      await runtime.stop();
    });

    it('shows a failing feed’s error on the source and backs off', async () => {
      server.route('/busy.xml', { kind: 'status', status: 429, retryAfter: '600' });
      const { source } = await createSource(handle.db, actor, cipher, { kind: 'rss', name: 'Busy', config: { url: server.url('/busy.xml') } });
      const runtime = createIngestRuntime({ network: { allowPrivate: true }, db: handle.db, cipher, matcher: createMatcher(), adapters: { rss: feedAdapter }, owner: 'w', logger: createLogger('silent') });
      await runtime.tick();
      await Promise.all(runtime.running.values());
      const row = await findSourceRow(handle.db, source.id);
      assert.match(row?.last_error ?? '', /429/);
      assert.ok(Date.parse(row?.next_run_at ?? '') >= Date.now() + 590_000);
      await runtime.stop();
    });

    it('reads no source on a private address unless that is allowed, and says so on the source', async () => {
      server.route('/inside.xml', { kind: 'feed', body: sampleFeed('rss'), contentType: 'application/rss+xml' });
      const { source } = await createSource(handle.db, actor, cipher, { kind: 'rss', name: 'Inside', keepAll: true, config: { url: server.url('/inside.xml') } });
      const before = server.requests.length;
      const runtime = createIngestRuntime({ network: { allowPrivate: false }, db: handle.db, cipher, matcher: createMatcher(), adapters: { rss: feedAdapter }, owner: 'w', logger: createLogger('silent') });
      await runtime.tick();
      await Promise.all(runtime.running.values());
      const row = await findSourceRow(handle.db, source.id);
      assert.match(row?.last_error ?? '', /127\.0\.0\.1 is on a private network.*PARLEY_ALLOW_PRIVATE_SOURCES/);
      assert.equal(row?.items_stored, 0);
      assert.equal(server.requests.length, before, 'the feed server was never asked');
      await runtime.stop();
    });
  });
}
