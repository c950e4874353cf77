import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { captureIo } from '../test/support/cli-io.js';
import { main } from './cli.js';

describe('parley CLI', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    env = { PARLEY_DATA_DIR: dataDir, PARLEY_LOG_LEVEL: 'silent' };
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  async function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
    const io = captureIo({ ...env, ...extraEnv });
    const code = await main(args, io);
    return { code, out: io.out(), err: io.err() };
  }

  it('prints usage and exits 2 for no command, an unknown command or a bad flag', async () => {
    assert.equal((await run([])).code, 2);
    const unknown = await run(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown command 'frobnicate'/);
    const badFlag = await run(['migrate', '--colour']);
    assert.equal(badFlag.code, 2);
    assert.match(badFlag.err, /Unknown option '--colour'/);
    assert.match(badFlag.err, /usage: parley migrate/);
  });

  it('has --help on every command', async () => {
    for (const name of ['start', 'migrate', 'user', 'token', 'audit']) {
      const help = await run([name, '--help']);
      assert.equal(help.code, 0);
      assert.match(help.out, new RegExp(`usage: parley ${name}`));
    }
  });

  it('migrates, adds a user, makes and revokes a token, and verifies the audit log', async () => {
    const migrated = await run(['migrate']);
    assert.equal(migrated.code, 0, migrated.err);
    assert.match(migrated.out, /up to date/);
    const added = await run(['user', 'add', '--email', 'Ann@Example.gov.uk', '--name', 'Ann', '--role', 'officer', '--role', 'reviewer']);
    assert.equal(added.code, 0, added.err);
    assert.match(added.out, /Added ann@example\.gov\.uk \(officer, reviewer\)/);
    assert.match(added.out, /One-time password \(shown once\): [a-z2-9-]{24}/);
    const bad = await run(['user', 'add', '--email', 'x', '--name', '', '--role', 'wizard']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--email: must be an email address/);
    const token = await run(['token', 'create', '--user', 'ann@example.gov.uk', '--name', 'report']);
    assert.equal(token.code, 0, token.err);
    assert.match(token.out, /^parley_[A-Za-z0-9_-]{43}\n$/);
    const id = /Token (\S+) for/.exec(token.err)?.[1];
    assert.ok(id);
    assert.equal((await run(['token', 'revoke', '--id', id])).code, 0);
    assert.equal((await run(['token', 'create', '--user', 'ghost@example.gov.uk'])).code, 1);
    assert.equal((await run(['user', 'disable', '--email', 'ann@example.gov.uk'])).code, 0);
    const verified = await run(['audit', 'verify']);
    assert.equal(verified.code, 0);
    assert.match(verified.out, /intact: 4 events checked/);
    assert.equal(statSync(join(dataDir, 'parley.db')).isFile(), true);
  });

  it('stops with one clear line naming the variable for a wrong setting', async () => {
    const result = await run(['migrate'], { PARLEY_PORT: 'abc' });
    assert.equal(result.code, 2);
    assert.equal(result.err.trim().split('\n').length, 1);
    assert.match(result.err, /PARLEY_PORT="abc" must be a whole number/);
  });

  it('stops with one clear line and no password when the database is unreachable', async () => {
    const result = await run(['migrate'], { PARLEY_DATABASE_URL: 'postgres://parley:hunter2@127.0.0.1:9/parley' });
    assert.equal(result.code, 1);
    assert.equal(result.err.trim().split('\n').length, 1);
    assert.match(result.err, /Cannot open the database at 127\.0\.0\.1:9\/parley: ECONNREFUSED/);
    assert.doesNotMatch(result.err, /hunter2/);
  });
});

describe('parley start', () => {
  it('prints the first admin’s one-time password once, serves, and exits 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-start-'));
    try {
      const startOnce = () => new Promise<{ code: number | null; out: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['bin/parley.js', 'start', '--port', '0'], { env: { ...process.env, PARLEY_DATA_DIR: dataDir, PARLEY_LOG_LEVEL: 'silent' } });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('is running at')) child.kill('SIGTERM');
        });
        child.on('error', reject);
        child.on('exit', (code) => resolve({ code, out }));
      });
      const first = await startOnce();
      assert.equal(first.code, 0);
      assert.match(first.out, /Email: {4}admin@localhost/);
      assert.match(first.out, /Password: [a-z2-9-]{24}/);
      const second = await startOnce();
      assert.equal(second.code, 0);
      assert.doesNotMatch(second.out, /Password:/, 'the password is printed only on first start');
      assert.equal(statSync(join(dataDir, 'secret.key')).mode & 0o777, 0o600);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
