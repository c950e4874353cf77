import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';

/** The ids of a process's children, as ps sees them. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map((line) => Number(line.trim())).filter((n) => n > 0);
  } catch {
    return [];
  }
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('parley start with several web processes', () => {
  it('serves from each, replaces one that is killed, and stops them all on SIGTERM', { timeout: 300_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-web-processes-'));
    const child = spawn(process.execPath, ['bin/parley.js', 'start', '--port', '0'], {
      env: { ...process.env, PARLEY_DATA_DIR: dataDir, PARLEY_LOG_LEVEL: 'silent', PARLEY_WEB_PROCESSES: '2' },
    });
    try {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      const port = await waitFor('the running line', () => /running at http:\/\/localhost:(\d+) in 2 web processes/.exec(out)?.[1]);
      const pid = child.pid ?? 0;
      const first = await waitFor('two web processes', () => {
        const now = childrenOf(pid);
        return now.length === 2 ? now : undefined;
      });
      const ok = async () => (await fetch(`http://127.0.0.1:${port}/ping`)).status;
      for (let i = 0; i < 6; i += 1) assert.equal(await ok(), 200);

      const [killed = 0] = first;
      process.kill(killed, 'SIGKILL');
      const replaced = await waitFor('a replacement', () => {
        const now = childrenOf(pid);
        return now.length === 2 && !now.includes(killed) ? now : undefined;
      });
      assert.ok(replaced.includes(first[1] ?? -1), 'the other one kept serving');
      await waitFor('the replacement to answer', async () => {
        const statuses = await Promise.all(Array.from({ length: 6 }, ok));
        return statuses.every((status) => status === 200) ? true : undefined;
      });

      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exit, 0);
      for (const web of replaced) assert.throws(() => process.kill(web, 0), 'no web process is left behind');
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
