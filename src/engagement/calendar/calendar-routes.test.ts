import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../../test/support/test-databases.js';
import { Browser, makeUser, startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createApiToken } from '../../platform/auth/api-tokens.js';
import { defaultCalendar } from './default-calendar.js';

const summaryLinks = (html: string) => [...html.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);

for (const dialect of testDialects()) {
  describe(`calendar page and API on ${dialect.name}`, () => {
    let t: TestApp;
    let admin: Browser;
    let adminToken: string;
    let officerToken: string;
    const api = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object, token = adminToken) =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

    before(async () => {
      t = await startTestApp(dialect);
      const ada = await makeUser(t.storage, 'ada@example.gov.uk', ['admin']);
      const officer = await makeUser(t.storage, 'olu@example.gov.uk', ['officer', 'head-of-digital']);
      const system = { type: 'system', label: 'test' } as const;
      adminToken = (await createApiToken(t.storage.db, system, ada.id, { name: 't' })).token;
      officerToken = (await createApiToken(t.storage.db, system, officer.id, { name: 't' })).token;
      admin = new Browser(t.app);
      await admin.signIn(ada.email, ada.password);
    });
    after(() => t.close());

    it('shows the week’s hours and the holidays to an admin, and is in the navigation', async () => {
      const page = await admin.get('/admin/calendar');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<a class="govuk-service-navigation__link" href="\/admin\/calendar" aria-current="true">/);
      assert.match(page.body, /<th scope="row" class="govuk-table__header">Monday<\/th>\s*<td class="govuk-table__cell">09:00 to 17:00<\/td>/);
      assert.match(page.body, /<th scope="row" class="govuk-table__header">Sunday<\/th>\s*<td class="govuk-table__cell">Closed<\/td>/);
      assert.match(page.body, /<time datetime="2026-12-28">Monday 28 December 2026<\/time><\/td>\s*<td class="govuk-table__cell">Boxing Day \(substitute day\)<\/td>/);
    });

    it('fills the hours form with the day chosen from the table', async () => {
      const page = await admin.get('/admin/calendar?day=sunday');
      assert.match(page.body, /<option value="sunday" selected>Sunday<\/option>/);
      assert.match(page.body, /id="open-2" name="open" type="radio" value="no" checked/);
    });

    it('changes a day’s hours, and names the field when they are wrong', async () => {
      await admin.get('/admin/calendar');
      const backwards = await admin.post('/admin/calendar/hours', { day: 'saturday', open: 'yes', opens: '13:00', closes: '10:00' });
      assert.equal(backwards.statusCode, 400);
      assert.deepEqual(summaryLinks(backwards.body), [['#closes', 'The closing time must be after the opening time (13:00)']]);
      assert.match(backwards.body, /id="closes" name="closes" type="text" value="10:00" aria-describedby="closes-hint closes-error"/);

      const badTime = await admin.post('/admin/calendar/hours', { day: 'saturday', open: 'yes', opens: '9', closes: '13:00' });
      assert.deepEqual(summaryLinks(badTime.body), [['#opens', 'Enter the opening time in 24-hour form, like 09:00']]);
      const unanswered = await admin.post('/admin/calendar/hours', { day: 'saturday', opens: '10:00', closes: '13:00' });
      assert.deepEqual(summaryLinks(unanswered.body), [['#open', 'Choose whether the day is open or closed']]);

      const saved = await admin.post('/admin/calendar/hours', { day: 'saturday', open: 'yes', opens: '10:00', closes: '13:00' });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, '/admin/calendar?saved=hours');
      const page = await admin.get('/admin/calendar?saved=hours');
      assert.match(page.body, /Working hours saved\./);
      assert.match(page.body, /Saturday<\/th>\s*<td class="govuk-table__cell">10:00 to 13:00<\/td>/);
    });

    it('adds and removes a holiday, refusing a bad or taken date', async () => {
      await admin.get('/admin/calendar');
      const bad = await admin.post('/admin/calendar/holidays', { date: '2026-02-30', name: 'Nonsense' });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(summaryLinks(bad.body), [['#date', 'Enter a real date, like 2026-12-25']]);
      const taken = await admin.post('/admin/calendar/holidays', { date: '2026-12-25', name: 'Christmas' });
      assert.deepEqual(summaryLinks(taken.body), [['#date', '2026-12-25 is already a holiday: Christmas Day']]);
      assert.match(taken.body, /id="name" name="name" type="text" value="Christmas"/, 'what was typed is kept');

      assert.equal((await admin.post('/admin/calendar/holidays', { date: '2026-11-30', name: 'St Andrew’s Day' })).statusCode, 303);
      let page = await admin.get('/admin/calendar?saved=added');
      assert.match(page.body, /Monday 30 November 2026<\/time><\/td>\s*<td class="govuk-table__cell">St Andrew’s Day/);
      assert.match(page.body, /Remove<span class="govuk-visually-hidden"> St Andrew’s Day on Monday 30 November 2026<\/span>/);

      assert.equal((await admin.post('/admin/calendar/holidays/2026-11-30/remove', {})).statusCode, 303);
      page = await admin.get('/admin/calendar?saved=removed');
      assert.match(page.body, /Holiday removed\./);
      assert.doesNotMatch(page.body, /30 November 2026/);
    });

    it('is refused to everyone but admins', async () => {
      const officer = new Browser(t.app);
      await officer.signIn('olu@example.gov.uk', 'a sound test passphrase');
      assert.equal((await officer.get('/admin/calendar')).statusCode, 403);
      assert.doesNotMatch((await officer.get('/')).body, /href="\/admin\/calendar"/);
      assert.equal((await api('GET', '/api/v1/calendar', undefined, officerToken)).statusCode, 403);
      assert.equal((await api('POST', '/api/v1/calendar/holidays', { date: '2026-11-30', name: 'x' }, officerToken)).statusCode, 403);
    });

    it('reads and replaces the calendar through the API, with problems that name the field', async () => {
      const read = await api('GET', '/api/v1/calendar');
      assert.equal(read.statusCode, 200);
      assert.equal(read.json<{ timeZone: string }>().timeZone, 'Europe/London');

      const hours = { ...defaultCalendar.hours, monday: { opens: '10:00', closes: '09:00' } };
      const refused = await api('PUT', '/api/v1/calendar', { hours, holidays: [] });
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(refused.json<{ error: { code: string; problems: { path: string }[] } }>().error.problems.map((p) => p.path), ['hours.monday.closes']);

      const body = { hours: { ...defaultCalendar.hours, saturday: { opens: '09:00', closes: '12:30' } }, holidays: [{ date: '2027-01-04', name: 'New Year holiday (Scotland)' }] };
      const replaced = await api('PUT', '/api/v1/calendar', body);
      assert.equal(replaced.statusCode, 200);
      assert.deepEqual(replaced.json(), { timeZone: 'Europe/London', ...body });
      assert.deepEqual((await api('GET', '/api/v1/calendar')).json(), { timeZone: 'Europe/London', ...body });
    });

    it('adds and deletes holidays through the API', async () => {
      const added = await api('POST', '/api/v1/calendar/holidays', { date: '2027-11-30', name: 'St Andrew’s Day' });
      assert.equal(added.statusCode, 201);
      assert.deepEqual(added.json(), { date: '2027-11-30', name: 'St Andrew’s Day' });
      const again = await api('POST', '/api/v1/calendar/holidays', { date: '2027-11-30', name: 'Again' });
      assert.equal(again.statusCode, 400);
      assert.deepEqual(again.json<{ error: { problems: unknown[] } }>().error.problems, [{ path: 'date', message: '2027-11-30 is already a holiday: St Andrew’s Day' }]);
      assert.equal((await api('DELETE', '/api/v1/calendar/holidays/2027-11-30')).statusCode, 204);
      assert.equal((await api('DELETE', '/api/v1/calendar/holidays/2027-11-30')).statusCode, 404);
      assert.equal((await api('DELETE', '/api/v1/calendar/holidays/tomorrow')).statusCode, 400);
    });

    it('describes the calendar API in the OpenAPI document', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
      assert.deepEqual(Object.keys(doc.paths['/api/v1/calendar'] ?? {}).sort(), ['get', 'put']);
      assert.deepEqual(Object.keys(doc.paths['/api/v1/calendar/holidays'] ?? {}), ['post']);
      assert.deepEqual(Object.keys(doc.paths['/api/v1/calendar/holidays/{date}'] ?? {}), ['delete']);
    });
  });
}
