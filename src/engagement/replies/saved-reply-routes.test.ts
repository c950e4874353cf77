import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { Browser, makeUser, startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { testDialects } from '../../../test/support/test-databases.js';
import { createApiToken } from '../../platform/auth/api-tokens.js';
import { createTeam } from '../../platform/auth/teams.js';
import { createSavedReply } from './saved-replies.js';

const system = { type: 'system', label: 'test' } as const;

for (const dialect of testDialects()) {
  describe(`saved replies pages on ${dialect.name}`, () => {
    let t: TestApp;
    let badges: string;
    let libraries: string;
    let rhian: { id: string; email: string; password: string };
    let lead: Browser;
    let officer: Browser;
    let otherLead: Browser;
    let tokens: { officer: string; lead: string; otherLead: string };

    const auditOf = async (id: string) => t.storage.db.selectFrom('audit_events').select(['action', 'actor_id']).where('subject_id', '=', id).orderBy('seq').execute();
    const savedRow = (id: string) => t.storage.db.selectFrom('saved_replies').selectAll().where('id', '=', id).executeTakeFirst();
    const signedIn = async (email: string, roles: Parameters<typeof makeUser>[2], teamId: string) => {
      const person = await makeUser(t.storage, email, roles);
      await t.storage.db.updateTable('users').set({ team_id: teamId }).where('id', '=', person.id).execute();
      const browser = new Browser(t.app);
      await browser.signIn(person.email, person.password);
      const token = (await createApiToken(t.storage.db, system, person.id, { name: 'test' })).token;
      return { person, browser, token };
    };
    const api = (token: string) => ({ authorization: `Bearer ${token}` });

    before(async () => {
      t = await startTestApp(dialect);
      badges = (await createTeam(t.storage.db, system, { name: 'Blue badges' })).id;
      libraries = (await createTeam(t.storage.db, system, { name: 'Libraries' })).id;
      const l = await signedIn('rhian@example.gov.uk', ['reviewer'], badges);
      const o = await signedIn('olwen@example.gov.uk', ['officer'], badges);
      const b = await signedIn('bryn@example.gov.uk', ['reviewer'], libraries);
      rhian = l.person;
      lead = l.browser;
      officer = o.browser;
      otherLead = b.browser;
      tokens = { officer: o.token, lead: l.token, otherLead: b.token };
    });
    after(() => t.close());

    it('lists every team’s saved replies by team and language, filters by team, and offers changes only where allowed', async () => {
      await createSavedReply(t.storage.db, system, { teamId: badges, title: 'Badge delay', language: 'en', body: 'Sorry for the wait, {name}.\nYour reference is {case_reference}.' });
      await createSavedReply(t.storage.db, system, { teamId: badges, title: 'Oedi bathodyn', language: 'cy', body: 'Mae’n ddrwg gennym, {name}.' });
      await createSavedReply(t.storage.db, system, { teamId: libraries, title: 'Opening hours', language: 'en', body: 'We open at 9am.' });

      const all = await officer.get('/saved-replies');
      assert.equal(all.statusCode, 200);
      assert.match(all.body, /<h2 class="govuk-heading-m">Blue badges<\/h2>[\s\S]*>English<[\s\S]*Badge delay[\s\S]*lang="cy">Cymraeg<[\s\S]*Oedi bathodyn[\s\S]*<h2 class="govuk-heading-m">Libraries<\/h2>[\s\S]*Opening hours/);
      assert.match(all.body, /Sorry for the wait, \{name\}.<br \/>/, 'line breaks are kept');
      assert.match(all.body, /href="\/saved-replies" aria-current="true"/, 'it is in the navigation');
      assert.doesNotMatch(all.body, /\/edit"/, 'an officer sees no change links');
      assert.doesNotMatch(all.body, /Add a saved reply/);

      const own = await lead.get(`/saved-replies?team=${libraries}`);
      assert.doesNotMatch(own.body, /Badge delay/);
      assert.match(own.body, /Opening hours/);
      assert.doesNotMatch(own.body, /\/edit"/, 'a lead changes only their own team’s');
      assert.match((await lead.get(`/saved-replies?team=${badges}`)).body, /\/edit"[\s\S]*\/delete"/);
    });

    it('adds a saved reply: errors in the summary and on the fields first, then a banner, audited', async () => {
      const form = await lead.get('/saved-replies/new');
      assert.equal(form.statusCode, 200);
      for (const placeholder of ['{name}', '{handle}', '{case_reference}', '{channel}', '{officer}', '{team}']) assert.ok(form.body.includes(`<code>${placeholder}</code>`), `${placeholder} is listed`);
      assert.match(form.body, new RegExp(`<option value="${badges}" selected>Blue badges</option>`), 'the lead’s team is chosen');
      assert.doesNotMatch(form.body, /Libraries/, 'only the lead’s own team is offered');
      assert.match(form.body, /id="language-2" name="language" type="radio" value="cy">\s*<label class="govuk-label govuk-radios__label"\s+lang="cy" for="language-2">\s*Cymraeg/);

      const bad = await lead.post('/saved-replies/new', { title: '', teamId: badges, language: '', body: '  ' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /<title>Error: Add a saved reply/);
      assert.match(bad.body, /govuk-error-summary[\s\S]*href="#title">Enter a title[\s\S]*href="#language">Choose English or Welsh[\s\S]*href="#body">Enter the text of the saved reply/);
      assert.match(bad.body, /id="title-error"/);
      assert.match(bad.body, /id="body-error"/);

      const made = await lead.post('/saved-replies/new', { title: 'Lost badge', teamId: badges, language: 'en', body: 'Hello {name}, report a lost badge online.' });
      assert.equal(made.statusCode, 303);
      assert.equal(made.headers.location, `/saved-replies?team=${badges}&done=added`);
      const listed = await lead.get(`/saved-replies?team=${badges}&done=added`);
      assert.match(listed.body, /govuk-notification-banner--success[\s\S]*Saved reply added\./);
      assert.match(listed.body, /Lost badge/);
      const row = await t.storage.db.selectFrom('saved_replies').select('id').where('title', '=', 'Lost badge').executeTakeFirstOrThrow();
      assert.deepEqual(await auditOf(row.id), [{ action: 'saved-reply.created', actor_id: rhian.id }]);
    });

    it('changes a saved reply and deletes it after a confirmation page, audited', async () => {
      const saved = await createSavedReply(t.storage.db, system, { teamId: badges, title: 'Renewal', language: 'en', body: 'Renew online.' });
      const form = await lead.get(`/saved-replies/${saved.id}/edit`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /value="Renewal"/);
      assert.match(form.body, /Renew online\./);
      assert.match(form.body, /value="en" checked/);

      const bad = await lead.post(`/saved-replies/${saved.id}/edit`, { title: 'x'.repeat(121), teamId: badges, language: 'cy', body: 'Adnewyddwch ar-lein.' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /href="#title">The title must be 120 characters or fewer/);
      assert.match(bad.body, /value="cy" checked/, 'what was typed is kept');
      assert.equal((await savedRow(saved.id))?.title, 'Renewal');

      const changed = await lead.post(`/saved-replies/${saved.id}/edit`, { title: 'Adnewyddu', teamId: badges, language: 'cy', body: 'Adnewyddwch ar-lein, {name}.' });
      assert.equal(changed.statusCode, 303);
      assert.match((await lead.get(String(changed.headers.location))).body, /Saved reply changed\.[\s\S]*Adnewyddu/);
      const row = await savedRow(saved.id);
      assert.deepEqual([row?.title, row?.language, row?.body], ['Adnewyddu', 'cy', 'Adnewyddwch ar-lein, {name}.']);

      const confirm = await lead.get(`/saved-replies/${saved.id}/delete`);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /Are you sure you want to delete this saved reply\?[\s\S]*<span lang="cy">Adnewyddu<\/span>/);
      assert.ok(await savedRow(saved.id), 'the confirmation page deletes nothing');
      const deleted = await lead.post(`/saved-replies/${saved.id}/delete`, {});
      assert.equal(deleted.statusCode, 303);
      assert.match((await lead.get(String(deleted.headers.location))).body, /Saved reply deleted\./);
      assert.equal(await savedRow(saved.id), undefined);
      assert.deepEqual((await auditOf(saved.id)).map((e) => [e.action, e.actor_id]), [['saved-reply.created', null], ['saved-reply.changed', rhian.id], ['saved-reply.deleted', rhian.id]]);
      assert.equal((await lead.get(`/saved-replies/${saved.id}/edit`)).statusCode, 404);
    });

    it('refuses officers, other teams’ leads, and forms without the CSRF token', async () => {
      const saved = await createSavedReply(t.storage.db, system, { teamId: badges, title: 'Keep me', language: 'en', body: 'Kept.' });
      await officer.get('/saved-replies');
      assert.equal((await officer.get('/saved-replies/new')).statusCode, 403);
      assert.equal((await officer.post('/saved-replies/new', { title: 'Mine', teamId: badges, language: 'en', body: 'x' })).statusCode, 403);
      assert.equal((await officer.post(`/saved-replies/${saved.id}/delete`, {})).statusCode, 403);

      assert.equal((await otherLead.get(`/saved-replies/${saved.id}/edit`)).statusCode, 403);
      await otherLead.get('/saved-replies/new');
      assert.equal((await otherLead.post(`/saved-replies/${saved.id}/delete`, {})).statusCode, 403);
      const elsewhere = await otherLead.post('/saved-replies/new', { title: 'Sneaky', teamId: badges, language: 'en', body: 'x' });
      assert.equal(elsewhere.statusCode, 400);
      assert.match(elsewhere.body, /href="#teamId">Choose one of your teams from the list/);

      const forged = await t.app.inject({
        method: 'POST', url: `/saved-replies/${saved.id}/delete`, payload: '',
        headers: { cookie: lead.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(forged.statusCode, 403);
      const forgedNew = await t.app.inject({
        method: 'POST', url: '/saved-replies/new', payload: new URLSearchParams({ title: 'Forged', teamId: badges, language: 'en', body: 'x' }).toString(),
        headers: { cookie: lead.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(forgedNew.statusCode, 403);
      assert.ok(await savedRow(saved.id));
      assert.equal(await t.storage.db.selectFrom('saved_replies').select('id').where('title', 'in', ['Mine', 'Sneaky', 'Forged']).executeTakeFirst(), undefined);
    });

    it('lets only those who manage saved replies change them through the API, for their own team', async () => {
      const payload = { teamId: badges, title: 'From the API', language: 'en', body: 'Hello {name}.' };
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/saved-replies', headers: api(tokens.officer), payload })).statusCode, 403);
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/saved-replies', headers: api(tokens.otherLead), payload })).statusCode, 403);
      const made = await t.app.inject({ method: 'POST', url: '/api/v1/saved-replies', headers: api(tokens.lead), payload });
      assert.equal(made.statusCode, 201);
      const { id } = made.json<{ id: string }>();
      assert.equal((await t.app.inject({ method: 'PUT', url: `/api/v1/saved-replies/${id}`, headers: api(tokens.officer), payload: { ...payload, title: 'Changed' } })).statusCode, 403);
      assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/saved-replies/${id}`, headers: api(tokens.otherLead) })).statusCode, 403);
      const listed = await t.app.inject({ url: `/api/v1/teams/${badges}/saved-replies`, headers: api(tokens.officer) });
      assert.ok(listed.json<{ savedReplies: { id: string }[] }>().savedReplies.some((s) => s.id === id), 'officers still read them');
      assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/saved-replies/${id}`, headers: api(tokens.lead) })).statusCode, 204);
    });
  });
}
