import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../../test/support/test-databases.js';
import { Browser, makeUser, startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createApiToken } from '../../platform/auth/api-tokens.js';

for (const dialect of testDialects()) {
  describe(`watch pages and API on ${dialect.name}`, () => {
    let t: TestApp;
    let browser: Browser;
    let token: string;
    before(async () => {
      t = await startTestApp(dialect);
      const officer = await makeUser(t.storage, 'olu@example.gov.uk', ['officer']);
      await makeUser(t.storage, 'priya@example.gov.uk', ['hr']);
      token = (await createApiToken(t.storage.db, { type: 'system', label: 'test' }, officer.id, { name: 't' })).token;
      browser = new Browser(t.app);
      await browser.signIn(officer.email, officer.password);
    });
    after(() => t.close());

    it('shows a query error with its line and column in the GOV.UK error summary, keeping what was typed', async () => {
      await browser.get('/watches/new');
      const response = await browser.post('/watches/new', { name: 'Benefits', query: '"universal credit AND late', intent: 'save' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /govuk-error-summary/);
      assert.match(response.body, /<a href="#query">Line 1, column 1: [^<]*quote/);
      assert.match(response.body, /&quot;universal credit AND late<\/textarea>/);
    });

    it('saves a watch and lists it; the API checks queries as you type', async () => {
      await browser.get('/watches/new');
      const saved = await browser.post('/watches/new', { name: 'Bins', query: 'bins AND (missed OR late)', serviceArea: 'Waste', intent: 'save', status: 'active' });
      assert.equal(saved.statusCode, 303);
      const list = await browser.get('/watches');
      assert.match(list.body, /bins AND \(missed OR late\)/);
      const check = await t.app.inject({ method: 'POST', url: '/api/v1/watches/validate', headers: { authorization: `Bearer ${token}` }, payload: { query: 'benefits NEAR late' } });
      const result = check.json<{ ok: boolean; errors: { line: number; column: number; message: string }[] }>();
      assert.equal(result.ok, false);
      assert.match(result.errors[0]?.message ?? '', /NEAR\/5/);
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/watches', headers: { authorization: `Bearer ${token}` }, payload: { name: 'Roads', query: 'pothole*' } });
      assert.equal(created.statusCode, 201);
    });

    it('is forbidden to roles that do not manage watches', async () => {
      const hr = new Browser(t.app);
      await hr.signIn('priya@example.gov.uk', 'a sound test passphrase');
      assert.equal((await hr.get('/watches')).statusCode, 403);
    });
  });
}
