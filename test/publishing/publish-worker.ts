// One publishing worker process for the kill-and-restart test: opens the SQLite database in a data folder and runs
// the publish queue (short leases, quick ticks) until it is killed or gets SIGTERM.
//   node --import tsx test/publishing/publish-worker.ts <data folder>
import { openStorage } from '../../src/app.js';
import { createPublishQueue } from '../../src/engagement/replies/publish-queue.js';
import { testCipher } from '../../src/engagement/replies/reply-fixtures.js';
import { createLogger } from '../../src/platform/logger.js';

const [dataDir] = process.argv.slice(2);
if (dataDir === undefined) {
  process.stderr.write('usage: publish-worker.ts <data folder>\n');
  process.exit(2);
}
const storage = await openStorage({ dataDir, databaseUrl: undefined });
const queue = createPublishQueue({ db: storage.db, cipher: testCipher, logger: createLogger('warn', process.stderr), owner: `worker-${process.pid}`, leaseMs: 1000, tickMs: 50 });
queue.start();
process.once('SIGTERM', () => {
  queue.stop().then(() => storage.close()).then(() => process.exit(0), (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
});
