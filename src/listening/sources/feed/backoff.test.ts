import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { defaultBackoff, nextPollAfterFailure, nextPollAfterSuccess, retryAfterSeconds } from './backoff.js';

const NOW = new Date('2025-06-12T12:00:00.000Z');
const secondsAfterNow = (date: Date): number => (date.getTime() - NOW.getTime()) / 1000;

describe('nextPollAfterSuccess', () => {
  it("is the source's interval from now", () => {
    assert.equal(nextPollAfterSuccess(NOW, 900).toISOString(), '2025-06-12T12:15:00.000Z');
  });
});

describe('nextPollAfterFailure', () => {
  it('waits up to a ceiling that doubles with each failure in a row, from one minute', () => {
    const almostOne = (): number => 0.999_999;
    const waits = [1, 2, 3, 4].map((failures) => secondsAfterNow(nextPollAfterFailure({ now: NOW, failures, retryAfterSeconds: null, random: almostOne })));
    assert.deepEqual(waits, [60, 120, 240, 480]);
  });

  it('spreads the wait over the whole range (full jitter), never less than a second', () => {
    const wait = (r: number): number => secondsAfterNow(nextPollAfterFailure({ now: NOW, failures: 3, retryAfterSeconds: null, random: () => r }));
    assert.equal(wait(0.5), 120);
    assert.equal(wait(0.25), 60);
    assert.equal(wait(0), 1);
  });

  it('caps the wait however many failures there have been', () => {
    const next = nextPollAfterFailure({ now: NOW, failures: 500, retryAfterSeconds: null, random: () => 0.999_999 });
    assert.equal(Math.round(secondsAfterNow(next)), defaultBackoff.maxSeconds);
  });

  it('waits at least as long as Retry-After asked, up to a day', () => {
    const wait = (retryAfter: number): number =>
      secondsAfterNow(nextPollAfterFailure({ now: NOW, failures: 1, retryAfterSeconds: retryAfter, random: () => 0.5 }));
    assert.equal(wait(600), 600);
    assert.equal(wait(5), 30);
    assert.equal(wait(7 * 24 * 3600), 24 * 3600);
  });

  it('takes its settings from the caller', () => {
    const settings = { baseSeconds: 10, maxSeconds: 15, maxRetryAfterSeconds: 20 };
    const wait = (failures: number, retryAfter: number | null): number =>
      secondsAfterNow(nextPollAfterFailure({ now: NOW, failures, retryAfterSeconds: retryAfter, settings, random: () => 0.999_999 }));
    assert.equal(wait(1, null), 10);
    assert.equal(wait(5, null), 15);
    assert.equal(wait(1, 100), 20);
  });

  it('always lands between one second and the larger of the ceiling and the capped Retry-After', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.option(fc.nat({ max: 10 ** 7 })),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (failures, retryAfter, r) => {
          const wait = secondsAfterNow(nextPollAfterFailure({ now: NOW, failures, retryAfterSeconds: retryAfter, random: () => r }));
          const ceiling = Math.min(defaultBackoff.maxSeconds, defaultBackoff.baseSeconds * 2 ** Math.min(failures - 1, 30));
          const asked = Math.min(retryAfter ?? 0, defaultBackoff.maxRetryAfterSeconds);
          assert.ok(wait >= 1 && wait >= asked, String(wait));
          assert.ok(wait <= Math.max(ceiling, asked) + 0.001, String(wait));
        },
      ),
    );
  });
});

describe('retryAfterSeconds', () => {
  it('reads delay-seconds and HTTP-dates', () => {
    assert.equal(retryAfterSeconds('120', NOW), 120);
    assert.equal(retryAfterSeconds(' 0 ', NOW), 0);
    assert.equal(retryAfterSeconds('Thu, 12 Jun 2025 12:30:00 GMT', NOW), 1800);
    assert.equal(retryAfterSeconds('Thursday, 12-Jun-25 12:00:10 GMT', NOW), 10);
  });

  it('gives 0 for a date already past and null for nothing or nonsense', () => {
    assert.equal(retryAfterSeconds('Wed, 11 Jun 2025 12:00:00 GMT', NOW), 0);
    assert.equal(retryAfterSeconds(null, NOW), null);
    assert.equal(retryAfterSeconds('', NOW), null);
    assert.equal(retryAfterSeconds('-5', NOW), null);
    assert.equal(retryAfterSeconds('soon', NOW), null);
  });
});
