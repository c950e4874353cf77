import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../../test/support/test-databases.js';
import { Browser, makeUser, startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createApiToken } from './api-tokens.js';
import { listAuditEvents } from '../audit/audit-log.js';

for (const dialect of testDialects()) {
  describe(`JSON API on ${dialect.name}`, () => {
    let t: TestApp;
    let adminToken: string;
    let officerToken: string;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    before(async () => {
      t = await startTestApp(dialect);
      const admin = await makeUser(t.storage, 'morgan@example.gov.uk', ['admin']);
      const officer = await makeUser(t.storage, 'olu@example.gov.uk', ['officer']);
      const actor = { type: 'system', label: 'test' } as const;
      adminToken = (await createApiToken(t.storage.db, actor, admin.id, { name: 'admin script' })).token;
      officerToken = (await createApiToken(t.storage.db, actor, officer.id, { name: 'officer script' })).token;
    });
    after(() => t.close());

    it('describes itself in an OpenAPI document', async () => {
      const doc = (await t.app.inject('/api/openapi.json')).json<{ openapi: string; paths: Record<string, unknown>; components: { securitySchemes: Record<string, unknown> } }>();
      assert.equal(doc.openapi, '3.1.0');
      for (const path of ['/api/v1/me', '/api/v1/users', '/api/v1/users/{id}', '/api/v1/teams', '/api/v1/tokens', '/api/v1/tokens/{id}', '/api/v1/audit-events']) {
        assert.ok(path in doc.paths, `${path} is documented`);
      }
      assert.ok(!('/sign-in' in doc.paths), 'pages are not in the API document');
      assert.ok('bearerToken' in doc.components.securitySchemes);
    });

    it('needs a valid token: 401 JSON otherwise', async () => {
      assert.deepEqual((await t.app.inject('/api/v1/me')).json(), { error: { code: 'unauthenticated', message: 'Sign in to continue.' } });
      const bad = await t.app.inject({ url: '/api/v1/me', headers: bearer('parley_nonsense') });
      assert.equal(bad.statusCode, 401);
      assert.equal(bad.json<{ error: { code: string } }>().error.code, 'invalid_token');
      const me = await t.app.inject({ url: '/api/v1/me', headers: bearer(officerToken) });
      assert.equal(me.json<{ email: string }>().email, 'olu@example.gov.uk');
    });

    it('checks roles on every call: an officer may not list users', async () => {
      const response = await t.app.inject({ url: '/api/v1/users', headers: bearer(officerToken) });
      assert.equal(response.statusCode, 403);
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'forbidden');
    });

    it('creates a team and a user, returning the one-time password once', async () => {
      const team = await t.app.inject({ method: 'POST', url: '/api/v1/teams', headers: bearer(adminToken), payload: { name: 'Libraries' } });
      assert.equal(team.statusCode, 201);
      const teamId = team.json<{ id: string }>().id;
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(adminToken), payload: { email: 'new@example.gov.uk', name: 'New Person', roles: ['reviewer'], teamId } });
      assert.equal(created.statusCode, 201);
      const body = created.json<{ user: { roles: string[]; teamName: string; mustChangePassword: boolean }; oneTimePassword: string }>();
      assert.deepEqual(body.user.roles, ['reviewer']);
      assert.equal(body.user.teamName, 'Libraries');
      assert.equal(body.user.mustChangePassword, true);
      assert.match(body.oneTimePassword, /^[a-z2-9-]{24}$/);
      const [event] = await listAuditEvents(t.storage.db, { action: 'user.created', limit: 1 });
      assert.equal(event?.actor.label, 'morgan@example.gov.uk');
    });

    it('answers malformed JSON with 400 invalid_json and a bad body with a list of problems', async () => {
      const malformed = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { ...bearer(adminToken), 'content-type': 'application/json' }, payload: '{"email": ' });
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.json<{ error: { code: string } }>().error.code, 'invalid_json');
      const invalid = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(adminToken), payload: { email: 'nope', roles: ['wizard'] } });
      assert.equal(invalid.statusCode, 400);
      const error = invalid.json<{ error: { code: string; problems: { path: string; message: string }[] } }>().error;
      assert.equal(error.code, 'validation_failed');
      assert.deepEqual(error.problems.map((p) => p.path).sort(), ['email', 'name', 'roles.0']);
      assert.ok(!invalid.body.includes('    at '), 'no stack trace');
    });

    it('disabling a user through the API ends their browser session at once and stops their tokens', async () => {
      const person = await makeUser(t.storage, 'leaving@example.gov.uk', ['officer']);
      const token = (await createApiToken(t.storage.db, { type: 'system', label: 'test' }, person.id, { name: 'x' })).token;
      const browser = new Browser(t.app);
      await browser.signIn(person.email, person.password);
      assert.equal((await browser.get('/')).statusCode, 200);
      const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${person.id}`, headers: bearer(adminToken), payload: { status: 'disabled' } });
      assert.equal(patched.json<{ status: string }>().status, 'disabled');
      assert.equal((await browser.get('/')).statusCode, 303);
      assert.equal((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode, 401);
    });

    it('needs a CSRF header for cookie-authenticated API calls', async () => {
      const browser = new Browser(t.app);
      await browser.signIn('olu@example.gov.uk', 'a sound test passphrase');
      await browser.get('/account/tokens');
      const without = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: browser.cookieHeader }, payload: { name: 'from the page' } });
      assert.equal(without.statusCode, 403);
      assert.equal(without.json<{ error: { code: string } }>().error.code, 'csrf_failed');
      const withHeader = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: browser.cookieHeader, 'x-csrf-token': browser.csrf }, payload: { name: 'from the page' } });
      assert.equal(withHeader.statusCode, 201);
    });

    it('lets a user revoke their own token but not someone else’s; an admin may revoke any', async () => {
      const mine = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer(officerToken), payload: { name: 'temporary' } });
      const { info } = mine.json<{ info: { id: string } }>();
      const adminsOwn = (await t.app.inject({ url: '/api/v1/tokens', headers: bearer(adminToken) })).json<{ tokens: { id: string }[] }>().tokens[0];
      assert.ok(adminsOwn);
      assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${adminsOwn.id}`, headers: bearer(officerToken) })).statusCode, 404);
      const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${info.id}`, headers: bearer(adminToken) });
      assert.ok(revoked.json<{ revokedAt: string | null }>().revokedAt);
    });

    it('reads the audit log with filters', async () => {
      const response = await t.app.inject({ url: '/api/v1/audit-events?action=token.&limit=2', headers: bearer(adminToken) });
      const { events } = response.json<{ events: { action: string }[] }>();
      assert.equal(events.length, 2);
      assert.ok(events.every((e) => e.action.startsWith('token.')));
      const bad = await t.app.inject({ url: '/api/v1/audit-events?from=yesterday', headers: bearer(adminToken) });
      assert.equal(bad.statusCode, 400);
    });
  });
}
