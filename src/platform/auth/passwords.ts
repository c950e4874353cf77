import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';

/** Shortest password accepted (ASVS 5.0: at least 8; 15 recommended in the hint). */
export const minPasswordLength = 8;
/** Longest password accepted (ASVS 5.0: at least 64 must be allowed). */
export const maxPasswordLength = 128;

// argon2id (the library's default algorithm) with OWASP's minimum cost: 19 MiB of memory, 2 passes, 1 lane.
const hashOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

let commonPasswords: Set<string> | undefined;

function isCommon(password: string): boolean {
  commonPasswords ??= new Set(
    readFileSync(new URL('common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return commonPasswords.has(password.toLowerCase());
}

/** Checks a new password against the policy; returns what is wrong with it in words for the person choosing it. */
export function passwordProblems(password: string, email: string): string[] {
  const length = Array.from(password).length;
  if (length < minPasswordLength) return [`Password must be ${minPasswordLength} characters or more`];
  if (length > maxPasswordLength) return [`Password must be ${maxPasswordLength} characters or fewer`];
  if (isCommon(password)) return ['Password is too common and easy to guess; choose a different one'];
  const local = email.split('@')[0] ?? '';
  if (password.toLowerCase() === email.toLowerCase() || (local.length >= 4 && password.toLowerCase().includes(local.toLowerCase()))) {
    return ['Password must not contain your email address'];
  }
  return [];
}

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), hashOptions);
}

// Verifying against this when an account does not exist keeps the time taken the same, so timing does not tell.
const decoyHash = hash('decoy password that matches nothing', hashOptions);

/** True when the password matches the hash. With no hash (unknown account), spends the same time and returns false. */
export async function verifyPassword(hashed: string | undefined, password: string): Promise<boolean> {
  try {
    return await verify(hashed ?? (await decoyHash), password.normalize('NFC'));
  } catch {
    return false;
  }
}
