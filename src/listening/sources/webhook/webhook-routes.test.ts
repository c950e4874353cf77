import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../../../test/support/test-databases.js';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { loadSecretKey } from '../../../platform/secrets/secret-key.js';
import { credentialCipher } from '../../../platform/secrets/encryption.js';
import { searchMentions } from '../../mentions/search.js';
import { findSourceRow } from '../source-repository.js';
import { createSource, setSourceStatus } from '../sources.js';
import { signWebhookBody } from './webhook-signature.js';

const actor = { type: 'system', label: 'test' } as const;

for (const dialect of testDialects()) {
  describe(`webhook sources on ${dialect.name}`, () => {
    let t: TestApp;
    let sourceId: string;
    let secret: string;
    const post = (body: string, signature = signWebhookBody(secret, body)) => t.app.inject({
      method: 'POST', url: `/api/v1/sources/${sourceId}/mentions`, payload: body,
      headers: { 'content-type': 'application/json', 'x-parley-signature': signature },
    });

    before(async () => {
      t = await startTestApp(dialect);
      const cipher = credentialCipher(loadSecretKey({ secretKey: undefined, dataDir: t.dataDir }));
      const created = await createSource(t.storage.db, actor, cipher, { kind: 'webhook', name: 'Contact centre', keepAll: true });
      sourceId = created.source.id;
      secret = created.webhookSecret ?? '';
      assert.ok(secret.length >= 40, 'a secret is made and shown once');
    });
    after(() => t.close());

    it('takes a signed batch and stores it, idempotent on the sender’s ids', async () => {
      const batch = JSON.stringify([
        { id: 'cc-1', text: 'Caller says the bins in Splott were missed again', language: 'en', createdAt: '2026-11-20T09:00:00Z' },
        { id: 'cc-2', text: 'Mae’r llyfrgell ar gau heddiw', hashtags: ['#Llyfrgell'] },
      ]);
      const first = await post(batch);
      assert.equal(first.statusCode, 202);
      assert.deepEqual(first.json(), { received: 2, stored: 2, created: 2, updated: 0, sightings: 0, deleted: 0 });
      const again = await post(batch);
      assert.equal(again.json<{ created: number; updated: number }>().created, 0);
      assert.equal(again.json<{ updated: number }>().updated, 2);
      const found = await searchMentions(t.storage.db, { text: 'llyfrgell', sort: 'newest', limit: 10 });
      assert.equal(found.mentions.length, 1);
      assert.equal((await findSourceRow(t.storage.db, sourceId))?.items_received, 4);
    });

    it('answers 401 to a missing or wrong signature, storing nothing', async () => {
      const body = JSON.stringify({ id: 'cc-9', text: 'forged' });
      assert.equal((await post(body, 'sha256=' + '0'.repeat(64))).statusCode, 401);
      const unsigned = await t.app.inject({ method: 'POST', url: `/api/v1/sources/${sourceId}/mentions`, payload: body, headers: { 'content-type': 'application/json' } });
      assert.equal(unsigned.statusCode, 401);
      assert.match(unsigned.json<{ error: { message: string } }>().error.message, /X-Parley-Signature/);
      assert.equal((await searchMentions(t.storage.db, { text: 'forged', sort: 'newest', limit: 10 })).mentions.length, 0);
    });

    it('answers 400 with every problem and its place for a bad body', async () => {
      const response = await post(JSON.stringify([{ id: 'ok', text: 'fine' }, { text: '', language: 'Welsh!', links: ['not a url'] }]));
      assert.equal(response.statusCode, 400);
      const { problems } = response.json<{ error: { problems: { path: string; message: string }[] } }>().error;
      assert.deepEqual(problems.map((p) => p.path).sort(), ['1.id', '1.language', '1.links.0', '1.text']);
      assert.equal((await post('{"id": ')).json<{ error: { code: string } }>().error.code, 'invalid_json');
      assert.equal((await post('[]')).statusCode, 400);
    });

    it('refuses while paused and for sources that are not webhooks', async () => {
      await setSourceStatus(t.storage.db, actor, sourceId, 'paused');
      assert.equal((await post(JSON.stringify({ id: 'p', text: 'paused' }))).statusCode, 409);
      await setSourceStatus(t.storage.db, actor, sourceId, 'active');
      const missing = await t.app.inject({ method: 'POST', url: '/api/v1/sources/nope/mentions', payload: '{}', headers: { 'content-type': 'application/json' } });
      assert.equal(missing.statusCode, 404);
    });
  });
}
