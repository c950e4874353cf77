import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { changeSignal } from './change-signal.js';
import { countsKeptMs, keptPerViewer } from './kept-until-change.js';

const changes = changeSignal('test-change');

// Counts are kept per database object; these stand for two databases.
const databaseA = {};
const databaseB = {};

function counter() {
  let calls = 0;
  const kept = keptPerViewer((_db: object, viewer: { userId: string; teamId: string | null }) => Promise.resolve(`${viewer.userId}:${(calls += 1)}`), changes);
  return { kept, calls: () => calls };
}

describe('counts kept per viewer for a few seconds', () => {
  it('reuses a viewer’s counts within the time, and counts again after it', async () => {
    const { kept, calls } = counter();
    const ana = { userId: 'ana', teamId: 't1' };
    assert.equal(await kept(databaseA, ana, 1_000), 'ana:1');
    assert.equal(await kept(databaseA, ana, 1_000 + countsKeptMs - 1), 'ana:1');
    assert.equal(await kept(databaseA, ana, 1_000 + countsKeptMs), 'ana:2');
    assert.equal(calls(), 2);
  });

  it('counts again as soon as a change is noted in this process', async () => {
    const { kept } = counter();
    const ana = { userId: 'ana', teamId: null };
    assert.equal(await kept(databaseA, ana, 0), 'ana:1');
    changes.note();
    assert.equal(await kept(databaseA, ana, 1), 'ana:2');
  });

  it('keeps counts apart per viewer, per team and per database', async () => {
    const { kept, calls } = counter();
    await kept(databaseA, { userId: 'ana', teamId: 't1' }, 0);
    await kept(databaseA, { userId: 'ana', teamId: 't2' }, 0);
    await kept(databaseA, { userId: 'ben', teamId: 't1' }, 0);
    await kept(databaseB, { userId: 'ana', teamId: 't1' }, 0);
    assert.equal(calls(), 4);
  });

  it('shares one count among requests that arrive together, and forgets a count that failed', async () => {
    let calls = 0;
    const kept = keptPerViewer(() => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('database gone')) : Promise.resolve(calls);
    }, changes);
    const viewer = { userId: 'ana', teamId: null };
    const together = [kept(databaseA, viewer, 0), kept(databaseA, viewer, 0)];
    for (const result of await Promise.allSettled(together)) assert.equal(result.status, 'rejected');
    assert.equal(calls, 1);
    assert.equal(await kept(databaseA, viewer, 1), 2, 'the failure was not kept');
  });
});
