import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { percentileOfSorted, sortedNumbers } from './percentile.js';

const minutes = fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 200 });
const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const at = (values: readonly number[], p: number): number => {
  const value = percentileOfSorted(sortedNumbers(values), p);
  assert.ok(value !== undefined);
  return value;
};
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('percentiles (linear interpolation between nearest ranks)', () => {
  it('lie between the smallest and the largest value, which are the 0th and 100th', () => {
    fc.assert(fc.property(minutes, fraction, (values, p) => {
      const value = at(values, p);
      assert.ok(value >= Math.min(...values) && value <= Math.max(...values));
      assert.equal(at(values, 0), Math.min(...values));
      assert.equal(at(values, 1), Math.max(...values));
    }));
  });

  it('never fall as p rises, so the median is at most the 90th percentile', () => {
    fc.assert(fc.property(minutes, fraction, fraction, (values, a, b) => {
      assert.ok(at(values, Math.min(a, b)) <= at(values, Math.max(a, b)));
    }));
  });

  it('do not depend on the order of the values', () => {
    fc.assert(fc.property(minutes.chain((values) => fc.tuple(fc.constant(values), fc.shuffledSubarray(values, { minLength: values.length }))), fraction, ([values, shuffled], p) => {
      assert.equal(at(values, p), at(shuffled, p));
    }));
  });

  it('move with the values: adding a constant adds it, scaling scales', () => {
    fc.assert(fc.property(minutes, fraction, fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 60 }), (values, p, shift, scale) => {
      assert.ok(close(at(values.map((v) => v + shift), p), at(values, p) + shift));
      assert.ok(close(at(values.map((v) => v * scale), p), at(values, p) * scale));
    }));
  });

  it('give the usual median: the middle value, or the mean of the middle two', () => {
    fc.assert(fc.property(minutes, (values) => {
      const sorted = [...values].sort((a, b) => a - b);
      const middle = Math.floor(sorted.length / 2);
      const expected = sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
      assert.equal(at(values, 0.5), expected);
    }));
  });

  it('are a value that occurred whenever the rank is whole, and that of a single value is the value', () => {
    fc.assert(fc.property(minutes, fc.nat(), (values, k) => {
      const rank = k % values.length;
      const p = values.length === 1 ? 0.5 : rank / (values.length - 1);
      assert.ok(values.includes(at(values, p)));
    }));
    assert.equal(at([42], 0.9), 42);
  });

  it('has none for no values or a p outside 0 to 1', () => {
    assert.equal(percentileOfSorted([], 0.5), undefined);
    assert.equal(percentileOfSorted([1, 2], 1.5), undefined);
    assert.equal(percentileOfSorted([1, 2], Number.NaN), undefined);
  });

  it('matches worked examples', () => {
    assert.equal(at([1, 2, 3, 4], 0.5), 2.5);
    assert.ok(close(at([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9), 91));
    assert.ok(close(at([5, 1, 3], 0.9), 4.6));
  });
});
