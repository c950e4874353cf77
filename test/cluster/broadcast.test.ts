import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';

const run = promisify(execFile);

describe('broadcasts between Parley’s processes', () => {
  it('reach every other process, through the primary, and never come back to the sender', async () => {
    const fixture = fileURLToPath(new URL('./broadcast-fixture.ts', import.meta.url));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', fixture], { timeout: 60_000 });
    assert.deepEqual(JSON.parse(stdout), [
      'primary heard from-worker',
      'worker 0 heard from-primary',
      'worker 1 heard from-primary',
      'worker 1 heard from-worker',
    ]);
  });
});
