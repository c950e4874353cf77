import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { decodeTid, encodeTid, isValidTid, tidForReply } from './tid.js';

describe('TIDs', () => {
  it('encode as the atproto spec says: 2222222222222 is zero, and the spec example decodes', () => {
    assert.equal(encodeTid(0n, 0), '2222222222222');
    assert.equal(encodeTid(1724171495793000n, 512), '3l25zusnsfck2');
    assert.deepEqual(decodeTid('3l25zusnsfck2'), { microseconds: 1724171495793000n, clockId: 512 });
    assert.equal(isValidTid('3jzfcijpj2z2a'), true);
    assert.equal(isValidTid('kjzfcijpj2z2a'), false, 'the top bit is always 0');
    assert.equal(isValidTid('3jzfcijpj2z2'), false);
    assert.equal(isValidTid('3jzfcijpj2z21'), false);
  });

  it('derives a reply’s record key from its creation second and its id', () => {
    const id = '0b8f8a4e-3c1e-4d2a-9a57-0f6a2b1c9d10';
    const tid = tidForReply(id, '2026-11-20T10:15:30.250Z');
    assert.ok(isValidTid(tid));
    assert.equal(tidForReply(id.toUpperCase(), new Date('2026-11-20T10:15:30.999Z')), tid, 'the same within the second, and for the id in capitals');
    const decoded = decodeTid(tid);
    assert.ok(decoded !== undefined);
    assert.equal(decoded.microseconds / 1_000_000n, BigInt(Date.parse('2026-11-20T10:15:30Z') / 1000));
    assert.notEqual(tidForReply('1b8f8a4e-3c1e-4d2a-9a57-0f6a2b1c9d10', '2026-11-20T10:15:30.250Z'), tid);
    assert.throws(() => tidForReply(id, 'yesterday'), RangeError);
  });
});
