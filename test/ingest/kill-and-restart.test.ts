import { strict as assert } from 'node:assert';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { openStorage } from '../../src/app.js';
import { deleteEvent, didFor, identityEvent, likeEvent, postEvent } from '../../src/listening/sources/bluesky/jetstream-fixtures.js';
import { findSourceRow } from '../../src/listening/sources/source-repository.js';
import { createSource } from '../../src/listening/sources/sources.js';
import { credentialCipher } from '../../src/platform/secrets/encryption.js';
import { type FakeMessage, startJetstreamServer } from '../fakes/jetstream-server.js';

const POSTS = 3000;
const T0 = 1_760_000_000_000_000;
const worker = fileURLToPath(new URL('ingest-worker.ts', import.meta.url));
const dids = Array.from({ length: 40 }, (_, i) => didFor(`resident${i}.bsky.social`));

/**
 * A stream of 3,000 posts, every other one about the council, with edits and deletions of some of those later on,
 * and likes, handle changes and unreadable events between; 10 ms apart. Returns the stream and the mentions that
 * should be stored from it: at:// URI → final text.
 */
function firehose(): { events: FakeMessage[]; expected: Map<string, string> } {
  const planned: { at: number; make: (timeUs: number) => FakeMessage }[] = [];
  const expected = new Map<string, string>();
  for (let i = 0; i < POSTS; i += 1) {
    const did = dids[i % dids.length] ?? '';
    const rkey = `3lpost${i}`;
    const about = i % 2 === 0;
    const text = about ? `The council has not collected the bins on street ${i}` : `A lovely walk along the river, day ${i}`;
    planned.push({ at: i, make: (timeUs) => postEvent({ did, rkey, timeUs, text, langs: ['en'] }) });
    if (about) expected.set(`at://${did}/app.bsky.feed.post/${rkey}`, text);
    if (about && i % 10 === 0) {
      const edited = `${text}, and still nothing a week later`;
      planned.push({ at: i + 37.5, make: (timeUs) => postEvent({ did, rkey, timeUs, text: edited, langs: ['en'], operation: 'update' }) });
      expected.set(`at://${did}/app.bsky.feed.post/${rkey}`, edited);
    }
    if (about && i % 15 === 0) {
      planned.push({ at: i + 53.5, make: (timeUs) => deleteEvent(did, rkey, timeUs) });
      expected.delete(`at://${did}/app.bsky.feed.post/${rkey}`);
    }
    if (i % 50 === 25) planned.push({ at: i + 0.5, make: (timeUs) => likeEvent(did, `at://${did}/app.bsky.feed.post/3lpost0`, timeUs) });
    if (i % 100 === 50) planned.push({ at: i + 0.5, make: (timeUs) => identityEvent(did, `resident${i}.example.org`, timeUs) });
    if (i % 500 === 250) planned.push({ at: i + 0.5, make: (timeUs) => ({ time_us: timeUs, raw: `{"did":"${did}","time_us":${timeUs},"kind":"commit","commit":` }) });
  }
  const events = planned.sort((a, b) => a.at - b.at).map((event, n) => event.make(T0 + n * 10_000));
  return { events, expected };
}

function startWorker(dataDir: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, dataDir, 'council'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  return { child, output: () => output };
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('ingest killed mid-way', () => {
  it('loses no mention and stores none twice when the worker is killed with SIGKILL and started again', async () => {
    const { events, expected } = firehose();
    const lastTime = events.at(-1)?.time_us;
    const posts = events.filter((event) => !('kind' in event) || event.kind !== 'commit' || event.commit.collection === 'app.bsky.feed.post');
    // The first connection goes silent after 60% of the stream, so the first worker cannot have finished when killed.
    const server = await startJetstreamServer({ events, pace: { events: 100, everyMs: 10 }, faults: [{ after: Math.floor(posts.length * 0.6), then: 'stall' }] });
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-kill-'));
    const storage = await openStorage({ dataDir, databaseUrl: undefined });
    const { db } = storage;
    try {
      const { source } = await createSource(db, { type: 'system', label: 'test' }, credentialCipher(Buffer.alloc(32, 9)), { kind: 'bluesky', name: 'Firehose', config: { jetstreamUrl: server.url } });
      const stored = () => db.selectFrom('mentions').select(['external_id', 'text']).where('source_id', '=', source.id).execute();

      const first = startWorker(dataDir);
      await waitFor(async () => (await stored()).length > 0, `the first worker to store something (${first.output()})`);
      first.child.kill('SIGKILL');
      await once(first.child, 'exit');
      const atKill = (await stored()).length;
      assert.ok(atKill < expected.size, 'killed before the end');

      const second = startWorker(dataDir);
      await waitFor(async () => (await findSourceRow(db, source.id))?.state === JSON.stringify({ cursor: lastTime }), `the second worker to commit the last event (${second.output()})`);
      second.child.kill('SIGTERM');
      await once(second.child, 'exit');
      assert.equal(second.child.exitCode, 0, second.output());

      const rows = await stored();
      assert.equal(rows.length, expected.size, 'every mention stored, and once');
      for (const row of rows) assert.equal(row.text, expected.get(row.external_id), row.external_id);
      const links = await db.selectFrom('mention_watches').innerJoin('mentions', 'mentions.id', 'mention_watches.mention_id').select(['mention_watches.watch_id']).where('mentions.source_id', '=', source.id).execute();
      assert.deepEqual(new Set(links.map((link) => link.watch_id)), new Set(['watch-1']));
      assert.equal(links.length, expected.size, 'one watch link per mention');
      const { entries } = await db.selectFrom('mentions_fts').select((eb) => eb.fn.countAll<number>().as('entries')).executeTakeFirstOrThrow();
      assert.equal(entries, expected.size, 'one search entry per mention');
      assert.equal((await db.selectFrom('mention_sightings').select('external_id').execute()).length, 0);
      assert.equal(server.queries[0], 'wantedCollections=app.bsky.feed.post');
      assert.match(server.queries.at(-1) ?? '', /^wantedCollections=app\.bsky\.feed\.post&cursor=\d+$/, 'the restart resumed from the saved cursor');
    } finally {
      await storage.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
