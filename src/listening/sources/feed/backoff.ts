import { parseFeedDate } from './feed-dates.js';

/** How long a failing source waits before it is polled again. */
export interface BackoffSettings {
  /** The longest wait after the first failure; it doubles with each failure in a row. */
  baseSeconds: number;
  /** The longest wait however many failures. */
  maxSeconds: number;
  /** The longest `Retry-After` honoured (a server asking for a week gets this). */
  maxRetryAfterSeconds: number;
}

/** One minute, doubling up to six hours; a server's `Retry-After` honoured up to a day. */
export const defaultBackoff: BackoffSettings = { baseSeconds: 60, maxSeconds: 6 * 60 * 60, maxRetryAfterSeconds: 24 * 60 * 60 };

/** The next poll after a success (or "not modified"): the source's interval from now. */
export function nextPollAfterSuccess(now: Date, intervalSeconds: number): Date {
  return new Date(now.getTime() + intervalSeconds * 1000);
}

/** What decides the wait after a failure. */
export interface FailureTiming {
  now: Date;
  /** Failures in a row, this one included (1 for the first). */
  failures: number;
  /** Seconds a 429 or 503 answer asked for with `Retry-After`, or null. */
  retryAfterSeconds: number | null;
  settings?: BackoffSettings;
  /** A random number in [0, 1); Math.random by default. */
  random?: () => number;
}

/**
 * The next poll after a failure: exponential back-off with full jitter (a random wait up to `base × 2^(failures−1)`,
 * capped), never sooner than one second nor than a `Retry-After` asked for (itself capped).
 */
export function nextPollAfterFailure(timing: FailureTiming): Date {
  const { baseSeconds, maxSeconds, maxRetryAfterSeconds } = timing.settings ?? defaultBackoff;
  const doublings = Math.min(Math.max(timing.failures, 1) - 1, 30);
  const ceiling = Math.min(maxSeconds, baseSeconds * 2 ** doublings);
  const jittered = Math.max(1, (timing.random ?? Math.random)() * ceiling);
  const asked = Math.min(timing.retryAfterSeconds ?? 0, maxRetryAfterSeconds);
  return new Date(timing.now.getTime() + Math.round(Math.max(jittered, asked) * 1000));
}

/**
 * Reads a `Retry-After` header, delay-seconds ("120") or an HTTP-date ("Wed, 11 Jun 2025 10:00:00 GMT"), as seconds
 * from `now` (0 for a date already past); null when absent or unreadable.
 */
export function retryAfterSeconds(header: string | null, now: Date): number | null {
  const value = header?.trim() ?? '';
  if (/^\d+$/.test(value)) return Number(value);
  const date = value === '' ? null : parseFeedDate(value);
  return date === null ? null : Math.max(0, Math.ceil((Date.parse(date) - now.getTime()) / 1000));
}
