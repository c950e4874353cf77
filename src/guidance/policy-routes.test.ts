import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Browser, makeUser, startTestApp, type TestApp } from '../../test/support/test-app.js';
import { testDialects } from '../../test/support/test-databases.js';
import { listAuditEvents } from '../platform/audit/audit-log.js';
import { createApiToken } from '../platform/auth/api-tokens.js';

const summaryLinks = (html: string) => [...html.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
const textareaOf = (html: string) => /<textarea[^>]*name="policy"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? '';
const system = { type: 'system', label: 'test' } as const;

for (const dialect of testDialects()) {
  describe(`the guidance policy page and API on ${dialect.name}`, () => {
    let t: TestApp;
    let dir: string;
    let file: string;
    let admin: Browser;
    let head: Browser;
    let officer: Browser;
    let adminToken: string;
    let officerToken: string;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'parley-policy-routes-'));
      file = join(dir, 'policy.json');
      writeFileSync(file, '{\n  "severities": { "welsh": "high" }\n}\n');
      t = await startTestApp(dialect, { PARLEY_GUIDANCE_POLICY: file });
      const ada = await makeUser(t.storage, 'ada@example.gov.uk', ['admin']);
      const hana = await makeUser(t.storage, 'hana@example.gov.uk', ['head-of-digital']);
      const olu = await makeUser(t.storage, 'olu@example.gov.uk', ['officer', 'reviewer']);
      adminToken = (await createApiToken(t.storage.db, system, ada.id, { name: 't' })).token;
      officerToken = (await createApiToken(t.storage.db, system, olu.id, { name: 't' })).token;
      admin = new Browser(t.app);
      head = new Browser(t.app);
      officer = new Browser(t.app);
      await admin.signIn(ada.email, ada.password);
      await head.signIn(hana.email, hana.password);
      await officer.signIn(olu.email, olu.password);
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const api = (method: 'GET' | 'PUT' | 'DELETE', payload?: object, token = adminToken) =>
      t.app.inject({ method, url: '/api/v1/guidance/policy', headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
    const check = (text: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/check', headers: { authorization: `Bearer ${officerToken}` }, payload: { text, platform: 'mastodon' } });

    it('shows admins where the policy comes from, its summary and the file as written, and is in their navigation', async () => {
      const page = await admin.get('/admin/guidance-policy');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<a class="govuk-service-navigation__link" href="\/admin\/guidance-policy" aria-current="true">/);
      assert.match(page.body, new RegExp(`The policy file ${file.replaceAll('/', '\\/')} \\(PARLEY_GUIDANCE_POLICY\\)`));
      assert.equal(textareaOf(page.body), '{\n  &quot;severities&quot;: { &quot;welsh&quot;: &quot;high&quot; }\n}\n');
      assert.match(page.body, /Welsh[\s\S]*?<td class="govuk-table__cell">On<\/td>\s*<td class="govuk-table__cell">High<\/td>/);
      assert.doesNotMatch(page.body, /Reset to the file/, 'nothing to reset yet');
      assert.equal((await head.get('/admin/guidance-policy')).statusCode, 200);
    });

    it('is refused to those who may not manage the guidance, in the pages and the API', async () => {
      assert.equal((await officer.get('/admin/guidance-policy')).statusCode, 403);
      assert.doesNotMatch((await officer.get('/')).body, /guidance-policy/);
      assert.equal((await api('GET', undefined, officerToken)).statusCode, 403);
      assert.equal((await api('PUT', { severities: { tone: 'off' } }, officerToken)).statusCode, 403);
      const anonymous = await t.app.inject({ method: 'GET', url: '/admin/guidance-policy' });
      assert.equal(anonymous.statusCode, 303);
      assert.match(String(anonymous.headers.location), /^\/sign-in/);
    });

    it('refuses a save without the form’s CSRF token', async () => {
      await admin.get('/admin/guidance-policy');
      const forged = await admin.post('/admin/guidance-policy', { _csrf: 'forged', policy: '{"severities": {"personal-data": "off"}}' });
      assert.equal(forged.statusCode, 403);
      assert.equal((await api('GET')).json<{ source: string }>().source, 'file');
    });

    it('lists every problem with its JSON path and keeps the text as typed, saving nothing', async () => {
      await admin.get('/admin/guidance-policy');
      const typed = '{"severities": {"tone": "loud"}, "links": {"allowedHosts": ["https://x.gov.uk/<b>"]}}';
      const bad = await admin.post('/admin/guidance-policy', { policy: typed });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /<title>Error: Guidance policy/);
      const links = summaryLinks(bad.body);
      assert.deepEqual(links.map(([href, text]) => [href, text?.split(':')[0]]), [['#policy', 'links.allowedHosts[0]'], ['#policy', 'severities.tone']]);
      assert.match(bad.body, /There are 2 problems with the policy/);
      assert.equal(textareaOf(bad.body), typed.replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'));

      const notJson = await admin.post('/admin/guidance-policy', { policy: '{"severities": ' });
      assert.equal(notJson.statusCode, 400);
      assert.deepEqual(summaryLinks(notJson.body).map(([href]) => href), ['#policy']);
      assert.match(notJson.body, /the policy is not valid JSON/);
      assert.equal((await listAuditEvents(t.storage.db, { action: 'guidance.' })).length, 0);
    });

    it('saves a valid policy, which the check then uses, with a success banner; then resets it after confirmation', async () => {
      const link = 'See https://example.com/help for more.';
      const findings = async () => (await check(link)).json<{ findings: { rule: string }[] }>().findings.map((f) => f.rule);
      assert.deepEqual(await findings(), ['links']);

      await admin.get('/admin/guidance-policy');
      const saved = await admin.post('/admin/guidance-policy', { policy: '{\n  "severities": { "links": "off" }\n}' });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, '/admin/guidance-policy?saved=saved');
      const page = await admin.get('/admin/guidance-policy?saved=saved');
      assert.match(page.body, /govuk-notification-banner--success[\s\S]*Guidance policy saved\./);
      assert.match(page.body, /Edited in Parley by ada@example\.gov\.uk on \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/);
      assert.match(page.body, /Links[\s\S]*?<td class="govuk-table__cell">Off<\/td>/);
      assert.deepEqual(await findings(), [], 'the check uses the saved policy at once');

      const confirm = await admin.get('/admin/guidance-policy/reset');
      assert.match(confirm.body, /Are you sure you want to reset the guidance policy\?/);
      const reset = await admin.post('/admin/guidance-policy/reset', {});
      assert.equal(reset.headers.location, '/admin/guidance-policy?saved=reset');
      assert.match((await admin.get('/admin/guidance-policy?saved=reset')).body, /The policy file .* \(PARLEY_GUIDANCE_POLICY\)/);
      assert.deepEqual(await findings(), ['links']);
      const audit = await listAuditEvents(t.storage.db, { action: 'guidance.' });
      assert.deepEqual(audit.map((e) => [e.action, e.actor.label, e.details]), [
        ['guidance.policy_reset', 'ada@example.gov.uk', { to: 'file', changed: ['severities'] }],
        ['guidance.policy_saved', 'ada@example.gov.uk', { replaced: 'file', changed: ['severities'] }],
      ]);
    });

    it('reads and replaces the policy through the API, refusing an invalid one with every problem', async () => {
      const before = (await api('GET')).json<{ source: string; file: string; document: unknown; effective: { severities: unknown } }>();
      assert.deepEqual([before.source, before.file, before.document, before.effective.severities], ['file', file, { severities: { welsh: 'high' } }, { welsh: 'high' }]);

      const bad = await api('PUT', { severities: { tone: 'loud' }, routing: { reviewDueWorkingHours: -1 } });
      assert.equal(bad.statusCode, 400);
      const error = bad.json<{ error: { code: string; problems: { path: string }[] } }>().error;
      assert.equal(error.code, 'validation_failed');
      assert.deepEqual(error.problems.map((p) => p.path).sort(), ['routing.reviewDueWorkingHours', 'severities.tone']);

      const put = await api('PUT', { preElectionPeriods: [{ name: 'Senedd election 2026', from: '2026-03-26', to: '2026-05-07' }] });
      assert.equal(put.statusCode, 200);
      const after = put.json<{ source: string; updatedBy: string; effective: { preElectionPeriods: unknown[] } }>();
      assert.deepEqual([after.source, after.updatedBy, after.effective.preElectionPeriods.length], ['edited', 'ada@example.gov.uk', 1]);
      assert.match((await admin.get('/admin/guidance-policy')).body, /Senedd election 2026: <time datetime="2026-03-26">/);

      assert.equal((await api('DELETE')).statusCode, 204);
      assert.equal((await api('GET')).json<{ source: string }>().source, 'file');
    });
  });
}
