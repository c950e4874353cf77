import { createHash, randomBytes } from 'node:crypto';

/** A new random secret of 256 bits, URL-safe. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a secret, hex: what is stored in place of session ids and API tokens. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
