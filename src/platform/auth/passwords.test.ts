import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.js';

describe('password policy', () => {
  it('accepts a long passphrase and 64+ characters', () => {
    assert.deepEqual(passwordProblems('correct horse battery staple', 'ann@example.gov.uk'), []);
    assert.deepEqual(passwordProblems('x'.repeat(40) + 'y'.repeat(40), 'ann@example.gov.uk'), []);
  });

  it('rejects short, overlong, common and self-naming passwords', () => {
    assert.match(passwordProblems('short1', 'a@b')[0] ?? '', /8 characters or more/);
    assert.match(passwordProblems('z'.repeat(129), 'a@b')[0] ?? '', /128 characters or fewer/);
    assert.match(passwordProblems('Password1', 'a@b')[0] ?? '', /too common/);
    assert.match(passwordProblems('football', 'a@b')[0] ?? '', /too common/);
    assert.match(passwordProblems('ann.jones-2026!', 'ann.jones@example.gov.uk')[0] ?? '', /email address/);
  });

  it('hashes with argon2id at OWASP cost and verifies', async () => {
    const hashed = await hashPassword('correct horse battery staple');
    assert.match(hashed, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword(hashed, 'correct horse battery staple'), true);
    assert.equal(await verifyPassword(hashed, 'correct horse battery stapler'), false);
    assert.equal(await verifyPassword(undefined, 'anything'), false);
    assert.equal(await verifyPassword('not a hash', 'anything'), false);
  });
});
