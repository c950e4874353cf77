import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { reconnectDelayMs } from './follow-instance.js';

describe('reconnectDelayMs', () => {
  const settings = { reconnectBaseMs: 1000, reconnectMaxMs: 60_000 };

  it('doubles with each quick drop in a row, up to the most', () => {
    const highest = { ...settings, random: () => 1 };
    assert.deepEqual([0, 1, 2, 3, 7, 8, 50].map((drops) => reconnectDelayMs(drops, highest)), [1000, 1000, 2000, 4000, 60_000, 60_000, 60_000]);
  });

  it('waits at least half of that, chosen at random, so that many sources do not reconnect at once', () => {
    assert.equal(reconnectDelayMs(3, { ...settings, random: () => 0 }), 2000);
    assert.equal(reconnectDelayMs(3, { ...settings, random: () => 0.5 }), 3000);
  });
});
