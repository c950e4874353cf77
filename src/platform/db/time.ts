/** Times are stored as ISO 8601 UTC text ('2026-11-21T09:30:00.000Z'): it sorts and compares the same on both engines. */
export function toDbTime(date: Date): string {
  return date.toISOString();
}

/** The current time as stored. */
export function nowDbTime(): string {
  return new Date().toISOString();
}
