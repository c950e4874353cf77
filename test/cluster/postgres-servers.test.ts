import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createApiToken } from '../../src/platform/auth/api-tokens.js';
import { findUserByEmail } from '../../src/platform/auth/users-repository.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';

const baseUrl = process.env.PARLEY_TEST_DATABASE_URL;

interface Server {
  child: ChildProcessWithoutNullStreams;
  origin: string;
  dataDir: string;
}

async function startServer(databaseUrl: string): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-pg-server-'));
  const child = spawn(process.execPath, ['bin/parley.js', 'start', '--port', '0'], {
    env: { ...process.env, PARLEY_DATABASE_URL: databaseUrl, PARLEY_DATA_DIR: dataDir, PARLEY_LOG_LEVEL: 'silent', PARLEY_RATE_LIMIT_PER_MINUTE: '0' },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  for (let waited = 0; waited < 90_000; waited += 100) {
    const port = /running at http:\/\/localhost:(\d+)/.exec(out)?.[1];
    if (port !== undefined) return { child, origin: `http://127.0.0.1:${port}`, dataDir };
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`parley start did not come up: ${out}`);
}

async function stopServer(server: Server): Promise<number | null> {
  const exit = server.child.exitCode !== null ? Promise.resolve(server.child.exitCode) : new Promise<number | null>((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  const code = await exit;
  rmSync(server.dataDir, { recursive: true, force: true });
  return code;
}

// Two servers need PostgreSQL: on SQLite there is one server to a database.
for (const url of baseUrl === undefined ? [] : [baseUrl]) {
  describe('two Parley servers on one PostgreSQL database', () => {
    const schema = `test_servers_${randomBytes(6).toString('hex')}`;
    const databaseUrl = new URL(url);
    databaseUrl.searchParams.set('options', `-c search_path=${schema}`);
    let admin: DatabaseHandle;
    const servers: Server[] = [];
    const server = (index: number): Server => {
      const found = servers[index];
      if (!found) throw new Error(`server ${index} did not start`);
      return found;
    };

    before(async () => {
      admin = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
      await admin.db.schema.createSchema(schema).execute();
      servers.push(await startServer(databaseUrl.toString()));
      servers.push(await startServer(databaseUrl.toString()));
    });
    after(async () => {
      await Promise.all(servers.map(stopServer));
      await admin.db.schema.dropSchema(schema).cascade().execute();
      await admin.close();
    });

    it('apply a guidance policy saved on one server on the other at once, not when its kept copy expires', { timeout: 120_000 }, async () => {
      const storage = await openDatabase({ kind: 'postgres', url, schema, poolSize: 1 });
      let token: string;
      try {
        const user = await findUserByEmail(storage.db, 'admin@localhost');
        assert.ok(user, 'the first server made the first admin');
        token = (await createApiToken(storage.db, { type: 'system', label: 'test' }, user.id, { name: 'servers' })).token;
      } finally {
        await storage.close();
      }
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const riskOnSecond = async () => {
        const answer = await fetch(`${server(1).origin}/api/v1/check`, { method: 'POST', headers, body: JSON.stringify({ text: 'We will refund you by Friday.', platform: 'mastodon' }) });
        assert.equal(answer.status, 200);
        return (await answer.json() as { risk: string }).risk;
      };
      assert.equal(await riskOnSecond(), 'medium', 'a commitment, under the default policy the second server now keeps');

      const saved = await fetch(`${server(0).origin}/api/v1/guidance/policy`, { method: 'PUT', headers, body: JSON.stringify({ severities: { commitments: 'high' } }) });
      assert.equal(saved.status, 200);
      // The second server keeps a policy for 30 s; told of the change, it reads the new one well before that.
      let risk = '';
      for (let waited = 0; waited < 10_000 && risk !== 'high'; waited += 100) {
        risk = await riskOnSecond();
        if (risk !== 'high') await sleep(100);
      }
      assert.equal(risk, 'high');
      const relays = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'parley relay: parley_changes'`.execute(admin.db);
      assert.ok((relays.rows[0]?.n ?? 0) >= 2, 'each server listens on a connection of its own');
    });

    it('stop cleanly on SIGTERM', { timeout: 60_000 }, async () => {
      assert.deepEqual(await Promise.all([stopServer(server(0)), stopServer(server(1))]), [0, 0]);
    });
  });
}
