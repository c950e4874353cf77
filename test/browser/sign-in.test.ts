import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createUser } from '../../src/platform/auth/users.js';
import {
  browserModes, checkPage, demoPerson, errorSummaryLinks, fieldError, pathOf, signIn, submitForm, useBrowserSuite,
} from '../support/browser.js';

describe('signing in and out in a browser', () => {
  const suite = useBrowserSuite();

  for (const mode of browserModes) {
    describe(mode.name, () => {
      it('a failed sign-in shows the error summary, links it to the email field and keeps the email', () => suite().inNewContext(mode, async (page, baseUrl) => {
        const officer = demoPerson('officer');
        await page.goto(`${baseUrl}/sign-in`);
        await checkPage(page, mode, 'Sign in to Parley');
        await page.getByLabel('Email address').fill(officer.email);
        await page.getByLabel('Password', { exact: true }).fill('not the right password');
        await submitForm(page, 'Sign in');

        assert.match(await page.title(), /^Error: Sign in – Parley$/);
        assert.deepEqual(await errorSummaryLinks(page), [{ text: 'Enter a correct email address and password', href: '#email' }]);
        assert.equal(await fieldError(page, 'email'), 'Enter a correct email address and password');
        assert.equal(await page.getByLabel('Email address').inputValue(), officer.email);
        assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '');
        if (mode.javaScriptEnabled) {
          assert.equal(await page.locator('.govuk-error-summary:focus').count(), 1, 'the error summary takes focus');
        }
        await checkPage(page, mode, 'Sign in to Parley');

        await page.locator('.govuk-error-summary a').click();
        await page.waitForURL((url) => url.hash === '#email' || mode.javaScriptEnabled);
        assert.equal(await page.locator('#email:focus').count(), 1, 'the summary link puts focus on the email field');
      }));

      it('an empty sign-in shows an error on each field', () => suite().inNewContext(mode, async (page, baseUrl) => {
        await page.goto(`${baseUrl}/sign-in`);
        await checkPage(page, mode, 'Sign in to Parley');
        await submitForm(page, 'Sign in');

        assert.deepEqual(await errorSummaryLinks(page), [
          { text: 'Enter your email address', href: '#email' },
          { text: 'Enter your password', href: '#password' },
        ]);
        assert.equal(await fieldError(page, 'email'), 'Enter your email address');
        assert.equal(await fieldError(page, 'password'), 'Enter your password');
        assert.equal(await page.locator('.govuk-form-group--error').count(), 2);
        await checkPage(page, mode, 'Sign in to Parley');
      }));

      it('a first sign-in with a one-time password asks for a new password, shows its errors, then goes home', () => suite().inNewContext(mode, async (page, baseUrl) => {
        const { parley } = suite();
        const email = `new.starter.${mode.javaScriptEnabled ? 'js' : 'nojs'}@example.gov.uk`;
        const { oneTimePassword } = await createUser(parley.db, { type: 'system', label: 'browser test' }, { email, name: 'Nia Starter', roles: ['officer'], teamId: null });

        await signIn(page, baseUrl, email, oneTimePassword);
        assert.equal(pathOf(page), '/account/password');
        await page.getByText('You signed in with a one-time password').waitFor();
        await checkPage(page, mode, 'Change your password');

        const choose = async (current: string, newPassword: string, confirm: string): Promise<void> => {
          await page.getByLabel('Current password').fill(current);
          await page.getByLabel('New password', { exact: true }).fill(newPassword);
          await page.getByLabel('Confirm new password').fill(confirm);
          await submitForm(page, 'Change password');
        };

        await choose(oneTimePassword, 'lantern orchard pebble', 'lantern orchard puddle');
        assert.deepEqual(await errorSummaryLinks(page), [{ text: 'The passwords do not match', href: '#confirmPassword' }]);
        assert.equal(await fieldError(page, 'confirmPassword'), 'The passwords do not match');
        await checkPage(page, mode, 'Change your password');

        await choose(oneTimePassword, 'password1234', 'password1234');
        assert.deepEqual(await errorSummaryLinks(page), [{ text: 'Password is too common and easy to guess; choose a different one', href: '#newPassword' }]);
        await checkPage(page, mode, 'Change your password');

        await page.goto(`${baseUrl}/`);
        assert.equal(pathOf(page), '/account/password', 'nothing else opens until the password is changed');
        await checkPage(page, mode, 'Change your password');

        await choose(oneTimePassword, 'lantern orchard pebble', 'lantern orchard pebble');
        assert.equal(pathOf(page), '/');
        await checkPage(page, mode, 'Welcome, Nia Starter');
      }));

      it('signing out returns to the sign-in page, and home then asks to sign in again', () => suite().inNewContext(mode, async (page, baseUrl) => {
        await suite().signInAs(page, mode, 'officer');
        await submitForm(page, 'Sign out');
        const signedOut = new URL(page.url());
        assert.equal(signedOut.pathname, '/sign-in');
        assert.match(await page.locator('.govuk-notification-banner').innerText(), /You have signed out/);
        await checkPage(page, mode, 'Sign in to Parley');

        await page.goto(`${baseUrl}/`);
        const redirected = new URL(page.url());
        assert.equal(redirected.pathname, '/sign-in');
        assert.equal(redirected.searchParams.get('next'), '/');
        assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
        await checkPage(page, mode, 'Sign in to Parley');
      }));
    });
  }
});
