// npm run bench -- ingest [events] [watches]: replays a seeded file of Jetstream events (200,000 events and 1,000
// watches matching about 2% of the posts by default, written to bench/data/ once) through the whole pipeline into a
// fresh SQLite file, as the Bluesky adapter hands them over: each line read → Jetstream event → IncomingMention,
// 500 events a batch → ingestBatch (match against the watches, enrich those that matched, store them, apply the
// deletions and save the cursor in one transaction). One process, one thread. Prints one JSON object.
import { readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { openStorage } from '../src/app.js';
import { ingestBatch } from '../src/listening/ingest/ingest-batch.js';
import { createMatcher } from '../src/listening/query/index.js';
import { jetstreamCursorOf, toIngestBatches } from '../src/listening/sources/bluesky/jetstream-batches.js';
import { readJetstreamMessage } from '../src/listening/sources/bluesky/jetstream-change.js';
import { findSourceRow } from '../src/listening/sources/source-repository.js';
import { createSource } from '../src/listening/sources/sources.js';
import { credentialCipher } from '../src/platform/secrets/encryption.js';
import { ensureIngestCorpus, readLines } from './generators/ingest-events.js';

const eventCount = Number(process.argv[2] ?? 200_000);
const watchCount = Number(process.argv[3] ?? 1_000);
const SEED = 20_250_602;
const BATCH_EVENTS = 500;
const progress = (message: string) => process.stderr.write(`ingest bench: ${message}\n`);
const round = (x: number, places = 0) => Math.round(x * 10 ** places) / 10 ** places;

progress(`${eventCount} events and ${watchCount} watches (generated once into bench/data/)`);
const { eventsFile, watchesFile } = ensureIngestCorpus(eventCount, watchCount, SEED);
const watches = z.array(z.object({ id: z.string(), query: z.string() })).parse(JSON.parse(readFileSync(watchesFile, 'utf8')));

const dataDir = join('bench', 'data', 'ingest-run');
rmSync(dataDir, { recursive: true, force: true });
const storage = await openStorage({ dataDir, databaseUrl: undefined });
const { db } = storage;
const { source } = await createSource(db, { type: 'system', label: 'bench' }, credentialCipher(Buffer.alloc(32, 1)), { kind: 'bluesky', name: 'Bench', config: { jetstreamUrl: 'wss://jetstream.invalid/subscribe' } });
const matcher = createMatcher();
const compileStarted = performance.now();
for (const { id, query } of watches) matcher.set(id, query);
const compileMs = performance.now() - compileStarted;

progress('replaying');
const totals = { events: 0, received: 0, stored: 0, deleted: 0, malformed: 0, transactions: 0 };
let parseMs = 0;
let ingestMs = 0;
let pending: string[] = [];
async function flush(): Promise<void> {
  const parseStarted = performance.now();
  const batches = toIngestBatches(pending.map(readJetstreamMessage));
  const ingestStarted = performance.now();
  parseMs += ingestStarted - parseStarted;
  for (const batch of batches) {
    const outcome = await ingestBatch(db, { matcher }, source, batch);
    totals.received += outcome.received;
    totals.stored += outcome.stored;
    totals.deleted += outcome.deleted;
    totals.malformed += batch.malformed ?? 0;
    totals.transactions += 1;
  }
  ingestMs += performance.now() - ingestStarted;
  totals.events += pending.length;
  pending = [];
}
const cpuBefore = process.cpuUsage();
const started = performance.now();
let lastLine = '';
for await (const line of readLines(eventsFile)) {
  if (line === '') continue;
  lastLine = line;
  pending.push(line);
  if (pending.length === BATCH_EVENTS) await flush();
}
await flush();
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

const row = await findSourceRow(db, source.id);
const savedCursor = row === undefined ? null : jetstreamCursorOf(z.record(z.string(), z.unknown()).parse(JSON.parse(row.state)));
if (savedCursor !== readJetstreamMessage(lastLine).timeUs) throw new Error('the saved cursor is not the last event’s time');
const { mentions } = await db.selectFrom('mentions').select((eb) => eb.fn.countAll<number>().as('mentions')).executeTakeFirstOrThrow();
await storage.close();
rmSync(dataDir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    name: 'ingest',
    unit: 'events/s',
    value: Math.round(totals.events / seconds),
    events: totals.events,
    stored: totals.stored,
    matchRate: round(totals.stored / totals.received, 4),
    seconds: round(seconds, 2),
    cpuEventsPerSecond: Math.round(totals.events / cpuSeconds),
    posts: totals.received,
    deletions: totals.deleted,
    malformed: totals.malformed,
    mentionsAtEnd: mentions,
    transactions: totals.transactions,
    watches: watches.length,
    secondsReadingFile: round(seconds - (parseMs + ingestMs) / 1000, 2),
    secondsParsing: round(parseMs / 1000, 2),
    secondsInIngestBatch: round(ingestMs / 1000, 2),
    compileMs: round(compileMs, 1),
    seed: SEED,
    node: process.version,
    loadAverage: round(loadavg()[0] ?? 0, 2),
  }),
);
