// The web app the inbox benchmark loads, in processes of its own so that the load generator does not share their event
// loops: `node --import tsx bench/support/inbox-server.ts <processes> sqlite <path>` or `… <processes> postgres <url>
// <schema>`. With more than one process it forks them as `parley start` does with PARLEY_WEB_PROCESSES (they share
// the port). Tells its parent the port, and stops when the parent disconnects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWebApp } from '../../src/app.js';
import { forkWebProcesses, isWebProcess } from '../../src/platform/cluster/web-processes.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { openDatabase, type DatabaseTarget } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logger.js';

const [processes, kind, where, schema] = process.argv.slice(2);
const count = Number(processes);
if (!Number.isInteger(count) || count < 1 || !where || (kind !== 'sqlite' && kind !== 'postgres')) {
  throw new Error('usage: inbox-server.ts <processes> sqlite <path> | <processes> postgres <url> <schema>');
}

// One data folder for all the processes, as `parley start` has: its generated key signs sessions and CSRF tokens.
const dataDir = process.env.PARLEY_BENCH_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'parley-bench-inbox-'));
process.env.PARLEY_BENCH_DATA_DIR = dataDir;
const removeDataDir = () => {
  if (!isWebProcess()) rmSync(dataDir, { recursive: true, force: true });
};

/** Serves the app on a port (0: any; forked processes share the one their primary opens) until told to stop. */
async function serve(): Promise<number> {
  const target: DatabaseTarget = kind === 'sqlite' ? { kind, path: where ?? '' } : { kind: 'postgres', url: where ?? '', ...(schema ? { schema } : {}) };
  const config = loadConfig({ PARLEY_DATA_DIR: dataDir, PARLEY_LOG_LEVEL: 'silent', PARLEY_RATE_LIMIT_PER_MINUTE: '0' });
  const storage = await openDatabase(target);
  const server = await createWebApp(config, storage, createLogger('silent'));
  await server.listen({ port: 0, host: '127.0.0.1' });
  process.on('disconnect', () => {
    server.close().then(() => storage.close()).finally(() => {
      removeDataDir();
      process.exit(0);
    });
  });
  const address = server.server.address();
  return address !== null && typeof address === 'object' ? address.port : 0;
}

if (isWebProcess()) {
  await serve();
} else if (count === 1) {
  process.send?.({ port: await serve() });
} else {
  const forked = forkWebProcesses(count, (pid, code) => process.stderr.write(`inbox bench: web process ${String(pid)} stopped (${String(code)})\n`));
  process.send?.({ port: await forked.listening });
  process.on('disconnect', () => {
    forked.stop().finally(() => {
      removeDataDir();
      process.exit(0);
    });
  });
}
