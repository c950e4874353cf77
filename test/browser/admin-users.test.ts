import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { browserModes, checkPage, errorSummaryLinks, fieldError, followNavigation, pathOf, submitForm, useBrowserSuite } from '../support/browser.js';

describe('managing users, and refusals, in a browser', () => {
  const suite = useBrowserSuite();

  for (const mode of browserModes) {
    const key = mode.javaScriptEnabled ? 'js' : 'nojs';

    describe(mode.name, () => {
      it('an admin adds a user: a form with errors first, then the one-time password', () => suite().inNewContext(mode, async (page) => {
        await suite().signInAs(page, mode, 'admin');
        await followNavigation(page, 'Users');
        assert.equal(pathOf(page), '/admin/users');
        await checkPage(page, mode, 'Users');

        await page.getByRole('button', { name: 'Add a user' }).click();
        await page.waitForURL((url) => url.pathname === '/admin/users/new');
        await checkPage(page, mode, 'Add a user');
        assert.equal(await page.getByLabel('officer', { exact: true }).isChecked(), true, 'officer is chosen to begin with');

        const email = `casey.morgan.${key}@example.gov.uk`;
        await page.getByLabel('Email address').fill(email);
        await page.getByLabel('officer', { exact: true }).uncheck();
        await submitForm(page, 'Add user');
        assert.equal(pathOf(page), '/admin/users/new');
        assert.deepEqual(await errorSummaryLinks(page), [
          { text: 'Enter the person’s full name', href: '#name' },
          { text: 'Choose at least one role', href: '#roles' },
        ]);
        assert.equal(await fieldError(page, 'name'), 'Enter the person’s full name');
        assert.equal(await fieldError(page, 'roles'), 'Choose at least one role');
        assert.equal(await page.getByLabel('Email address').inputValue(), email, 'the email typed is kept');
        assert.match(await page.title(), /^Error: /);
        await checkPage(page, mode, 'Add a user');

        await page.getByLabel('Full name').fill('Casey Morgan');
        await page.getByLabel('reviewer', { exact: true }).check();
        await page.getByLabel('Team').selectOption({ label: 'Libraries' });
        await submitForm(page, 'Add user');
        await checkPage(page, mode, 'User added');
        const oneTimePassword = (await page.locator('#one-time-password').innerText()).trim();
        assert.match(oneTimePassword, /^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
        assert.match(await page.locator('.govuk-panel__body').innerText(), new RegExp(`One-time password for ${email.replace(/\./g, '\\.')}`));

        await page.getByRole('link', { name: 'Go to Casey Morgan’s account' }).click();
        await page.waitForURL((url) => /^\/admin\/users\/[^/]+$/.test(url.pathname));
        await checkPage(page, mode, 'Casey Morgan');
        assert.match(await page.locator('.govuk-summary-list').innerText(), /One-time password, not yet changed/);
        assert.equal(await page.getByLabel('reviewer', { exact: true }).isChecked(), true);
        assert.equal(await page.getByLabel('officer', { exact: true }).isChecked(), false);
        assert.equal(await page.locator('#teamId option:checked').innerText(), 'Libraries');
      }));

      it('an officer who opens an admin page gets the permission page', () => suite().inNewContext(mode, async (page, baseUrl) => {
        await suite().signInAs(page, mode, 'officer');
        assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).count(), 0, 'no Users link for an officer');
        const response = await page.goto(`${baseUrl}/admin/users`);
        assert.equal(response?.status(), 403);
        await checkPage(page, mode, 'You do not have permission to do that');
      }));

      it('an unknown address shows the page-not-found page, signed out and signed in', () => suite().inNewContext(mode, async (page, baseUrl) => {
        const signedOut = await page.goto(`${baseUrl}/no-such-page`);
        assert.equal(signedOut?.status(), 404);
        await checkPage(page, mode, 'Page not found');

        await suite().signInAs(page, mode, 'officer');
        const signedIn = await page.goto(`${baseUrl}/admin/no-such-page`);
        assert.equal(signedIn?.status(), 404);
        await checkPage(page, mode, 'Page not found');
      }));
    });
  }
});
