import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deriveKey } from './secret-key.js';

const version = 'v1';

/** Encrypts and decrypts credentials at rest with AES-256-GCM under a key derived from the master key. */
export interface CredentialCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

/** A sealed value that cannot be opened: the key changed or the text was altered. */
export class SealedValueError extends Error {
  constructor(reason: string) {
    super(`A stored credential cannot be decrypted (${reason}). Was PARLEY_SECRET_KEY or data/secret.key changed? Enter the credential again.`);
    this.name = 'SealedValueError';
  }
}

/**
 * Makes the cipher for one purpose ("credentials"). Each value gets a fresh 96-bit nonce; the result is
 * `v1.<nonce>.<ciphertext>.<tag>` in base64url, and the purpose is bound in as associated data.
 */
export function credentialCipher(master: Buffer, purpose = 'credentials'): CredentialCipher {
  const key = deriveKey(master, purpose);
  const aad = Buffer.from(`parley:${purpose}`);
  return {
    encrypt(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(aad);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [version, nonce, body, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    decrypt(sealed) {
      const [v, nonce, body, tag] = sealed.split('.');
      if (v !== version || nonce === undefined || body === undefined || tag === undefined) throw new SealedValueError('unknown format');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
        decipher.setAAD(aad);
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SealedValueError('authentication failed');
      }
    },
  };
}

/** Shows a secret as people may see it again: its last four characters only. */
export function maskSecret(secret: string): string {
  return secret.length <= 4 ? '••••' : `••••${secret.slice(-4)}`;
}
