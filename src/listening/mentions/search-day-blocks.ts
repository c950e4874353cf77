import { msOfSeq, seqAtMs } from './mention-seq.js';

/**
 * PostgreSQL's GIN index knows nothing of time, so a search limited to a few days would still read each word's and
 * filter's whole posting list. Instead each mention's `facet_vector` also holds the blocks of days it was created in:
 * blocks of 1, 4, 16, 64, 256 and 1024 days counted from the epoch (UTC), as tokens `d<level>n<block>` (`d2n1298` is
 * the 1298th block of 16 days). A range of days is then a few block tokens, and the index reads only that part of every
 * posting list. Migration 0006 generates the tokens from seq; this is the same arithmetic for the query side.
 */

const DAY_MS = 86_400_000;
const BASE = 4;
const LEVELS = 6;

/** Whole days, first and last included, counted from the epoch. */
export interface DayRange {
  first: number;
  last: number;
}

/** The day (since the epoch, UTC) a seq was created on. */
export function dayOfSeq(seq: number): number {
  return Math.floor(msOfSeq(seq) / DAY_MS);
}

/** The lowest seq of a day. */
export function seqAtDay(day: number): number {
  return seqAtMs(day * DAY_MS);
}

/** How many seqs a day spans. */
export const SEQS_PER_DAY = seqAtDay(1);

/** The fewest block tokens whose blocks together are exactly the days of the range: the largest aligned block first. */
export function dayBlockTokens({ first, last }: DayRange): string[] {
  const tokens: string[] = [];
  let day = first;
  while (day <= last) {
    let level = LEVELS - 1;
    while (level > 0 && (day % BASE ** level !== 0 || day + BASE ** level - 1 > last)) level -= 1;
    tokens.push(`d${level}n${day / BASE ** level}`);
    day += BASE ** level;
  }
  return tokens;
}
