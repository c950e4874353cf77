/** The shortest and longest waits a `retry` outcome asks for. */
export const MIN_RETRY_MS = 1000;
export const MAX_RETRY_MS = 24 * 60 * 60 * 1000;
/** The wait after a 429 that says nothing of when to come back. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
/** The wait after a 5xx answer, a time-out or a network error. */
export const DEFAULT_FAULT_WAIT_MS = 30_000;

function clamp(ms: number): number {
  return Math.min(MAX_RETRY_MS, Math.max(MIN_RETRY_MS, Math.ceil(ms)));
}

/** `Retry-After`: delay-seconds (`120`) or an HTTP-date. */
function retryAfterMs(value: string | null, now: Date): number | undefined {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = text === '' ? Number.NaN : Date.parse(text);
  return Number.isNaN(date) ? undefined : date - now.getTime();
}

/** A reset time: Mastodon's `X-RateLimit-Reset` is an ISO 8601 time; the Bluesky PDS's `ratelimit-reset` is Unix seconds. */
function resetMs(value: string | null, now: Date): number | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    // The IETF RateLimit draft sends seconds from now; the PDS sends an epoch time. No wait is 30 years long.
    return seconds > 1_000_000_000 ? seconds * 1000 - now.getTime() : seconds * 1000;
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : date - now.getTime();
}

/** The wait an answer asks for, from `Retry-After` or (on a 429) the rate-limit reset headers; undefined when none. */
export function waitAskedForMs(status: number, headers: Headers, now: Date): number | undefined {
  const asked = retryAfterMs(headers.get('retry-after'), now);
  if (asked !== undefined) return clamp(asked);
  if (status !== 429) return undefined;
  const reset = resetMs(headers.get('x-ratelimit-reset'), now) ?? resetMs(headers.get('ratelimit-reset'), now);
  return reset === undefined ? undefined : clamp(reset);
}

/** How long to wait before trying again after an answer with this status. */
export function retryWaitMs(status: number, headers: Headers, now: Date): number {
  return waitAskedForMs(status, headers, now) ?? (status === 429 ? DEFAULT_RATE_LIMIT_WAIT_MS : DEFAULT_FAULT_WAIT_MS);
}

/** Whether an HTTP status means "try again later" rather than "never". */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
