import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.match(config.dataDir, /\/data$/);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.adminEmail, 'admin@localhost');
    assert.equal(config.sessionIdleMs, 30 * 60_000);
    assert.equal(config.sessionAbsoluteMs, 12 * 3_600_000);
    assert.equal(config.secureCookies, false);
  });

  it('names every wrong variable and what it accepts', () => {
    assert.throws(
      () => loadConfig({ PARLEY_PORT: 'eighty', PARLEY_DATABASE_URL: 'mysql://x', PARLEY_ADMIN_EMAIL: 'nobody' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 3);
        assert.match(error.message, /PARLEY_PORT="eighty" must be a whole number/);
        assert.match(error.message, /PARLEY_DATABASE_URL="mysql:\/\/x" must be a PostgreSQL URL/);
        assert.match(error.message, /PARLEY_ADMIN_EMAIL="nobody" must be an email address/);
        return true;
      },
    );
  });

  it('rejects a port out of range and a short secret key', () => {
    assert.throws(() => loadConfig({ PARLEY_PORT: '70000' }), /PARLEY_PORT="70000" must be at most 65535/);
    assert.throws(() => loadConfig({ PARLEY_SECRET_KEY: 'abc' }), /PARLEY_SECRET_KEY="abc" must be 64 hexadecimal/);
  });

  it('turns on secure cookies for an https public URL', () => {
    assert.equal(loadConfig({ PARLEY_PUBLIC_URL: 'https://parley.example.gov.uk' }).secureCookies, true);
  });
});
