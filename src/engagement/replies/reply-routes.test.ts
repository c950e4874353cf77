import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { startMastodonServer, type MastodonServer } from '../../../test/fakes/mastodon-server.js';
import { Browser, makeUser, startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { testDialects } from '../../../test/support/test-databases.js';
import { createApiToken } from '../../platform/auth/api-tokens.js';
import { createTeam } from '../../platform/auth/teams.js';
import { findReview } from '../../guidance/review/review-store.js';
import { setTrustLevel } from '../../guidance/review/trust-store.js';
import { activeChannel, caseFor } from './reply-fixtures.js';
import { findReply } from './reply-repository.js';

for (const dialect of testDialects()) {
  describe(`reply pages and API on ${dialect.name}`, () => {
    let t: TestApp;
    let mastodon: MastodonServer;
    let channelId: string;
    let teamId: string;
    let olwen: { id: string; email: string; password: string };
    let rhys: { id: string; email: string; password: string };
    let token: string;
    let leadToken: string;

    const newCase = async () => {
      const status = mastodon.post({ account: { username: 'citizen' }, text: 'Where is my blue badge?' });
      return caseFor(t.storage.db, { type: 'user', id: olwen.id, label: olwen.email }, teamId, {
        sourceKind: 'mastodon', externalId: `${new URL(mastodon.origin).host}:${String(status.id)}`, text: 'Where is my blue badge?', authorName: 'Ceri Citizen',
      });
    };

    before(async () => {
      t = await startTestApp(dialect);
      mastodon = await startMastodonServer({ maxCharacters: 500 });
      const { db } = t.storage;
      teamId = (await createTeam(db, { type: 'system', label: 'test' }, { name: 'Blue badges' })).id;
      olwen = await makeUser(t.storage, 'olwen@example.gov.uk', ['officer']);
      rhys = await makeUser(t.storage, 'rhys@example.gov.uk', ['officer']);
      const lead = await makeUser(t.storage, 'rhian@example.gov.uk', ['reviewer']);
      await db.updateTable('users').set({ team_id: teamId }).where('id', 'in', [olwen.id, rhys.id, lead.id]).execute();
      for (const officer of [olwen, rhys]) await setTrustLevel(db, { type: 'system', label: 'test' }, officer.id, 'trusted');
      channelId = await activeChannel(db, teamId, { platform: 'mastodon', instanceUrl: mastodon.origin, secret: mastodon.token });
      token = (await createApiToken(db, { type: 'system', label: 'test' }, olwen.id, { name: 'test' })).token;
      leadToken = (await createApiToken(db, { type: 'system', label: 'test' }, lead.id, { name: 'test' })).token;
    });
    after(async () => {
      await t.close();
      await mastodon.close();
    });

    it('composes, counts, inserts a saved reply, and submits a reply on a case without JavaScript', async () => {
      const caseId = await newCase();
      const api = { authorization: `Bearer ${token}` };
      const savedReply = { teamId, title: 'Badge delay', language: 'cy', body: 'Diolch {name}, cyfeirnod {case_reference}.' };
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/saved-replies', headers: api, payload: savedReply })).statusCode, 403, 'officers use saved replies; team leads manage them');
      const saved = await t.app.inject({ method: 'POST', url: '/api/v1/saved-replies', headers: { authorization: `Bearer ${leadToken}` }, payload: savedReply });
      assert.equal(saved.statusCode, 201);
      const browser = new Browser(t.app);
      await browser.signIn(olwen.email, olwen.password);
      const page = await browser.get(`/cases/${caseId}/reply`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /You have 500 characters remaining/);
      assert.match(page.body, /Where is my blue badge\?/);
      const inserted = await browser.post(`/cases/${caseId}/reply`, { action: 'insert', savedReplyId: saved.json<{ id: string }>().id, text: '', language: 'en' });
      assert.equal(inserted.statusCode, 200);
      assert.match(inserted.body, new RegExp(`Diolch Ceri Citizen, cyfeirnod ${caseId.slice(0, 8).toUpperCase()}\\.`));
      assert.match(inserted.body, /value="cy" checked/);
      const empty = await browser.post(`/cases/${caseId}/reply`, { action: 'submit', text: '', language: 'en' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /There is a problem/);
      const tooLong = await browser.post(`/cases/${caseId}/reply`, { action: 'submit', text: 'a'.repeat(501), language: 'en' });
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, /500 characters or fewer on Mastodon: it is 501/);
      assert.match(tooLong.body, /You have 1 character too many/);
      const sent = await browser.post(`/cases/${caseId}/reply`, { action: 'submit', text: 'Your badge is in the post.', language: 'en' });
      assert.equal(sent.statusCode, 303);
      const after = await browser.get(String(sent.headers.location));
      assert.match(after.body, /queued for publishing/);
      assert.match(after.body, /Queued<\/strong> by olwen/);
      const casePage = await browser.get(`/cases/${caseId}`);
      assert.match(casePage.body, /Queued<\/strong> by olwen/, 'the case page shows its replies');
      assert.match(casePage.body, new RegExp(`href="/cases/${caseId}/reply">Write a reply`));

      const other = new Browser(t.app);
      await other.signIn(rhys.email, rhys.password);
      const blocked = await other.get(`/cases/${caseId}/reply`);
      assert.match(blocked.body, /olwen’s reply to this case is queued/);
      assert.doesNotMatch(blocked.body, /name="text"/);
    });

    it('saves a reply waiting for review as a draft, out of review and never queued; only Submit routes it', async () => {
      const caseId = await newCase();
      const browser = new Browser(t.app);
      await browser.signIn(olwen.email, olwen.password);
      await browser.get(`/cases/${caseId}/reply`);
      const sent = await browser.post(`/cases/${caseId}/reply`, { action: 'submit', text: 'We will refund you by Friday.', language: 'en' });
      assert.equal(sent.headers.location, `/cases/${caseId}/reply?done=review`);
      assert.match((await browser.get(sent.headers.location ?? '')).body, /Sent for review: a reviewer must approve it/);
      const pending = await t.storage.db.selectFrom('replies').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow();
      assert.equal((await findReply(t.storage.db, pending.id))?.state, 'in_review');

      // Words a trusted author could publish at once: saving must not publish them.
      const saved = await browser.post(`/cases/${caseId}/reply`, { action: 'save', text: 'Thanks, we have passed this to the team.', language: 'en' });
      assert.equal(saved.headers.location, `/cases/${caseId}/reply?done=withdrawn`);
      assert.match((await browser.get(saved.headers.location ?? '')).body, /Draft saved: it is no longer waiting for review/);
      const draft = await findReply(t.storage.db, pending.id);
      assert.deepEqual([draft?.state, draft?.nextAttemptAt, draft?.text], ['draft', null, 'Thanks, we have passed this to the team.']);
      assert.equal((await findReview(t.storage.db, pending.id))?.status, 'withdrawn');
      const audit = await t.storage.db.selectFrom('audit_events').select('action').where('subject_id', '=', pending.id).orderBy('seq').execute();
      assert.deepEqual(audit.map((e) => e.action).slice(-2), ['reply.edited', 'review.withdrawn']);

      const again = await browser.post(`/cases/${caseId}/reply`, { action: 'save', text: 'Thanks, we have passed this to the team today.', language: 'en' });
      assert.equal(again.headers.location, `/cases/${caseId}/reply?done=saved`, 'a draft saved again is just saved');
      const submitted = await browser.post(`/cases/${caseId}/reply`, { action: 'submit', text: 'Thanks, we have passed this to the team today.', language: 'en' });
      assert.equal(submitted.headers.location, `/cases/${caseId}/reply?done=submitted`);
      assert.equal((await findReply(t.storage.db, pending.id))?.state, 'submitted');
    });

    it('reports what Submit did to a reply waiting for review: sent for review again, or queued', async () => {
      const browser = new Browser(t.app);
      await browser.signIn(olwen.email, olwen.password);
      await browser.get(`/channels/${channelId}/post`);
      const first = await browser.post(`/channels/${channelId}/post`, { action: 'submit', text: 'We will refund everyone by Friday.', language: 'en' });
      const id = /reply=([^&]+)&done=review$/.exec(String(first.headers.location))?.[1] ?? '';
      assert.equal((await findReply(t.storage.db, id))?.state, 'in_review');
      const resent = await browser.post(`/channels/${channelId}/post?reply=${id}`, { action: 'submit', text: 'We will refund everyone by Monday.', language: 'en' });
      assert.equal(resent.headers.location, `/channels/${channelId}/post?reply=${id}&done=review`);
      assert.equal((await findReview(t.storage.db, id))?.reviewedText, 'We will refund everyone by Monday.');
      const queued = await browser.post(`/channels/${channelId}/post?reply=${id}`, { action: 'submit', text: 'Our opening hours are on our website.', language: 'en' });
      assert.equal(queued.headers.location, `/channels/${channelId}/post?reply=${id}&done=submitted`);
      assert.match((await browser.get(queued.headers.location ?? '')).body, /queued for publishing/);
    });

    it('returns a reply waiting for review to draft when changed through the API, publishing nothing until it is submitted', async () => {
      const caseId = await newCase();
      const api = { authorization: `Bearer ${token}` };
      const made = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/replies`, headers: api, payload: { text: 'We will refund you by Friday.', language: 'en' } });
      const id = made.json<{ id: string }>().id;
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/replies/${id}/submit`, headers: api })).json<{ state: string }>().state, 'in_review');
      const changed = await t.app.inject({ method: 'PUT', url: `/api/v1/replies/${id}`, headers: api, payload: { text: 'Thanks, we have passed this to the team.', language: 'en' } });
      assert.equal(changed.statusCode, 200);
      assert.deepEqual([changed.json<{ state: string }>().state, changed.json<{ nextAttemptAt: string | null }>().nextAttemptAt], ['draft', null]);
      assert.equal((await findReview(t.storage.db, id))?.status, 'withdrawn');
      const submitted = await t.app.inject({ method: 'POST', url: `/api/v1/replies/${id}/submit`, headers: api });
      assert.equal(submitted.json<{ state: string }>().state, 'submitted');
    });

    it('does through the API what the pages do, and counts as the platform does', async () => {
      const caseId = await newCase();
      const api = { authorization: `Bearer ${token}` };
      const made = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/replies`, headers: api, payload: { text: 'Draft one', language: 'en' } });
      assert.equal(made.statusCode, 201);
      const id = made.json<{ id: string }>().id;
      const second = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/replies`, headers: api, payload: { text: 'Draft two' } });
      assert.equal(second.statusCode, 409);
      const changed = await t.app.inject({ method: 'PUT', url: `/api/v1/replies/${id}`, headers: api, payload: { text: 'Draft one, better', language: 'cy' } });
      assert.equal(changed.json<{ language: string }>().language, 'cy');
      const submitted = await t.app.inject({ method: 'POST', url: `/api/v1/replies/${id}/submit`, headers: api });
      assert.equal(submitted.json<{ state: string }>().state, 'submitted');
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/replies/${id}`, headers: api })).json<{ state: string }>().state, 'submitted');
      const post = await t.app.inject({ method: 'POST', url: `/api/v1/channels/${channelId}/posts`, headers: api, payload: { text: 'Opening hours change on Monday.' } });
      assert.equal(post.statusCode, 201);
      assert.equal((await findReply(t.storage.db, post.json<{ id: string }>().id))?.caseId, null);
      const count = await t.app.inject({ method: 'POST', url: '/api/v1/replies/count', headers: api, payload: { channelId, text: `See https://example.gov.uk/${'x'.repeat(100)}` } });
      assert.deepEqual(count.json<{ count: number }>().count, 4 + 23);
    });
  });
}
