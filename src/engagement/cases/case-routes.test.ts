import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { Browser, makeUser, startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { testDialects } from '../../../test/support/test-databases.js';
import { mentionInput, type MentionSpec } from '../../listening/mentions/mention-fixtures.js';
import { storeMention } from '../../listening/mentions/mention-store.js';
import { createWatch } from '../../listening/watches/watches.js';
import { createTeam } from '../../platform/auth/teams.js';
import { markPresence } from './case-presence.js';

const system = { type: 'system', label: 'test' } as const;
/** The ids of the cases an inbox page lists, in order. */
const listed = (html: string): string[] => [...html.matchAll(/href="\/cases\/([0-9a-f-]{36})"/g)].flatMap((m) => m[1] ?? []);

for (const dialect of testDialects()) {
  describe(`inbox and case pages on ${dialect.name}`, () => {
    let t: TestApp;
    let ana: Browser;
    let ben: Browser;
    let hr: Browser;
    let anaId: string;
    let teamId: string;
    let watchId: string;

    before(async () => {
      t = await startTestApp(dialect);
      const { db } = t.storage;
      teamId = (await createTeam(db, system, { name: 'Benefits' })).id;
      watchId = (await createWatch(db, system, { name: 'Payments', query: 'payment' })).id;
      const a = await makeUser(t.storage, 'ana@example.gov.uk', ['officer']);
      const b = await makeUser(t.storage, 'ben@example.gov.uk', ['officer']);
      const h = await makeUser(t.storage, 'hana@example.gov.uk', ['hr']);
      anaId = a.id;
      await db.updateTable('users').set({ name: 'Ana Officer', team_id: teamId }).where('id', '=', a.id).execute();
      await db.updateTable('users').set({ name: 'Ben Officer', team_id: teamId }).where('id', '=', b.id).execute();
      ana = new Browser(t.app);
      await ana.signIn(a.email, a.password);
      ben = new Browser(t.app);
      await ben.signIn(b.email, b.password);
      hr = new Browser(t.app);
      await hr.signIn(h.email, h.password);
    });
    after(() => t.close());

    /** Stores a mention and opens a case for it from its page, as an officer would; returns both ids. */
    async function openCase(spec: MentionSpec = {}): Promise<{ mentionId: string; caseId: string }> {
      const { id: mentionId } = await t.storage.db.transaction().execute((trx) => storeMention(trx, mentionInput({ watchIds: [watchId], ...spec })));
      await ana.get(`/mentions/${mentionId}`);
      const opened = await ana.post(`/mentions/${mentionId}/case`, {});
      assert.equal(opened.statusCode, 303);
      const caseId = /^\/cases\/([0-9a-f-]{36})\?done=opened$/.exec(String(opened.headers.location))?.[1];
      assert.ok(caseId, `redirected to ${String(opened.headers.location)}`);
      return { mentionId, caseId };
    }
    const setDue = (caseId: string, at: string) => t.storage.db.updateTable('cases').set({ due_at: at, sort_due: at }).where('id', '=', caseId).execute();

    it('opens a case from the mention page once, and the mention page then links to it', async () => {
      const { id: mentionId } = await t.storage.db.transaction().execute((trx) => storeMention(trx, mentionInput({ watchIds: [watchId], text: 'Has my payment gone?' })));
      const before = await ana.get(`/mentions/${mentionId}`);
      assert.match(before.body, /Open a case/);
      const opened = await ana.post(`/mentions/${mentionId}/case`, {});
      const path = String(opened.headers.location).split('?')[0] ?? '';
      const page = await ana.get(String(opened.headers.location));
      assert.match(page.body, /Case opened\./);
      assert.match(page.body, /Has my payment gone\?/);
      assert.match(page.body, /Opened from a mention/);
      const after = await ana.get(`/mentions/${mentionId}`);
      assert.doesNotMatch(after.body, /Open a case/);
      assert.ok(after.body.includes(`href="${path}"`), 'the mention links to its case');
      assert.equal((await ana.post(`/mentions/${mentionId}/case`, {})).headers.location, `${path}?done=opened`, 'a second opening gives the same case');
    });

    it('lists each view’s cases by due time, marks overdue and Welsh ones, and counts them in the tabs and navigation', async () => {
      const late = await openCase({ text: 'Late payment, overdue' });
      const welsh = await openCase({ text: 'Ble mae fy nhaliad?', language: 'cy' });
      const later = await openCase({ text: 'Payment due next week' });
      await setDue(late.caseId, '2026-01-05T09:30:00.000Z');
      await setDue(later.caseId, '2999-01-05T09:30:00.000Z');
      const unassigned = await ana.get('/inbox?view=unassigned');
      assert.equal(unassigned.statusCode, 200);
      const ids = listed(unassigned.body);
      assert.ok(ids.indexOf(late.caseId) < ids.indexOf(later.caseId), 'sorted by due time');
      assert.ok(ids.includes(welsh.caseId));
      assert.match(unassigned.body, /govuk-tag--red">Overdue<\/strong><br>5 Jan 2026, 09:30/);
      assert.match(unassigned.body, /lang="cy">Ble mae fy nhaliad\?<\/a>[\s\S]*?govuk-tag--blue">Welsh</);
      assert.deepEqual(listed((await ana.get('/inbox?view=welsh')).body), [welsh.caseId]);
      assert.ok(!listed((await ana.get('/inbox?view=mine')).body).includes(late.caseId));

      await ana.get(`/cases/${late.caseId}`);
      assert.equal((await ana.post(`/cases/${late.caseId}/assign`, { assigneeId: anaId, teamId: '' })).statusCode, 303);
      const mine = await ana.get('/inbox');
      assert.deepEqual(listed(mine.body), [late.caseId], 'the inbox opens on the cases assigned to you');
      assert.match(mine.body, /Assigned to you \(1\)/);
      assert.match(mine.body, /Ana Officer/);
      const badge = /Inbox <span class="moj-notification-badge">(\d+)<span class="govuk-visually-hidden"> cases waiting for you/.exec(mine.body)?.[1];
      const counts = (await t.app.inject({ url: '/api/v1/inbox/counts', headers: { cookie: ana.cookieHeader } })).json<{ views: Record<string, number>; waiting: number }>();
      assert.equal(Number(badge), counts.waiting, 'the navigation counts the cases waiting on you');
      assert.equal(counts.waiting, (counts.views.mine ?? 0) + (counts.views.unassigned ?? 0), 'yours, and the unassigned ones of your team (every case here is in it)');
      const overdue = await ana.get('/inbox?view=overdue');
      assert.deepEqual(listed(overdue.body), [late.caseId]);
    });

    it('filters without JavaScript, pages with a Next page link, and says what is wrong with a bad filter', async () => {
      const urgent = await openCase({ text: 'Urgent payment problem' });
      await ana.get(`/cases/${urgent.caseId}`);
      await ana.post(`/cases/${urgent.caseId}/priority`, { priority: 'urgent' });
      await ana.post(`/cases/${urgent.caseId}/tags`, { tags: 'payments, Late' });
      assert.deepEqual(listed((await ana.get('/inbox?view=open&priority=urgent&status=&tag=')).body), [urgent.caseId]);
      assert.deepEqual(listed((await ana.get('/inbox?view=open&tag=late')).body), [urgent.caseId]);
      const bad = await ana.get('/inbox?view=open&status=lost');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /govuk-error-summary[\s\S]*Choose a status from the list/);

      const all = listed((await ana.get('/inbox?view=open&limit=200')).body);
      const seen: string[] = [];
      let next: string | undefined = '/inbox?view=open&limit=2';
      while (next) {
        const page = await ana.get(next);
        seen.push(...listed(page.body));
        next = /href="([^"]+)" rel="next"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
        if (next) assert.match(next, /view=open/);
      }
      assert.deepEqual(seen, all);
      assert.equal((await ana.get('/inbox?view=open&after=damaged')).statusCode, 400);
    });

    it('escapes what citizens wrote on the inbox and the case page', async () => {
      const hostile = await openCase({ text: '<script>alert("payment")</script> & <b>bold</b>', authorName: '<img src=x onerror=alert(1)>' });
      for (const html of [(await ana.get('/inbox?view=unassigned&limit=200')).body, (await ana.get(`/cases/${hostile.caseId}`)).body]) {
        assert.ok(!html.includes('<script>alert'), 'no script from a post');
        assert.ok(!html.includes('<img src=x'), 'no markup from an author name');
        assert.match(html, /&lt;script&gt;alert\(&quot;payment&quot;\)&lt;\/script&gt; &amp; &lt;b&gt;bold&lt;\/b&gt;/);
      }
    });

    it('triages with errors first, then saves each form with a banner and a line in the history', async () => {
      const { caseId } = await openCase({ text: 'payment spam' });
      await ana.get(`/cases/${caseId}`);
      const none = await ana.post(`/cases/${caseId}/triage`, {});
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /govuk-error-summary[\s\S]*href="#decision">Choose a decision/);
      const noReason = await ana.post(`/cases/${caseId}/triage`, { decision: 'no_reply_needed', reason: '' });
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /href="#reason">Choose why no reply is needed/);
      assert.match(noReason.body, /value="no_reply_needed" checked/, 'the choice is kept');
      const noTarget = await ana.post(`/cases/${caseId}/triage`, { decision: 'escalate' });
      assert.match(noTarget.body, /href="#target">Choose where to escalate the case/);
      const badTags = await ana.post(`/cases/${caseId}/tags`, { tags: 'fine, not fine!' });
      assert.equal(badTags.statusCode, 400);
      assert.match(badTags.body, /href="#tags">Tags are up to 40 letters/);
      assert.match(badTags.body, /value="fine, not fine!"/);
      const badPerson = await ana.post(`/cases/${caseId}/assign`, { assigneeId: 'nobody', teamId: '' });
      assert.match(badPerson.body, /href="#assigneeId">Choose a person from the list/);

      const saved = await ana.post(`/cases/${caseId}/triage`, { decision: 'no_reply_needed', reason: 'spam' });
      assert.equal(saved.headers.location, `/cases/${caseId}?done=triage`);
      const closed = await ana.get(`/cases/${caseId}?done=triage`);
      assert.match(closed.body, /Triage saved\./);
      assert.match(closed.body, /No reply needed: Spam/);
      assert.match(closed.body, /moj-timeline__title">No reply needed: spam</);
      const reopened = await ana.post(`/cases/${caseId}/reopen`, {});
      assert.equal(reopened.headers.location, `/cases/${caseId}?done=reopen`);
      const page = await ana.get(`/cases/${caseId}?done=reopen`);
      assert.match(page.body, /Case reopened\./);
      assert.match(page.body, /moj-timeline__title">Reopened</);
      await ana.post(`/cases/${caseId}/assign`, { assigneeId: anaId, teamId: '' });
      assert.match((await ana.get(`/cases/${caseId}`)).body, /Assigned to Ana Officer \(Benefits\)[\s\S]*by Ana Officer/);
    });

    it('refuses forms without the CSRF token, and the inbox to people without the permission', async () => {
      const { caseId } = await openCase();
      const forged = await t.app.inject({ method: 'POST', url: `/cases/${caseId}/triage`, headers: { cookie: ana.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'decision=needs_reply' });
      assert.equal(forged.statusCode, 403);
      assert.equal((await hr.get('/inbox')).statusCode, 403);
      assert.equal((await hr.get(`/cases/${caseId}`)).statusCode, 403);
      assert.equal((await t.app.inject({ url: '/api/v1/cases', headers: { cookie: hr.cookieHeader } })).statusCode, 403);
      assert.doesNotMatch((await hr.get('/')).body, /href="\/inbox"/);
    });

    it('shows who else is viewing or drafting, on reload and through the API, and forgets those long gone', async () => {
      const { caseId } = await openCase();
      await ana.get(`/cases/${caseId}`);
      const seenByBen = await ben.get(`/cases/${caseId}`);
      assert.match(seenByBen.body, /aria-live="polite"[\s\S]*Ana Officer is viewing this case/);
      assert.doesNotMatch(seenByBen.body, /Ben Officer is viewing/, 'nobody is told about themselves');
      const drafting = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/presence`, headers: { cookie: ana.cookieHeader, 'x-csrf-token': ana.csrf }, payload: { activity: 'drafting' } });
      assert.equal(drafting.statusCode, 200);
      assert.deepEqual(drafting.json<{ others: { message: string }[] }>().others.map((o) => o.message), ['Ben Officer is viewing this case']);
      assert.match((await ben.get(`/cases/${caseId}`)).body, /Ana Officer is drafting a reply/);
      const polled = await t.app.inject({ url: `/api/v1/cases/${caseId}/presence`, headers: { cookie: ben.cookieHeader } });
      assert.deepEqual(polled.json<{ others: { name: string; activity: string }[] }>().others.map((o) => [o.name, o.activity]), [['Ana Officer', 'drafting']]);

      const { caseId: quiet } = await openCase();
      const [anaRow] = await t.storage.db.selectFrom('users').select('id').where('email', '=', 'ana@example.gov.uk').execute();
      assert.ok(anaRow);
      await markPresence(t.storage.db, quiet, anaRow.id, 'drafting', new Date(Date.now() - 3 * 60_000));
      assert.match((await ben.get(`/cases/${quiet}`)).body, /Nobody else is on this case/);
    });

    it('does the same through the API as the pages', async () => {
      const { caseId, mentionId } = await openCase({ text: 'API payment question' });
      const headers = { cookie: ana.cookieHeader };
      const page = listed((await ana.get('/inbox?view=unassigned&limit=200')).body);
      const api = await t.app.inject({ url: '/api/v1/cases?view=unassigned&limit=200', headers });
      assert.equal(api.statusCode, 200);
      assert.deepEqual(api.json<{ cases: { id: string }[] }>().cases.map((c) => c.id), page);
      const one = await t.app.inject({ url: `/api/v1/cases/${caseId}`, headers });
      assert.equal(one.json<{ thread: { text: string }[] }>().thread[0]?.text, 'API payment question');
      const post = (path: string, payload?: object) => t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/${path}`, headers: { ...headers, 'x-csrf-token': ana.csrf }, ...(payload ? { payload } : {}) });
      const bad = await post('triage', { decision: 'escalate' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json<{ error: { code: string } }>().error.code, 'validation_failed');
      assert.equal((await post('triage', { decision: 'escalate', target: 'complaints' })).json<{ escalatedTo: string }>().escalatedTo, 'complaints');
      assert.deepEqual((await post('tags', { tags: ['refund'] })).json<{ tags: string[] }>().tags, ['refund']);
      assert.equal((await post('priority', { priority: 'high' })).json<{ priority: string }>().priority, 'high');
      assert.equal((await post('assign', { assigneeId: anaId })).json<{ assigneeName: string }>().assigneeName, 'Ana Officer');
      assert.equal((await post('reopen')).statusCode, 409, 'an open case cannot be reopened');
      const again = await t.app.inject({ method: 'POST', url: `/api/v1/mentions/${mentionId}/case`, headers: { ...headers, 'x-csrf-token': ana.csrf } });
      assert.equal(again.statusCode, 200);
      assert.equal(again.json<{ id: string }>().id, caseId);
      const counts = await t.app.inject({ url: '/api/v1/inbox/counts', headers });
      const inbox = await ana.get('/inbox');
      const { views, waiting } = counts.json<{ views: Record<string, number>; waiting: number }>();
      assert.ok(inbox.body.includes(`Assigned to you (${views.mine})`));
      assert.ok(waiting >= (views.mine ?? 0));
      const openapi = await t.app.inject({ url: '/api/openapi.json' });
      for (const path of ['/api/v1/cases', '/api/v1/cases/{id}/triage', '/api/v1/inbox/counts', '/api/v1/cases/{id}/presence', '/api/v1/mentions/{id}/case']) assert.ok(openapi.body.includes(`"${path}"`), path);
    });
  });
}
