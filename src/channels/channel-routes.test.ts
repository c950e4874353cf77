import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { startMastodonServer, type MastodonServer } from '../../test/fakes/mastodon-server.js';
import { Browser, makeUser, startTestApp, type TestApp } from '../../test/support/test-app.js';
import { testDialects } from '../../test/support/test-databases.js';
import { createTeam } from '../platform/auth/teams.js';

for (const dialect of testDialects()) {
  describe(`channel pages on ${dialect.name}`, () => {
    let t: TestApp;
    let head: Browser;
    let officer: Browser;
    let mastodon: MastodonServer;
    let teamId: string;
    before(async () => {
      t = await startTestApp(dialect);
      mastodon = await startMastodonServer();
      teamId = (await createTeam(t.storage.db, { type: 'system', label: 'test' }, { name: 'Libraries' })).id;
      const person = await makeUser(t.storage, 'hod@example.gov.uk', ['head-of-digital']);
      const other = await makeUser(t.storage, 'ola@example.gov.uk', ['officer']);
      head = new Browser(t.app);
      await head.signIn(person.email, person.password);
      officer = new Browser(t.app);
      await officer.signIn(other.email, other.password);
    });
    after(async () => {
      await mastodon.close();
      await t.close();
    });

    it('adds a draft with errors first, and switches it on only once the plan is complete', async () => {
      assert.match((await head.get('/channels/new')).body, /Where will the organisation speak from\?/);
      await head.get('/channels/new?platform=mastodon');
      const bad = await head.post('/channels/new', { platform: 'mastodon', name: '', instanceUrl: 'not a url', promiseAmount: 'two' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /govuk-error-summary/);
      assert.match(bad.body, /Enter a name for the channel/);
      assert.match(bad.body, /Enter the instance address as a web address/);
      assert.match(bad.body, /Enter the promise as a number/);
      const draft = await head.post('/channels/new', { platform: 'mastodon', name: 'Libraries on Mastodon', instanceUrl: mastodon.origin, secret: mastodon.token });
      assert.equal(draft.statusCode, 303);
      const path = String(draft.headers.location).split('?')[0] ?? '';
      const page = await head.get(path);
      assert.match(page.body, /Draft/);
      assert.match(page.body, /Say what the channel is for/);
      assert.doesNotMatch(page.body, /Switch on channel/);
      assert.ok(!page.body.includes(mastodon.token), 'the token is never shown again');
      const planned = await head.post(`${path}/plan`, { name: 'Libraries on Mastodon', objectives: 'Opening hours & <events>', teamId, staffedHours: 'Weekdays 9 to 5', promiseAmount: '4', promiseUnit: 'working_hours' });
      assert.equal(planned.statusCode, 303);
      const ready = await head.get(path);
      assert.match(ready.body, /Switch on channel/);
      assert.match(ready.body, /Opening hours &amp; &lt;events&gt;/, 'what people typed is escaped');
      assert.equal((await head.post(`${path}/activate`, {})).statusCode, 303);
      assert.match((await head.get('/channels')).body, /4 working hours[\s\S]*On/);
    });

    it('shows the platform’s refusal on the channel page when the credentials are wrong', async () => {
      await head.get('/channels/new?platform=mastodon');
      const draft = await head.post('/channels/new', {
        platform: 'mastodon', name: 'Refused', instanceUrl: mastodon.origin, secret: 'wrong', objectives: 'x', teamId, staffedHours: 'y', promiseAmount: '1', promiseUnit: 'working_days',
      });
      const path = String(draft.headers.location).split('?')[0] ?? '';
      await head.get(path);
      const refused = await head.post(`${path}/activate`, {});
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /Mastodon refused the credentials/);
    });

    it('keeps channels to those who manage them, and forms to those with the CSRF token', async () => {
      assert.equal((await officer.get('/channels')).statusCode, 403);
      const forged = await t.app.inject({ method: 'POST', url: '/channels/new', headers: { cookie: head.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'platform=mastodon&name=Forged' });
      assert.equal(forged.statusCode, 403);
    });

    it('does the same through the API', async () => {
      await head.get('/channels');
      const created = await t.app.inject({
        method: 'POST', url: '/api/v1/channels', headers: { cookie: head.cookieHeader, 'x-csrf-token': head.csrf },
        payload: { platform: 'mastodon', name: 'API channel', config: { instanceUrl: mastodon.origin }, secret: mastodon.token, objectives: 'a', teamId, staffedHours: 'b', promiseAmount: 1, promiseUnit: 'working_days' },
      });
      assert.equal(created.statusCode, 201);
      const { id } = created.json<{ id: string }>();
      const on = await t.app.inject({ method: 'POST', url: `/api/v1/channels/${id}/activate`, headers: { cookie: head.cookieHeader, 'x-csrf-token': head.csrf } });
      assert.equal(on.json<{ status: string }>().status, 'active');
      const listed = await t.app.inject({ url: '/api/v1/channels', headers: { cookie: head.cookieHeader } });
      assert.ok(listed.json<{ channels: { id: string; hasCredentials: boolean }[] }>().channels.some((c) => c.id === id && c.hasCredentials));
      assert.ok(!listed.body.includes(mastodon.token));
    });
  });
}
