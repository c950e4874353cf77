import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeTid, encodeTid, isValidTid, tidForReply } from './tid.js';

// From 1970 to the year 2200, in milliseconds.
const when = fc.integer({ min: 0, max: 7_258_118_400_000 }).map((ms) => new Date(ms));

describe('TID derivation (properties)', () => {
  it('is always a valid TID, and the same for the same reply', () => {
    fc.assert(fc.property(fc.uuid(), when, (id, at) => {
      const tid = tidForReply(id, at);
      assert.ok(isValidTid(tid), tid);
      assert.equal(tidForReply(id, at.toISOString()), tid);
    }));
  });

  it('keeps the creation second in the key, so keys sort by second', () => {
    fc.assert(fc.property(fc.uuid(), fc.uuid(), when, when, (a, b, first, second) => {
      fc.pre(Math.floor(first.getTime() / 1000) < Math.floor(second.getTime() / 1000));
      assert.ok(tidForReply(a, first) < tidForReply(b, second));
    }));
  });

  it('differs for different replies created in the same second', () => {
    // About one pair in a billion shares a key; a fixed seed keeps the test from ever meeting one by chance.
    fc.assert(fc.property(fc.uuid(), fc.uuid(), when, (a, b, at) => {
      fc.pre(a !== b);
      assert.notEqual(tidForReply(a, at), tidForReply(b, at));
    }), { seed: 20261120, numRuns: 2000 });
  });

  it('round-trips through encode and decode', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }), fc.integer({ min: 0, max: 1023 }), (microseconds, clockId) => {
      const tid = encodeTid(microseconds, clockId);
      assert.ok(isValidTid(tid));
      assert.deepEqual(decodeTid(tid), { microseconds, clockId });
    }));
  });
});
