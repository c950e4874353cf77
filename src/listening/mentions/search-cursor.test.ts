import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors/app-error.js';
import { decodeCursor, encodeCursor } from './search-cursor.js';

describe('search cursors', () => {
  it('read back what they were made from', () => {
    const newest = { sort: 'newest', seq: 1_813_424_400_000 * 1024 + 7 } as const;
    const relevance = { sort: 'relevance', score: -0.1 / 3, seq: 1_813_424_400_000 * 1024 } as const;
    assert.deepEqual(decodeCursor(encodeCursor(newest), 'newest'), newest);
    assert.deepEqual(decodeCursor(encodeCursor(relevance), 'relevance'), relevance);
    assert.match(encodeCursor(relevance), /^[A-Za-z0-9_-]+$/u);
  });

  it('refuse garbage and a cursor made for the other order', () => {
    const isInvalid = (error: unknown): boolean => error instanceof AppError && error.code === 'validation_failed';
    assert.throws(() => decodeCursor('not a cursor', 'newest'), isInvalid);
    assert.throws(() => decodeCursor(Buffer.from('["n","1"]').toString('base64url'), 'newest'), isInvalid);
    assert.throws(() => decodeCursor(Buffer.from('["n",1.5]').toString('base64url'), 'newest'), isInvalid);
    const newest = encodeCursor({ sort: 'newest', seq: 42 });
    assert.throws(() => decodeCursor(newest, 'relevance'), isInvalid);
  });
});
