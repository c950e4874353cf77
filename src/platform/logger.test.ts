import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { createLogger } from './logger.js';

describe('logger', () => {
  it('never writes passwords, tokens, cookies or email addresses', () => {
    const out = new PassThrough();
    let written = '';
    out.on('data', (chunk: Buffer) => { written += chunk.toString(); });
    const logger = createLogger('info', out);
    logger.info({ password: 'hunter2', user: { email: 'ann@example.gov.uk', token: 'parley_abc' }, req: { headers: { authorization: 'Bearer parley_abc', cookie: 'parley-session=xyz' } } }, 'sign-in');
    logger.info({ body: { newPassword: 'swordfish' } }, 'form');
    for (const secret of ['hunter2', 'ann@example.gov.uk', 'parley_abc', 'parley-session=xyz', 'swordfish']) {
      assert.ok(!written.includes(secret), `${secret} must not be logged`);
    }
    assert.match(written, /\[redacted\]/);
    assert.match(written, /"msg":"sign-in"/);
  });
});
