const STATUS_ID = /^[0-9A-Za-z]{1,40}$/;

/**
 * Whether a value looks like a status id: Mastodon's decimal snowflakes, and the letters-and-digits ids of other
 * servers with its API (flake ids, ULIDs). Anything else is never taken as a since_id.
 */
export function isStatusId(value: unknown): value is string {
  return typeof value === 'string' && STATUS_ID.test(value);
}

/**
 * Orders two status ids. Mastodon's ids are decimal strings (snowflakes, too long for a number) and other servers that
 * speak its API use fixed-length sortable strings, so a longer id is newer and ids of one length sort as text.
 */
export function compareStatusIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The newer of two ids, either of which may be missing. */
export function newerStatusId(a: string | null | undefined, b: string | null | undefined): string | null {
  if (a === null || a === undefined) return b ?? null;
  if (b === null || b === undefined) return a;
  return compareStatusIds(a, b) >= 0 ? a : b;
}
