import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../../test/support/test-databases.js';
import { Browser, makeUser, setCookie, startTestApp, type TestApp } from '../../../test/support/test-app.js';

for (const dialect of testDialects()) {
  describe(`web platform on ${dialect.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      await makeUser(t.storage, 'officer@example.gov.uk', ['officer']);
    });
    after(() => t.close());

    it('answers /ping and /health with the database checked', async () => {
      assert.equal((await t.app.inject('/ping')).body, 'pong');
      const health = await t.app.inject('/health');
      assert.equal(health.statusCode, 200);
      assert.deepEqual(health.json(), { status: 'ok', checks: { database: 'ok' } });
    });

    it('sends security headers, with the CSP nonce on the page’s inline script', async () => {
      const response = await t.app.inject('/sign-in');
      const csp = String(response.headers['content-security-policy']);
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      assert.ok(nonce);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /default-src 'self'/);
      assert.ok(response.body.includes(`<script nonce="${nonce}">`));
      assert.equal(response.headers['x-frame-options'], 'DENY');
      assert.equal(response.headers['referrer-policy'], 'same-origin');
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
    });

    it('signs in with a new HttpOnly SameSite=Lax session cookie and no-store pages', async () => {
      const browser = new Browser(t.app);
      const response = await browser.signIn('officer@example.gov.uk', 'a sound test passphrase');
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/');
      const cookie = setCookie(response, 'parley-session');
      assert.ok(cookie);
      assert.match(cookie.raw, /HttpOnly/);
      assert.match(cookie.raw, /SameSite=Lax/);
      assert.doesNotMatch(cookie.raw, /Secure/);
      const home = await browser.get('/');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Welcome, officer/);
      assert.equal(home.headers['cache-control'], 'no-store');
    });

    it('refuses a form post without a valid CSRF token', async () => {
      const browser = new Browser(t.app);
      await browser.get('/sign-in');
      const response = await browser.post('/sign-in', { email: 'officer@example.gov.uk', password: 'a sound test passphrase', _csrf: 'forged' });
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /The form has expired/);
      assert.equal(setCookie(response, 'parley-session'), undefined);
    });

    it('shows the GOV.UK error summary for a wrong password without saying whether the account exists', async () => {
      const wrong = await new Browser(t.app).signIn('officer@example.gov.uk', 'not the password');
      const unknown = await new Browser(t.app).signIn('nobody@example.gov.uk', 'not the password');
      for (const response of [wrong, unknown]) {
        assert.equal(response.statusCode, 400);
        assert.match(response.body, /<title>Error: Sign in – Parley<\/title>/);
        assert.match(response.body, /govuk-error-summary/);
        assert.match(response.body, /<a href="#email">Enter a correct email address and password<\/a>/);
      }
      const empty = await new Browser(t.app).signIn('', '');
      assert.match(empty.body, /Enter your email address/);
      assert.match(empty.body, /Enter your password/);
    });

    it('redirects the signed-out to sign in, and keeps the next page to return to', async () => {
      const response = await t.app.inject('/admin/users');
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/sign-in?next=%2Fadmin%2Fusers');
    });

    it('answers 403 with a page when a role may not use a route', async () => {
      const browser = new Browser(t.app);
      await browser.signIn('officer@example.gov.uk', 'a sound test passphrase');
      const response = await browser.get('/admin/users');
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /You do not have permission to do that/);
      const post = await browser.post('/admin/teams', { name: 'Sneaky team' });
      assert.equal(post.statusCode, 403);
    });

    it('answers unknown pages with the 404 page and unknown API paths with JSON', async () => {
      const page = await t.app.inject('/no-such-page');
      assert.equal(page.statusCode, 404);
      assert.match(page.body, /Page not found/);
      const api = await t.app.inject('/api/v1/no-such-thing');
      assert.equal(api.statusCode, 404);
      assert.deepEqual(api.json(), { error: { code: 'not_found', message: 'Page not found.' } });
    });

    it('signs out: the session is deleted and the cookie cleared', async () => {
      const browser = new Browser(t.app);
      await browser.signIn('officer@example.gov.uk', 'a sound test passphrase');
      const stolen = browser.cookieHeader;
      await browser.get('/');
      const out = await browser.post('/sign-out', {});
      assert.equal(out.statusCode, 303);
      assert.equal(out.headers.location, '/sign-in?signed-out=1');
      const replay = await t.app.inject({ url: '/', headers: { cookie: stolen } });
      assert.equal(replay.statusCode, 303, 'the old cookie no longer works');
    });
  });
}

describe('web platform over HTTPS', () => {
  const [sqlite] = testDialects();
  it('uses __Host- prefixed Secure cookies and HSTS', async () => {
    assert.ok(sqlite);
    const t = await startTestApp(sqlite, { PARLEY_PUBLIC_URL: 'https://parley.example.gov.uk' });
    try {
      await makeUser(t.storage, 'officer@example.gov.uk', ['officer']);
      const response = await new Browser(t.app).signIn('officer@example.gov.uk', 'a sound test passphrase');
      const cookie = setCookie(response, '__Host-parley-session');
      assert.ok(cookie);
      assert.match(cookie.raw, /Secure/);
      assert.match(cookie.raw, /Path=\//);
      assert.match(String(response.headers['strict-transport-security']), /max-age=31536000/);
    } finally {
      await t.close();
    }
  });
});

describe('web platform safety nets', () => {
  async function bareServer() {
    const { buildServer } = await import('./server.js');
    const { loadConfig } = await import('../config/config.js');
    const { createLogger } = await import('../logger.js');
    const [sqlite] = testDialects();
    assert.ok(sqlite);
    const storage = await sqlite.open();
    const config = loadConfig({ PARLEY_LOG_LEVEL: 'silent', PARLEY_RATE_LIMIT_PER_MINUTE: '0' });
    const app = await buildServer({ config, db: storage.db, logger: createLogger('silent'), secretKey: Buffer.alloc(32, 7), navigation: [] });
    return { app, storage };
  }

  it('refuses to start with a route that does not declare who may use it', async () => {
    const { app, storage } = await bareServer();
    try {
      assert.throws(() => app.get('/forgotten', () => 'open to all?'), /Route GET \/forgotten does not declare config.access/);
    } finally {
      await storage.close();
    }
  });

  it('answers an unexpected error with the 500 page or JSON, never a stack trace or the error’s text', async () => {
    const { app, storage } = await bareServer();
    try {
      app.get('/boom', { config: { access: 'public' } }, () => { throw new Error('database password is hunter2'); });
      app.get('/api/v1/boom', { config: { access: 'public' } }, () => { throw new Error('database password is hunter2'); });
      await app.ready();
      const page = await app.inject('/boom');
      assert.equal(page.statusCode, 500);
      assert.match(page.body, /Sorry, there is a problem with the service/);
      const api = await app.inject('/api/v1/boom');
      assert.deepEqual(api.json(), { error: { code: 'internal', message: 'Sorry, there is a problem with the service.' } });
      for (const body of [page.body, api.body]) {
        assert.doesNotMatch(body, /hunter2/);
        assert.doesNotMatch(body, /\s+at /);
      }
    } finally {
      await app.close();
      await storage.close();
    }
  });
});
