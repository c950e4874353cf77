import { hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the generated key lives when PARLEY_SECRET_KEY is not set. */
export function secretKeyPath(dataDir: string): string {
  return join(dataDir, 'secret.key');
}

/**
 * The 32-byte master key: from PARLEY_SECRET_KEY (hex) when set, else read from the data folder, generated there once
 * with mode 0600 on first start. Several processes on one PostgreSQL must share it: set PARLEY_SECRET_KEY for them.
 */
export function loadSecretKey(options: { secretKey: string | undefined; dataDir: string }): Buffer {
  if (options.secretKey !== undefined) return Buffer.from(options.secretKey, 'hex');
  const path = secretKeyPath(options.dataDir);
  mkdirSync(options.dataDir, { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
  }
  chmodSync(path, 0o600);
  const hex = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`${path} does not hold a 64-character hexadecimal key; restore it from backup or delete it to make a new one (credentials encrypted with the old key are then lost)`);
  return Buffer.from(hex, 'hex');
}

/** A key for one purpose, derived from the master key with HKDF-SHA256, so that no two uses share a key. */
export function deriveKey(master: Buffer, purpose: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `parley:${purpose}`, length));
}
