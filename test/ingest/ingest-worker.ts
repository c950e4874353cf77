// One ingest worker process for the kill-and-restart test: opens and migrates the SQLite database in a data folder,
// runs the ingest runtime with the Bluesky adapter and the given watches, and stops cleanly on SIGTERM.
//   node --import tsx test/ingest/ingest-worker.ts <data folder> <watch query>…
import { openStorage } from '../../src/app.js';
import { createIngestRuntime } from '../../src/listening/ingest/ingest-runtime.js';
import { createMatcher } from '../../src/listening/query/matcher.js';
import { createBlueskyAdapter } from '../../src/listening/sources/bluesky/bluesky-adapter.js';
import { createLogger } from '../../src/platform/logger.js';
import { credentialCipher } from '../../src/platform/secrets/encryption.js';

const [dataDir, ...queries] = process.argv.slice(2);
if (dataDir === undefined) {
  process.stderr.write('usage: ingest-worker.ts <data folder> <watch query>…\n');
  process.exit(2);
}
const storage = await openStorage({ dataDir, databaseUrl: undefined });
const matcher = createMatcher();
queries.forEach((query, i) => matcher.set(`watch-${i + 1}`, query));
const runtime = createIngestRuntime({
  network: { allowPrivate: true },
  db: storage.db,
  cipher: credentialCipher(Buffer.alloc(32, 9)),
  matcher,
  adapters: { bluesky: createBlueskyAdapter({ maxBatchEvents: 100, maxBatchWaitMs: 10 }) },
  owner: `worker-${process.pid}`,
  logger: createLogger('warn', process.stderr),
  // A killed worker's source is taken over a second after its last renewal.
  leaseMs: 1000,
  tickMs: 50,
});
runtime.start();
process.once('SIGTERM', () => {
  runtime.stop().then(() => storage.close()).then(() => process.exit(0), (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
});
