import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { captureIo } from '../../test/support/cli-io.js';
import { testDialects } from '../../test/support/test-databases.js';
import { createWebApp } from '../app.js';
import { main } from '../cli.js';
import { loadConfig } from '../platform/config/config.js';
import { createLogger } from '../platform/logger.js';
import { PolicyFileError } from './policy-file.js';

describe('an invalid guidance policy file at start', () => {
  let dataDir: string;
  let badFile: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'parley-policy-start-'));
    badFile = join(dataDir, 'policy.json');
    writeFileSync(badFile, JSON.stringify({ links: { allowedHosts: ['https://example.gov.uk/'] }, severities: { welsh: 'urgent' } }, null, 2));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  function assertReport(stderr: string, file: string): void {
    const lines = stderr.trimEnd().split('\n');
    assert.equal(lines.length, 3, stderr);
    assert.equal(lines[0], `Parley cannot start: the guidance policy ${file} (PARLEY_GUIDANCE_POLICY) is not valid:`);
    assert.match(lines[1] ?? '', /^ {2}links\.allowedHosts\[0\]: must be a host name/u);
    assert.equal(lines[2], '  severities.welsh: expected one of "low", "medium", "high", "blocked", "off"');
    assert.doesNotMatch(stderr, /\n\s+at /u, 'no stack trace');
  }

  for (const command of ['start', 'worker']) {
    it(`stops parley ${command} with exit 2 and every problem, before the database is opened`, async () => {
      const io = captureIo({ PARLEY_DATA_DIR: dataDir, PARLEY_LOG_LEVEL: 'silent', PARLEY_GUIDANCE_POLICY: badFile });
      assert.equal(await main([command], io), 2);
      assertReport(io.err(), badFile);
      assert.equal(io.out(), '');
      assert.equal(existsSync(join(dataDir, 'parley.db')), false);
    });
  }

  it('names a file that is missing', async () => {
    const missing = join(dataDir, 'missing.json');
    const io = captureIo({ PARLEY_DATA_DIR: dataDir, PARLEY_LOG_LEVEL: 'silent', PARLEY_GUIDANCE_POLICY: missing });
    assert.equal(await main(['worker'], io), 2);
    assert.equal(io.err(), `Parley cannot start: the guidance policy ${missing} (PARLEY_GUIDANCE_POLICY) is not valid:\n  cannot read it: there is no such file\n`);
  });

  it('exits the process with 2 and prints no stack trace', async () => {
    const child = spawn(process.execPath, ['bin/parley.js', 'worker'], {
      env: { ...process.env, PARLEY_DATA_DIR: dataDir, PARLEY_LOG_LEVEL: 'silent', PARLEY_GUIDANCE_POLICY: badFile },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 2);
    assertReport(stderr, badFile);
  });

  it('stops the web app from being built', async () => {
    const [sqlite] = testDialects();
    assert.ok(sqlite);
    const storage = await sqlite.open();
    try {
      const config = loadConfig({ PARLEY_DATA_DIR: dataDir, PARLEY_LOG_LEVEL: 'silent', PARLEY_GUIDANCE_POLICY: badFile });
      await assert.rejects(createWebApp(config, storage, createLogger('silent')), (error: unknown) => error instanceof PolicyFileError && error.problems.length === 2);
    } finally {
      await storage.close();
    }
  });
});
