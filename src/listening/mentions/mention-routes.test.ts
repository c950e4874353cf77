import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../../test/support/test-databases.js';
import { Browser, makeUser, startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { listAuditEvents } from '../../platform/audit/audit-log.js';
import { enrichMention } from '../enrich/enrich.js';
import type { IncomingMention } from './incoming-mention.js';
import { storeMention } from './mention-store.js';

function incoming(externalId: string, text: string): IncomingMention {
  return { sourceKind: 'mastodon', externalId, url: `https://social.example/@ann/${externalId}`, authorHandle: 'ann@social.example', authorName: '<b>Ann</b>', text, declaredLanguage: null, createdAt: '2026-11-20T10:00:00.000Z', links: [], hashtags: [], mentions: [], replyTo: null };
}

for (const dialect of testDialects()) {
  describe(`mention pages on ${dialect.name}`, () => {
    let t: TestApp;
    let admin: Browser;
    const ids: string[] = [];
    before(async () => {
      t = await startTestApp(dialect);
      const person = await makeUser(t.storage, 'morgan@example.gov.uk', ['admin']);
      admin = new Browser(t.app);
      await admin.signIn(person.email, person.password);
      await t.storage.db.transaction().execute(async (trx) => {
        for (const [id, text] of [['1', 'My bins were missed again <script>alert(1)</script>'], ['2', 'Mae’r biniau heb eu casglu eto'], ['3', 'Library closed, call me on 07700 900123']]) {
          const stored = await storeMention(trx, { sourceId: 'src', mention: incoming(id ?? '', text ?? ''), enrichment: enrichMention({ text: text ?? '' }), watchIds: [] });
          ids.push(stored.id);
        }
      });
    });
    after(() => t.close());

    it('searches with highlighted words, escaping everything from the internet', async () => {
      const page = await admin.get('/mentions?q=bins');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<mark>bins<\/mark>/);
      assert.ok(!page.body.includes('<script>alert(1)</script>'));
      assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.ok(!page.body.includes('<b>Ann</b>'));
    });

    it('filters by language and personal data, and rejects a bad date with the error summary', async () => {
      const welsh = await admin.get('/mentions?language=cy');
      assert.match(welsh.body, /biniau/);
      assert.doesNotMatch(welsh.body, /Library closed/);
      const personal = await admin.get('/mentions?personalData=yes');
      assert.match(personal.body, /Library closed/);
      assert.doesNotMatch(personal.body, /biniau/);
      const bad = await admin.get('/mentions?from=last+week');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter a date like 2026-11-01/);
    });

    it('shows a mention and deletes it on request, audited', async () => {
      const id = ids[2] ?? '';
      const page = await admin.get(`/mentions/${id}`);
      assert.match(page.body, /contains personal data/);
      assert.equal((await admin.post(`/mentions/${id}/delete`, {})).statusCode, 303);
      assert.equal((await admin.get(`/mentions/${id}`)).statusCode, 404);
      const [event] = await listAuditEvents(t.storage.db, { action: 'mention.deleted' });
      assert.equal(event?.subjectId, id);
      assert.doesNotMatch((await admin.get('/mentions?q=library')).body, /Library closed/);
    });
  });
}
