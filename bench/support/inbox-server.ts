// The web app the inbox benchmark loads, in a process of its own so that the load generator does not share its event
// loop: `node --import tsx bench/support/inbox-server.ts sqlite <path>` or `… postgres <url> <schema>`. Tells its
// parent the port it listens on, and stops when the parent disconnects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWebApp } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { openDatabase, type DatabaseTarget } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logger.js';

const [kind, where, schema] = process.argv.slice(2);
if (!where || (kind !== 'sqlite' && kind !== 'postgres')) throw new Error('usage: inbox-server.ts sqlite <path> | postgres <url> <schema>');
const target: DatabaseTarget = kind === 'sqlite' ? { kind, path: where } : { kind, url: where, ...(schema ? { schema } : {}) };
const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-inbox-'));
const config = loadConfig({ PARLEY_DATA_DIR: dataDir, PARLEY_LOG_LEVEL: 'silent', PARLEY_RATE_LIMIT_PER_MINUTE: '0' });
const storage = await openDatabase(target);
const server = await createWebApp(config, storage, createLogger('silent'));
await server.listen({ port: 0, host: '127.0.0.1' });
const address = server.server.address();
process.send?.({ port: address !== null && typeof address === 'object' ? address.port : 0 });
process.on('disconnect', () => {
  server.close().then(() => storage.close()).finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
