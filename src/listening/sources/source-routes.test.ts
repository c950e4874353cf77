import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../../test/support/test-databases.js';
import { Browser, makeUser, startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { listAuditEvents } from '../../platform/audit/audit-log.js';
import { findSourceRow } from './source-repository.js';

for (const dialect of testDialects()) {
  describe(`source pages on ${dialect.name}`, () => {
    let t: TestApp;
    let head: Browser;
    before(async () => {
      t = await startTestApp(dialect);
      const person = await makeUser(t.storage, 'harriet@example.gov.uk', ['head-of-digital']);
      await makeUser(t.storage, 'olu@example.gov.uk', ['officer']);
      head = new Browser(t.app);
      await head.signIn(person.email, person.password);
    });
    after(() => t.close());

    it('adds a feed source through the two-step form, with errors first', async () => {
      assert.match((await head.get('/sources/new')).body, /What kind of source\?/);
      await head.get('/sources/new?kind=rss');
      const bad = await head.post('/sources/new', { kind: 'rss', name: '', url: 'ftp://nope' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter a name for the source/);
      assert.match(bad.body, /Enter a web address starting with https:\/\/ or http:\/\//);
      const good = await head.post('/sources/new', { kind: 'rss', name: 'Council news', url: 'https://news.example.gov.uk/feed.xml', intervalSeconds: '600', retentionDays: '90' });
      assert.equal(good.statusCode, 303);
      const page = await head.get(String(good.headers.location));
      assert.match(page.body, /Council news/);
      assert.match(page.body, /Waiting/);
    });

    it('shows a webhook secret once and stores a Mastodon token only sealed', async () => {
      await head.get('/sources/new?kind=webhook');
      const created = await head.post('/sources/new', { kind: 'webhook', name: 'Contact centre' });
      assert.equal(created.statusCode, 200);
      const secret = /id="webhook-secret">([^<]+)</.exec(created.body)?.[1];
      assert.ok(secret && secret.length > 30);
      await head.get('/sources/new?kind=mastodon');
      const mastodon = await head.post('/sources/new', { kind: 'mastodon', name: 'Social', instanceUrl: 'https://social.example', hashtags: '#Caerdydd, UniversalCredit', timeline: 'none', token: 'token-abcdef-9876' });
      assert.equal(mastodon.statusCode, 303);
      const id = String(mastodon.headers.location).split('/')[2]?.split('?')[0] ?? '';
      const row = await findSourceRow(t.storage.db, id);
      assert.ok(row?.credentials && !row.credentials.includes('token-abcdef-9876'));
      assert.deepEqual(JSON.parse(row.config), { instanceUrl: 'https://social.example', timeline: 'none', hashtags: ['caerdydd', 'universalcredit'] });
      const page = await head.get(`/sources/${id}`);
      assert.match(page.body, /ending ••••9876/);
      assert.ok(!page.body.includes('token-abcdef-9876'));
      assert.doesNotMatch(page.body, /opted out of being indexed/, 'only an admin may store opted-out accounts’ posts');
    });

    it('pauses and resumes, audited', async () => {
      const [source] = (await t.app.inject({ url: '/sources', headers: { cookie: head.cookieHeader } })).body.match(/\/sources\/[0-9a-f-]{36}/) ?? [];
      assert.ok(source);
      await head.get(source);
      assert.equal((await head.post(`${source}/pause`, {})).statusCode, 303);
      assert.match((await head.get(source)).body, /Paused/);
      await head.post(`${source}/resume`, {});
      const actions = (await listAuditEvents(t.storage.db, { action: 'source.' })).map((e) => e.action);
      assert.deepEqual(actions.slice(0, 2), ['source.resumed', 'source.paused']);
    });

    it('is forbidden to officers', async () => {
      const officer = new Browser(t.app);
      await officer.signIn('olu@example.gov.uk', 'a sound test passphrase');
      assert.equal((await officer.get('/sources')).statusCode, 403);
    });
  });
}
