import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { makeUser, startTestApp, type TestApp } from '../../test/support/test-app.js';
import { testDialects } from '../../test/support/test-databases.js';
import { createApiToken } from '../platform/auth/api-tokens.js';
import { resetPolicy, savePolicy } from './policy-store.js';

const system = { type: 'system', label: 'test' } as const;
const [sqlite] = testDialects();

describe('POST /api/v1/check', () => {
  let t: TestApp;
  let officerToken: string;
  let hrToken: string;

  before(async () => {
    assert.ok(sqlite);
    t = await startTestApp(sqlite);
    const officer = await makeUser(t.storage, 'olu@example.gov.uk', ['officer']);
    const hr = await makeUser(t.storage, 'hari@example.gov.uk', ['hr']);
    officerToken = (await createApiToken(t.storage.db, system, officer.id, { name: 't' })).token;
    hrToken = (await createApiToken(t.storage.db, system, hr.id, { name: 't' })).token;
  });
  after(() => t.close());

  const check = (body: unknown, token = officerToken) =>
    t.app.inject({ method: 'POST', url: '/api/v1/check', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  it('gives the risk, the route and the findings with their spans, as the CLI prints them', async () => {
    const text = 'Sorry Jo, call us on 029 2034 5678 or see https://example.com/help';
    const response = await check({ text, platform: 'bluesky' });
    assert.equal(response.statusCode, 200);
    const body: unknown = response.json();
    assert.ok(body !== null && typeof body === 'object' && 'risk' in body && 'route' in body && 'findings' in body && Array.isArray(body.findings));
    assert.equal(body.risk, 'blocked');
    assert.equal(body.route, 'blocked');
    const spans: unknown[] = body.findings.map((f: { rule?: unknown; start?: unknown; end?: unknown }) => [f.rule, text.slice(Number(f.start), Number(f.end))]);
    assert.deepEqual(spans, [['personal-data', '029 2034 5678'], ['links', 'https://example.com/help']]);
  });

  it('routes a clean draft by the default trust level, and checks Welsh and length from the body', async () => {
    const clean = (await check({ text: 'Thanks for getting in touch, we will look into it today.', platform: 'mastodon' })).json<{ risk: string; route: string }>();
    assert.deepEqual([clean.risk, clean.route], ['none', 'team-review']);
    const welsh = (await check({ text: 'Thanks for getting in touch, we will look into it today.', platform: 'mastodon', inReplyToLang: 'cy' })).json<{ findings: { rule: string }[] }>();
    assert.deepEqual(welsh.findings.map((f) => f.rule), ['welsh']);
    const long = (await check({ text: 'Thanks for getting in touch.', platform: 'mastodon', maxCharacters: 10 })).json<{ findings: { rule: string; start: number }[] }>();
    assert.deepEqual(long.findings.map((f) => [f.rule, f.start]), [['platform-limits', 10]]);
  });

  it('checks against the policy in force, as an admin changes it', async () => {
    const rules = async () => (await check({ text: 'Thanks, see https://example.com/help', platform: 'mastodon' })).json<{ risk: string; findings: { rule: string; severity: string }[] }>();
    assert.deepEqual((await rules()).findings.map((f) => [f.rule, f.severity]), [['links', 'medium']]);
    await savePolicy(t.storage.db, system, '{"severities": {"links": "high"}, "routing": {"defaultTrust": "trusted"}}');
    try {
      const changed = await rules();
      assert.deepEqual(changed.findings.map((f) => [f.rule, f.severity]), [['links', 'high']]);
      const clean = (await check({ text: 'Thanks for getting in touch, we will look into it today.', platform: 'mastodon' })).json<{ route: string }>();
      assert.equal(clean.route, 'publish', 'the default trust level comes from the policy in force');
    } finally {
      await resetPolicy(t.storage.db, system);
    }
    assert.deepEqual((await rules()).findings.map((f) => [f.rule, f.severity]), [['links', 'medium']]);
  });

  it('rejects an empty draft, an unknown platform and unknown fields with 400', async () => {
    for (const body of [{ text: '  ', platform: 'mastodon' }, { text: 'Hi', platform: 'twitter' }, { text: 'Hi', platform: 'mastodon', colour: 'red' }, { platform: 'mastodon' }]) {
      assert.equal((await check(body)).statusCode, 400, JSON.stringify(body));
    }
  });

  it('needs a signed-in user who may write replies', async () => {
    assert.equal((await check({ text: 'Hi', platform: 'mastodon' }, hrToken)).statusCode, 403);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/check', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ text: 'Hi', platform: 'mastodon' }) });
    assert.equal(anonymous.statusCode, 401);
  });

  it('is described in the OpenAPI document', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = response.json<{ paths: Record<string, { post?: unknown }> }>();
    assert.ok(doc.paths['/api/v1/check']?.post);
  });
});
