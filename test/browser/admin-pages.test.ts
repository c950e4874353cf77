import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { browserModes, checkPage, errorSummaryLinks, followNavigation, pathOf, submitForm, useBrowserSuite } from '../support/browser.js';

describe('the audit log, teams and account pages in a browser', () => {
  const suite = useBrowserSuite();

  for (const mode of browserModes) {
    const key = mode.javaScriptEnabled ? 'js' : 'nojs';

    describe(mode.name, () => {
      it('an admin reads the audit log, filters it and sees a filter error', () => suite().inNewContext(mode, async (page) => {
        await suite().signInAs(page, mode, 'admin');
        await followNavigation(page, 'Audit log');
        assert.equal(pathOf(page), '/admin/audit');
        await checkPage(page, mode, 'Audit log');
        assert.ok(await page.locator('table.govuk-table tbody tr').count() > 0, 'the demo organisation and the sign-in left events');

        await page.getByLabel('From').fill('last Tuesday');
        await submitForm(page, 'Apply filters');
        assert.deepEqual(await errorSummaryLinks(page), [{ text: 'Enter a date like 2026-11-01', href: '#from' }]);
        assert.equal(await page.getByLabel('From').inputValue(), 'last Tuesday', 'the filter typed is kept');
        await checkPage(page, mode, 'Audit log');

        await page.getByLabel('From').fill('');
        await page.getByLabel('Action').selectOption('team.created');
        await submitForm(page, 'Apply filters');
        assert.equal(new URL(page.url()).searchParams.get('action'), 'team.created');
        const actions = await page.locator('table.govuk-table tbody tr td:nth-child(4)').allInnerTexts();
        assert.ok(actions.length > 0);
        assert.deepEqual([...new Set(actions.map((a) => a.trim()))], ['team.created']);
        await checkPage(page, mode, 'Audit log');
      }));

      it('an admin adds a team, with an error first', () => suite().inNewContext(mode, async (page) => {
        await suite().signInAs(page, mode, 'admin');
        await followNavigation(page, 'Teams');
        assert.equal(pathOf(page), '/admin/teams');
        await checkPage(page, mode, 'Teams');

        await submitForm(page, 'Add team');
        assert.deepEqual(await errorSummaryLinks(page), [{ text: 'Enter a team name', href: '#name' }]);
        await checkPage(page, mode, 'Teams');

        const team = `Parks and open spaces (${key})`;
        await page.getByLabel('Team name').fill(team);
        await submitForm(page, 'Add team');
        assert.equal(pathOf(page), '/admin/teams');
        assert.ok((await page.locator('table.govuk-table tbody td:first-child').allInnerTexts()).includes(team));
        await checkPage(page, mode, 'Teams');
      }));

      it('a person reads their account and makes an API token, with an error first', () => suite().inNewContext(mode, async (page) => {
        await suite().signInAs(page, mode, 'admin');
        await followNavigation(page, 'Your account');
        assert.equal(pathOf(page), '/account');
        await checkPage(page, mode, 'Your account');

        await page.getByRole('link', { name: 'API tokens' }).click();
        await page.waitForURL((url) => url.pathname === '/account/tokens');
        await checkPage(page, mode, 'API tokens');

        await submitForm(page, 'Create token');
        assert.deepEqual(await errorSummaryLinks(page), [{ text: 'Enter a name for the token, such as the script that will use it', href: '#name' }]);
        await checkPage(page, mode, 'API tokens');

        const tokenName = `weekly report script (${key})`;
        await page.getByLabel('Token name').fill(tokenName);
        await submitForm(page, 'Create token');
        assert.match((await page.locator('#new-token').innerText()).trim(), /\S{20,}/);
        await checkPage(page, mode, 'API tokens');

        const row = page.locator('table.govuk-table tbody tr').filter({ hasText: tokenName });
        await submitForm(page, `Revoke token ${tokenName}`);
        assert.equal(pathOf(page), '/account/tokens');
        assert.equal(await page.locator('#new-token').count(), 0, 'the token is shown only once');
        assert.equal((await row.locator('.govuk-tag').innerText()).trim(), 'Revoked');
        await checkPage(page, mode, 'API tokens');
      }));
    });
  }
});
