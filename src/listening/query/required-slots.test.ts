import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { RequiredSlots } from './required-slots.js';

describe('RequiredSlots', () => {
  it('answers whether a post holds every required slot, after any sequence of sets and clears', () => {
    const entry = fc.integer({ min: 0, max: 3000 });
    const step = fc.oneof(
      fc.record({ set: entry, slots: fc.array(fc.integer({ min: 0, max: 63 }), { maxLength: 300 }), complete: fc.boolean() }),
      fc.record({ clear: entry }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 63 })), (steps, held) => {
        const required = new RequiredSlots();
        const expected = new Map<number, { slots: number[]; complete: boolean }>();
        for (const s of steps) {
          if ('set' in s) {
            required.set(s.set, s.slots, s.complete);
            expected.set(s.set, { slots: s.slots, complete: s.complete });
          } else {
            required.clear(s.clear);
            expected.delete(s.clear);
          }
        }
        const seen = new Int32Array(64);
        for (const slot of held) seen[slot] = 7;
        for (const [number, { slots, complete }] of expected) {
          assert.equal(required.held(number, seen, 7), slots.every((slot) => seen[slot] === 7));
          assert.equal(required.complete(number), complete);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('requires nothing of an entry that was cleared or never set', () => {
    const required = new RequiredSlots();
    required.set(5, [1, 2], true);
    required.clear(5);
    assert.equal(required.held(5, new Int32Array(4), 1), true);
    assert.equal(required.complete(5), false);
    assert.equal(required.held(9, new Int32Array(4), 1), true);
  });
});
