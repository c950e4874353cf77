import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DEFAULT_FAULT_WAIT_MS, DEFAULT_RATE_LIMIT_WAIT_MS, MAX_RETRY_MS, isRetryableStatus, retryWaitMs } from './retry-wait.js';

const NOW = new Date('2026-11-20T10:00:00.000Z');

describe('retryWaitMs', () => {
  it('honours Retry-After as seconds or as an HTTP date', () => {
    assert.equal(retryWaitMs(429, new Headers({ 'retry-after': '120' }), NOW), 120_000);
    assert.equal(retryWaitMs(503, new Headers({ 'retry-after': 'Fri, 20 Nov 2026 10:00:30 GMT' }), NOW), 30_000);
  });

  it('reads Mastodon’s ISO X-RateLimit-Reset and the PDS’s epoch ratelimit-reset on a 429', () => {
    assert.equal(retryWaitMs(429, new Headers({ 'x-ratelimit-reset': '2026-11-20T10:05:00.000Z' }), NOW), 300_000);
    assert.equal(retryWaitMs(429, new Headers({ 'ratelimit-reset': String(NOW.getTime() / 1000 + 90) }), NOW), 90_000);
    assert.equal(retryWaitMs(429, new Headers({ 'ratelimit-reset': '45' }), NOW), 45_000, 'the IETF draft gives seconds from now');
  });

  it('falls back to defaults, never waits less than a second nor more than a day', () => {
    assert.equal(retryWaitMs(429, new Headers(), NOW), DEFAULT_RATE_LIMIT_WAIT_MS);
    assert.equal(retryWaitMs(500, new Headers({ 'x-ratelimit-reset': '2026-11-20T10:05:00.000Z' }), NOW), DEFAULT_FAULT_WAIT_MS, 'reset headers matter only on a 429');
    assert.equal(retryWaitMs(429, new Headers({ 'retry-after': '0' }), NOW), 1000);
    assert.equal(retryWaitMs(429, new Headers({ 'retry-after': String(7 * 86_400) }), NOW), MAX_RETRY_MS);
  });

  it('retries 408, 425, 429 and 5xx only', () => {
    assert.deepEqual([400, 401, 403, 404, 408, 422, 425, 429, 500, 502, 503].filter(isRetryableStatus), [408, 425, 429, 500, 502, 503]);
  });
});
