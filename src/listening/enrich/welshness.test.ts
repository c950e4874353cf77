import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { welshness } from './welshness.js';

describe('welshness', () => {
  it('is positive for Welsh spelling and negative for English spelling', () => {
    assert.ok(welshness(['mae', 'llyfrgell', 'ddydd', 'ysgol', 'ŵyl']) > 0.5);
    assert.ok(welshness(['queue', 'waiting', 'should', 'fixed', 'kerb']) < -0.5);
  });

  it('is 0 for no words or words that tell nothing', () => {
    assert.equal(welshness([]), 0);
    assert.equal(welshness(['bin', 'parc']), 0);
  });
});
