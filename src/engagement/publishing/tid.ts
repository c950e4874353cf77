import { createHash } from 'node:crypto';

const ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';
const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
const MAX_MICROSECONDS = 2n ** 53n - 1n;

/** Whether a string is a valid atproto TID: 13 base32-sortable characters, top bit clear. */
export function isValidTid(value: string): boolean {
  return TID.test(value);
}

/** Encodes a TID from microseconds since the Unix epoch (53 bits) and a clock id (10 bits). */
export function encodeTid(microseconds: bigint, clockId: number): string {
  if (microseconds < 0n || microseconds > MAX_MICROSECONDS) throw new RangeError(`A TID cannot hold the time ${microseconds} µs.`);
  if (!Number.isInteger(clockId) || clockId < 0 || clockId > 1023) throw new RangeError(`A TID's clock id is 0–1023, not ${clockId}.`);
  let value = (microseconds << 10n) | BigInt(clockId);
  let encoded = '';
  for (let i = 0; i < 13; i += 1) {
    encoded = ALPHABET.charAt(Number(value & 31n)) + encoded;
    value >>= 5n;
  }
  return encoded;
}

/** Reads a TID's time (microseconds since the epoch) and clock id; undefined for a string that is not a TID. */
export function decodeTid(tid: string): { microseconds: bigint; clockId: number } | undefined {
  if (!isValidTid(tid)) return undefined;
  let value = 0n;
  for (const char of tid) value = (value << 5n) | BigInt(ALPHABET.indexOf(char));
  return { microseconds: value >> 10n, clockId: Number(value & 1023n) };
}

/**
 * The Bluesky record key of a reply, the same on every attempt, so that the PDS holds at most one post per reply.
 *
 * A TID is 53 bits of microseconds and a 10-bit clock id. The time is the reply's creation second (so keys sort
 * roughly by time, as TIDs should); the microseconds within that second (about 20 bits) and the clock id (10 bits)
 * come from SHA-256 of the lower-cased reply id. Two replies created in different seconds never share a key; two
 * created in the same second share one with a chance of about one in a billion.
 */
export function tidForReply(replyId: string, createdAt: string | Date): string {
  const millis = typeof createdAt === 'string' ? Date.parse(createdAt) : createdAt.getTime();
  if (!Number.isFinite(millis) || millis < 0) throw new RangeError(`A reply's creation time must be a date after 1970, not ${String(createdAt)}.`);
  const digest = createHash('sha256').update(replyId.trim().toLowerCase(), 'utf8').digest();
  const withinSecond = digest.readUInt32BE(0) % 1_000_000;
  const clockId = digest.readUInt16BE(4) & 1023;
  const seconds = BigInt(Math.floor(millis / 1000));
  return encodeTid(seconds * 1_000_000n + BigInt(withinSecond), clockId);
}
