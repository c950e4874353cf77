import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../../test/support/test-databases.js';
import { Browser, makeUser, startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createChannel } from '../../channels/channels.js';
import { createApiToken } from '../../platform/auth/api-tokens.js';
import { createTeam } from '../../platform/auth/teams.js';
import { credentialCipher } from '../../platform/secrets/encryption.js';
import { insertTimedCase } from './case-timing-fixtures.js';
import { readCaseTimings } from './service-level-repository.js';

const system = { type: 'system', label: 'test' } as const;
const hour = 3_600_000;

const summaryLinks = (html: string) => [...html.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
/** The cells of a table's row whose header is `name`, as text. */
function rowCells(html: string, tableId: string, name: string): string[] {
  const table = new RegExp(`<table[^>]*id="${tableId}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
  const row = [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].find((m) => new RegExp(`<th scope="row"[^>]*>\\s*${name}\\b`).test(m[1] ?? ''));
  return [...(row?.[1] ?? '').matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => (m[1] ?? '').trim());
}

for (const dialect of testDialects()) {
  describe(`service-level report on ${dialect.name}`, () => {
    let t: TestApp;
    let head: Browser;
    let token: string;
    let officerToken: string;
    let benefits: string;
    let libraries: string;
    let mastodon: string;

    before(async () => {
      t = await startTestApp(dialect);
      const { db } = t.storage;
      const hod = await makeUser(t.storage, 'hod@example.gov.uk', ['head-of-digital']);
      const officer = await makeUser(t.storage, 'olu@example.gov.uk', ['officer']);
      await makeUser(t.storage, 'rhian@example.gov.uk', ['reviewer']);
      token = (await createApiToken(db, system, hod.id, { name: 't' })).token;
      officerToken = (await createApiToken(db, system, officer.id, { name: 't' })).token;
      benefits = (await createTeam(db, system, { name: 'Benefits' })).id;
      libraries = (await createTeam(db, system, { name: '=Libraries' })).id;
      mastodon = (await createChannel(db, system, credentialCipher(Buffer.alloc(32, 7)), { platform: 'mastodon', name: 'Benefits on Mastodon', config: { instanceUrl: 'https://social.example' } })).id;
      // March 2026: English answered in 1 and 3 working hours, Welsh in 2 and 10 (late): Welsh is slower.
      await insertTimedCase(t.storage.db, { openedAt: '2026-03-02T10:00:00.000Z', answeredMinutes: 60, channelId: mastodon, teamId: benefits });
      await insertTimedCase(t.storage.db, { openedAt: '2026-03-03T10:00:00.000Z', answeredMinutes: 180, channelId: mastodon, teamId: benefits });
      await insertTimedCase(t.storage.db, { openedAt: '2026-03-04T10:00:00.000Z', answeredMinutes: 120, language: 'cy', channelId: mastodon, teamId: benefits });
      await insertTimedCase(t.storage.db, { openedAt: '2026-03-05T10:00:00.000Z', answeredMinutes: 600, late: true, language: 'cy', channelId: mastodon, teamId: libraries });
      await insertTimedCase(t.storage.db, { openedAt: '2026-03-06T10:00:00.000Z', channelId: null, teamId: null });
      // 1 July 2026 00:30 in UK summer time is 30 June 23:30 UTC.
      await insertTimedCase(t.storage.db, { openedAt: '2026-06-30T23:30:00.000Z', answeredMinutes: 45, channelId: null, teamId: libraries });
      // Within the default period (the last 30 days).
      await insertTimedCase(t.storage.db, { openedAt: new Date(Date.now() - 48 * hour).toISOString(), answeredMinutes: 30, channelId: mastodon, teamId: benefits });
      head = new Browser(t.app);
      await head.signIn(hod.email, hod.password);
    });
    after(() => t.close());

    it('reads the cases opened in a period, its start included and its end not', async () => {
      const timings = await readCaseTimings(t.storage.db, { startsAt: '2026-03-02T10:00:00.000Z', endsBefore: '2026-03-05T10:00:00.000Z' });
      assert.deepEqual(timings.map((c) => c.openedAt).sort(), ['2026-03-02T10:00:00.000Z', '2026-03-03T10:00:00.000Z', '2026-03-04T10:00:00.000Z']);
      const welsh = timings.find((c) => c.language === 'cy');
      assert.deepEqual(welsh && { ...welsh, openedAt: undefined }, {
        openedAt: undefined, dueAt: '2026-03-05T10:00:00.000Z', firstResponseAt: '2026-03-04T12:00:00.000Z', firstResponseMinutes: 120, isOpen: false,
        language: 'cy', channelId: mastodon, teamId: benefits,
      });
    });

    it('shows the last 30 days by default, and is in the navigation', async () => {
      const page = await head.get('/reports/service-levels');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<a class="govuk-service-navigation__link" href="\/reports\/service-levels" aria-current="true">/);
      assert.match(page.body, /id="to" name="to" type="text" value="\d{4}-\d{2}-\d{2}"/);
      assert.deepEqual(rowCells(page.body, 'channels', 'Benefits on Mastodon'), ['1', '1', '30 working minutes', '30 working minutes', '100% (1 of 1)', '0']);
      assert.doesNotMatch(page.body, /id="welsh-slower"/);
    });

    it('gives a period’s figures per channel and per team, Welsh beside English, and warns that Welsh is slower', async () => {
      const page = await head.get('/reports/service-levels?from=2026-03-01&to=2026-03-31');
      assert.equal(page.statusCode, 200);
      assert.deepEqual(rowCells(page.body, 'channels', 'Benefits on Mastodon'), ['4', '4', '2.5 working hours', '7.9 working hours', '75% (3 of 4)', '0']);
      assert.deepEqual(rowCells(page.body, 'channels', 'No channel'), ['1', '0', 'No replies yet', 'No replies yet', '0% (0 of 1)', '0']);
      assert.deepEqual(rowCells(page.body, 'teams', 'Benefits'), ['3', '3', '2 working hours', '2.8 working hours', '100% (3 of 3)', '0']);
      assert.deepEqual(rowCells(page.body, 'channels-by-language', 'Benefits on Mastodon'), [
        '6 working hours', '2 working hours', '9.2 working hours', '2.8 working hours', '50% (1 of 2)', '100% (2 of 2)',
      ]);
      assert.match(page.body, /id="welsh-slower"/);
      assert.match(page.body, /Welsh cases were answered more slowly than English ones/);
      assert.match(page.body, /Channel: Benefits on Mastodon<\/span>: median 6 working hours in Welsh against 2 working hours in English/);
      assert.match(page.body, /Slower in Welsh/);
      assert.match(page.body, /href="\/reports\/service-levels.csv\?from=2026-03-01&amp;to=2026-03-31"/);
    });

    it('counts whole days in UK time, across the summer clock change', async () => {
      const july = await head.get('/reports/service-levels?from=2026-07-01&to=2026-07-01');
      assert.deepEqual(rowCells(july.body, 'teams', '=Libraries'), ['1', '1', '45 working minutes', '45 working minutes', '100% (1 of 1)', '0']);
      const june = await head.get('/reports/service-levels?from=2026-06-30&to=2026-06-30');
      assert.match(june.body, /No cases were opened in this period/);
    });

    it('names what is wrong with the dates, keeping what was typed', async () => {
      const bad = await head.get('/reports/service-levels?from=2026-02-30&to=2026-03');
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(summaryLinks(bad.body), [['#from', 'Enter a real start date'], ['#to', 'Enter the end date as year, month and day, like 2026-03-01']]);
      assert.match(bad.body, /id="to" name="to" type="text" value="2026-03"/);
      const backwards = await head.get('/reports/service-levels?from=2026-03-31&to=2026-03-01');
      assert.deepEqual(summaryLinks(backwards.body), [['#to', 'The end date must be the same as or after the start date']]);
      const long = await head.get('/reports/service-levels?from=2024-01-01&to=2026-03-01');
      assert.deepEqual(summaryLinks(long.body), [['#from', 'Choose a period of at most 366 days']]);
    });

    it('downloads the same tables as CSV, with names that would be formulas made harmless', async () => {
      const csv = await head.get('/reports/service-levels.csv?from=2026-03-01&to=2026-03-31');
      assert.equal(csv.statusCode, 200);
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(csv.headers['content-disposition'], 'attachment; filename="service-levels-2026-03-01-to-2026-03-31.csv"');
      const lines = csv.body.split('\r\n');
      assert.equal(lines[0], 'grouping,group_id,group,language,cases,answered,median_working_hours,p90_working_hours,within_promise,missed,share_within_promise,not_yet_due,closed_without_reply,without_promise,welsh_slower');
      assert.equal(lines[1], 'all,,All cases,all,5,4,2.5,7.9,3,2,0.6,0,0,0,true');
      assert.ok(lines.includes(`channel,${mastodon},Benefits on Mastodon,cy,2,2,6,9.2,1,1,0.5,0,0,0,`));
      assert.ok(lines.some((line) => line.startsWith(`team,${libraries},'=Libraries,all,`)));
      assert.equal((await head.get('/reports/service-levels.csv?from=nonsense')).statusCode, 400);
    });

    it('is for reviewers, heads of digital and admins only', async () => {
      const officer = new Browser(t.app);
      await officer.signIn('olu@example.gov.uk', 'a sound test passphrase');
      assert.equal((await officer.get('/reports/service-levels')).statusCode, 403);
      assert.equal((await officer.get('/reports/service-levels.csv')).statusCode, 403);
      assert.doesNotMatch((await officer.get('/')).body, /href="\/reports\/service-levels"/);
      const api = await t.app.inject({ method: 'GET', url: '/api/v1/reports/service-levels', headers: { authorization: `Bearer ${officerToken}` } });
      assert.equal(api.statusCode, 403);
      const reviewer = new Browser(t.app);
      await reviewer.signIn('rhian@example.gov.uk', 'a sound test passphrase');
      assert.equal((await reviewer.get('/reports/service-levels')).statusCode, 200);
    });

    it('gives the report through the API, described in the OpenAPI document', async () => {
      const get = (query: string) => t.app.inject({ method: 'GET', url: `/api/v1/reports/service-levels${query}`, headers: { authorization: `Bearer ${token}` } });
      const response = await get('?from=2026-03-01&to=2026-03-31');
      assert.equal(response.statusCode, 200);
      const body = response.json<{ from: string; to: string; overall: { welshSlower: boolean; all: Record<string, unknown> }; byTeam: { name: string; all: { cases: number } }[] }>();
      assert.equal(body.from, '2026-03-01');
      assert.equal(body.overall.welshSlower, true);
      assert.deepEqual(body.overall.all, {
        cases: 5, answered: 4, medianHours: 2.5, p90Hours: 7.9, withinPromise: 3, missed: 2, shareWithinPromise: 0.6, notYetDue: 0, closedWithoutReply: 0, withoutPromise: 0,
      });
      assert.deepEqual(body.byTeam.map((g) => [g.name, g.all.cases]), [['=Libraries', 1], ['Benefits', 3], ['No team', 1]]);
      const defaults = (await get('')).json<{ from: string; to: string }>();
      assert.equal((Date.parse(defaults.to) - Date.parse(defaults.from)) / 86_400_000, 29);
      const bad = await get('?from=2026-03-31&to=2026-03-01');
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.json<{ error: { problems: unknown[] } }>().error.problems, [{ path: 'to', message: 'The end date must be the same as or after the start date' }]);
      assert.equal((await get('?from=yesterday')).statusCode, 400);
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, { parameters?: { name: string }[] }>> }>();
      assert.deepEqual(doc.paths['/api/v1/reports/service-levels']?.get?.parameters?.map((p) => p.name).sort(), ['from', 'to']);
    });
  });
}
