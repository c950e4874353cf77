import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../../test/support/test-databases.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { createLogger } from '../../platform/logger.js';
import { credentialCipher } from '../../platform/secrets/encryption.js';
import { searchMentions } from '../mentions/search.js';
import type { IncomingMention } from '../mentions/incoming-mention.js';
import { createMatcher } from '../query/matcher.js';
import { SourceRunError, type SourceAdapter } from '../sources/source-adapter.js';
import { findSourceRow } from '../sources/source-repository.js';
import { createSource } from '../sources/sources.js';
import { createIngestRuntime } from './ingest-runtime.js';

const actor = { type: 'system', label: 'test' } as const;
const cipher = credentialCipher(Buffer.alloc(32, 3));
const logger = createLogger('silent');

function mention(externalId: string, text: string): IncomingMention {
  return { sourceKind: 'rss', externalId, url: `https://news.example.gov.uk/${externalId}`, authorHandle: null, authorName: 'Council news', text, declaredLanguage: 'en', createdAt: '2026-11-20T10:00:00.000Z', links: [], hashtags: [], mentions: [], replyTo: null };
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** What a streaming adapter does: runs until its run is aborted (and, like a real one, not at all if it already is). */
function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

for (const dialect of testDialects()) {
  describe(`ingest runtime on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    before(async () => { handle = await dialect.open(); });
    after(() => handle.close());

    it('runs a due source, stores the items that match a watch with the source’s progress, and schedules the next run', async () => {
      const { source } = await createSource(handle.db, actor, cipher, { kind: 'rss', name: 'Council news', config: { url: 'https://news.example.gov.uk/feed' } });
      const matcher = createMatcher();
      matcher.set('bins', 'bins');
      const adapter: SourceAdapter = {
        mode: 'poll',
        async poll(run) {
          await run.deliver({ mentions: [mention('1', 'Bins collected late this week'), mention('2', 'Library opening hours')], malformed: 1, state: { etag: '"v2"' } });
          return { nextRunAt: new Date(Date.now() + 300_000) };
        },
      };
      const runtime = createIngestRuntime({ network: { allowPrivate: true }, db: handle.db, cipher, matcher, adapters: { rss: adapter }, owner: 'worker-a', logger });
      await runtime.tick();
      await Promise.all(runtime.running.values());
      const row = await findSourceRow(handle.db, source.id);
      assert.equal(row?.items_received, 2);
      assert.equal(row.items_stored, 1);
      assert.equal(row.items_malformed, 1);
      assert.deepEqual(JSON.parse(row.state), { etag: '"v2"' });
      assert.equal(row.lease_owner, null, 'the lease is given back');
      assert.ok(Date.parse(row.next_run_at) > Date.now() + 200_000);
      const found = await searchMentions(handle.db, { text: 'bins', sort: 'newest', limit: 10 });
      assert.equal(found.mentions.length, 1);
      await runtime.tick();
      assert.equal(runtime.running.size, 0, 'not due again yet');
      await runtime.stop();
    });

    it('records a failing source’s error and backs off, without stopping the others', async () => {
      const { source: failing } = await createSource(handle.db, actor, cipher, { kind: 'mastodon', name: 'Down instance', config: { instanceUrl: 'https://down.example', hashtags: ['nhs'] } });
      const { source: healthy } = await createSource(handle.db, actor, cipher, { kind: 'bluesky', name: 'Jetstream', config: { jetstreamUrl: 'wss://jetstream.example/subscribe' } });
      const matcher = createMatcher();
      let healthyRuns = 0;
      const runtime = createIngestRuntime({
        network: { allowPrivate: true },
        db: handle.db, cipher, matcher, owner: 'worker-b', logger,
        adapters: {
          mastodon: { mode: 'poll', poll: () => Promise.reject(new SourceRunError('429 Too Many Requests from https://down.example', 120)) },
          bluesky: { mode: 'poll', poll: () => { healthyRuns += 1; return Promise.resolve({ nextRunAt: new Date(Date.now() + 60_000) }); } },
        },
      });
      await runtime.tick();
      await Promise.all(runtime.running.values());
      const row = await findSourceRow(handle.db, failing.id);
      assert.equal(row?.failures, 1);
      assert.match(row.last_error ?? '', /429 Too Many Requests/);
      assert.ok(Date.parse(row.next_run_at) >= Date.now() + 110_000, 'honours Retry-After');
      assert.equal(healthyRuns, 1);
      assert.equal((await findSourceRow(handle.db, healthy.id))?.failures, 0);
      await runtime.stop();
    });

    it('stops at once when asked while a source is still loading, and gives its lease back', { timeout: 10_000 }, async () => {
      const { source } = await createSource(handle.db, actor, cipher, { kind: 'bluesky', name: 'Just claimed', config: { jetstreamUrl: 'wss://jetstream.example/subscribe' } });
      let started = 0;
      // This adapter only ever hears of an abort that comes after it started, as an event would.
      const adapter: SourceAdapter = { mode: 'stream', stream: (run) => new Promise<void>((resolve) => { started += 1; run.signal.addEventListener('abort', () => resolve()); }) };
      const runtime = createIngestRuntime({ network: { allowPrivate: true }, db: handle.db, cipher, matcher: createMatcher(), adapters: { bluesky: adapter }, owner: 'worker-c', logger });
      await runtime.tick();
      assert.ok(runtime.running.size > 0, 'the source was claimed');
      await runtime.stop();
      assert.equal(started, 0, 'the adapter is not started once stopping has begun');
      assert.equal((await findSourceRow(handle.db, source.id))?.lease_owner, null);
    });

    it('stops at once when asked while it is claiming sources: none is started, and their leases are given back', { timeout: 10_000 }, async () => {
      const { source } = await createSource(handle.db, actor, cipher, { kind: 'bluesky', name: 'Being claimed', config: { jetstreamUrl: 'wss://jetstream.example/subscribe' } });
      let started = 0;
      const adapter: SourceAdapter = { mode: 'stream', stream: (run) => new Promise<void>((resolve) => { started += 1; run.signal.addEventListener('abort', () => resolve()); }) };
      const runtime = createIngestRuntime({ network: { allowPrivate: true }, db: handle.db, cipher, matcher: createMatcher(), adapters: { bluesky: adapter }, owner: 'worker-d', logger });
      const claiming = runtime.tick();
      await runtime.stop();
      await claiming;
      assert.equal(started, 0, 'no adapter starts once stopping has begun');
      assert.equal(runtime.running.size, 0, 'stop() waited for the runs the claim started');
      assert.equal((await findSourceRow(handle.db, source.id))?.lease_owner, null);
    });

    it('lets one worker at a time stream a source, and another take over when its lease lapses', async () => {
      const { source } = await createSource(handle.db, actor, cipher, { kind: 'bluesky', name: 'Stream', config: { jetstreamUrl: 'wss://jetstream.example/subscribe' } });
      const holders: string[] = [];
      const streaming = (name: string): SourceAdapter => ({
        mode: 'stream',
        stream: (run) => {
          if (run.source.id === source.id) holders.push(name);
          return untilAborted(run.signal);
        },
      });
      const matcher = createMatcher();
      const a = createIngestRuntime({ network: { allowPrivate: true }, db: handle.db, cipher, matcher, adapters: { bluesky: streaming('a') }, owner: 'worker-a', logger, leaseMs: 300 });
      const b = createIngestRuntime({ network: { allowPrivate: true }, db: handle.db, cipher, matcher, adapters: { bluesky: streaming('b') }, owner: 'worker-b', logger, leaseMs: 300 });
      try {
        await a.tick();
        await b.tick();
        assert.deepEqual(holders, ['a'], 'b may not take a source a holds');
        await new Promise((resolve) => setTimeout(resolve, 500));
        await b.tick();
        assert.deepEqual(holders, ['a'], 'a renews its lease while it streams');
        // A killed worker leaves its lease behind and stops renewing it: b takes over once it has lapsed.
        const { source: orphan } = await createSource(handle.db, actor, cipher, { kind: 'bluesky', name: 'Orphaned', config: { jetstreamUrl: 'wss://jetstream.example/subscribe' } });
        await handle.db.updateTable('sources').set({ lease_owner: 'killed-worker', lease_expires_at: new Date(Date.now() + 60_000).toISOString() }).where('id', '=', orphan.id).execute();
        await b.tick();
        assert.equal((await findSourceRow(handle.db, orphan.id))?.lease_owner, 'killed-worker', 'a live lease is respected');
        await handle.db.updateTable('sources').set({ lease_expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', orphan.id).execute();
        await b.tick();
        await waitFor(async () => (await findSourceRow(handle.db, orphan.id))?.lease_owner === 'worker-b', 'b to take over');
      } finally {
        await a.stop();
        await b.stop();
      }
    });
  });
}
