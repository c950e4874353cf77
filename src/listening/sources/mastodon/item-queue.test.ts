import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ItemQueue } from './item-queue.js';

describe('ItemQueue', () => {
  it('hands over what has come in batches, oldest first, and waits for more', async () => {
    const queue = new ItemQueue<number>(10);
    const signal = new AbortController().signal;
    for (const n of [1, 2, 3]) queue.push(n);
    assert.deepEqual(await queue.take(2, signal), [1, 2]);
    assert.deepEqual(await queue.take(5, signal), [3]);
    const waiting = queue.take(5, signal);
    queue.push(4);
    assert.deepEqual(await waiting, [4]);
  });

  it('refuses items past its limit', () => {
    const queue = new ItemQueue<string>(2);
    assert.deepEqual(['a', 'b', 'c'].map((item) => queue.push(item)), [true, true, false]);
  });

  it('gives what is left after it ends, then null; and null when the signal aborts', async () => {
    const queue = new ItemQueue<number>(10);
    const controller = new AbortController();
    queue.push(1);
    queue.end();
    assert.equal(queue.push(2), false);
    assert.deepEqual(await queue.take(5, controller.signal), [1]);
    assert.equal(await queue.take(5, controller.signal), null);
    const other = new ItemQueue<number>(10);
    const waiting = other.take(5, controller.signal);
    controller.abort();
    assert.equal(await waiting, null);
  });
});
