import { randomInt } from 'node:crypto';
import { AppError } from '../../platform/errors/app-error.js';

/** Tie-breaks per millisecond: the seq of a mention is its creation time in ms × this, plus a random number below it. */
const PER_MS = 1024;

/** Seqs of times from 1970 to 2200 stay below 2^53, so they are exact in JavaScript, SQLite and PostgreSQL alike. */
const LATEST_MS = Date.UTC(2200, 0, 1);

/** A new mention's seq: its place in newest-first order. A creation time before 1970 or after 2199 is refused. */
export function newSeq(createdAtIso: string): number {
  const ms = Date.parse(createdAtIso);
  if (!(ms >= 0 && ms < LATEST_MS)) {
    throw new AppError('validation_failed', 'createdAt must be between 1970 and 2199.', [{ path: 'createdAt', message: 'Enter a date between 1970 and 2199' }]);
  }
  return ms * PER_MS + randomInt(PER_MS);
}

/** The lowest seq a mention created at or after this time (ms since the epoch) can have. */
export function seqAtMs(ms: number): number {
  return ms * PER_MS;
}

/** The lowest seq a mention created at or after this time can have: date ranges become seq ranges. */
export function seqAtTime(iso: string): number {
  return seqAtMs(Date.parse(iso));
}

/** The creation time (ms since the epoch) a seq stands for. */
export function msOfSeq(seq: number): number {
  return Math.floor(seq / PER_MS);
}
