import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { credentialCipher, maskSecret, SealedValueError } from './encryption.js';

const master = Buffer.alloc(32, 1);

describe('credential encryption', () => {
  it('round-trips any text, with a fresh nonce each time', () => {
    const cipher = credentialCipher(master);
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (plain) => cipher.decrypt(cipher.encrypt(plain)) === plain));
    assert.notEqual(cipher.encrypt('same'), cipher.encrypt('same'));
    assert.ok(!cipher.encrypt('app-password-123').includes('app-password-123'));
  });

  it('refuses a value sealed under another key, another purpose, or altered', () => {
    const sealed = credentialCipher(master).encrypt('token');
    assert.throws(() => credentialCipher(Buffer.alloc(32, 2)).decrypt(sealed), SealedValueError);
    assert.throws(() => credentialCipher(master, 'other').decrypt(sealed), SealedValueError);
    const parts = sealed.split('.');
    const body = parts[2] ?? '';
    // The first character, not the last: the last base64 character of a body may hold only padding bits.
    const altered = [parts[0], parts[1], `${body.startsWith('A') ? 'B' : 'A'}${body.slice(1)}`, parts[3]].join('.');
    assert.throws(() => credentialCipher(master).decrypt(altered), /cannot be decrypted/);
    assert.throws(() => credentialCipher(master).decrypt('plain text'), /unknown format/);
  });

  it('masks secrets to their last four characters', () => {
    assert.equal(maskSecret('abcdefgh1234'), '••••1234');
    assert.equal(maskSecret('abc'), '••••');
  });
});
