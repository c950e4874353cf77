import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.js';

/** The orders results come in: newest first, or best match first (newest first among equals). */
export type SearchSort = 'newest' | 'relevance';

/** Where a page ended: the last result's place in the order. */
export type SearchCursor = { sort: 'newest'; seq: number } | { sort: 'relevance'; score: number; seq: number };

const cursorSchema = z.union([
  z.tuple([z.literal('n'), z.number().int()]),
  z.tuple([z.literal('r'), z.number(), z.number().int()]),
]);

/** An opaque, URL-safe cursor for the next page. */
export function encodeCursor(cursor: SearchCursor): string {
  const fields = cursor.sort === 'newest' ? ['n', cursor.seq] : ['r', cursor.score, cursor.seq];
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

function invalid(): AppError {
  return new AppError('validation_failed', 'The link to the next page is not valid. Start the search again.', [
    { path: 'after', message: 'Not a cursor from this search' },
  ]);
}

/** Reads a cursor made by encodeCursor for the same sort; anything else is a validation error. */
export function decodeCursor(value: string, sort: SearchSort): SearchCursor {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) throw invalid();
  const fields = parsed.data;
  if (fields[0] === 'n' && sort === 'newest') return { sort, seq: fields[1] };
  if (fields[0] === 'r' && sort === 'relevance') return { sort, score: fields[1], seq: fields[2] };
  throw invalid();
}
