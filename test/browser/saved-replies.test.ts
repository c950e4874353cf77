import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createSavedReply } from '../../src/engagement/replies/saved-replies.js';
import { findUserByEmail } from '../../src/platform/auth/users-repository.js';
import { browserModes, checkPage, demoPerson, errorSummaryLinks, fieldError, followNavigation, pathOf, submitForm, useBrowserSuite } from '../support/browser.js';

/** Follows a link (or a link drawn as a button, as GOV.UK's start buttons are) and waits for the page it opens. */
async function followLink(page: Page, name: string, role: 'link' | 'button' = 'link'): Promise<void> {
  await page.getByRole(role, { name, exact: true }).click();
  await page.waitForLoadState('load');
}

describe('the saved replies pages in a browser', () => {
  const suite = useBrowserSuite();

  for (const mode of browserModes) {
    // Both modes share one Parley, so each names its saved reply after itself.
    const title = `Oriau’r llyfrgell (${mode.name})`;
    const renamed = `Oriau agor y llyfrgell (${mode.name})`;

    describe(mode.name, () => {
      it('a team lead adds a saved reply in Welsh with errors first, changes it, and deletes it after confirming', () => suite().inNewContext(mode, async (page) => {
        await suite().signInAs(page, mode, 'reviewer');
        await followNavigation(page, 'Saved replies');
        assert.equal(pathOf(page), '/saved-replies');
        await checkPage(page, mode, 'Saved replies');

        await followLink(page, 'Add a saved reply', 'button');
        await checkPage(page, mode, 'Add a saved reply');
        assert.match(await page.locator('#body-hint').innerText(), /\{case_reference\}: the case’s reference/);
        await submitForm(page, 'Save saved reply');
        assert.deepEqual(await errorSummaryLinks(page), [
          { text: 'Enter a title', href: '#title' },
          { text: 'Enter the text of the saved reply', href: '#body' },
        ]);
        assert.equal(await fieldError(page, 'title'), 'Enter a title');
        await checkPage(page, mode, 'Add a saved reply');

        await page.getByLabel('Title').fill(title);
        await page.getByLabel('Cymraeg').check();
        await page.getByLabel('Text', { exact: true }).fill('Diolch {name}. Mae’r llyfrgell ar agor tan 5pm.');
        await submitForm(page, 'Save saved reply');
        assert.equal(pathOf(page), '/saved-replies');
        assert.match(await page.locator('.govuk-notification-banner').innerText(), /Saved reply added\./);
        assert.equal(await page.getByRole('row').filter({ hasText: title }).count(), 1);
        await checkPage(page, mode, 'Saved replies');

        await followLink(page, `Change ${title}`);
        await checkPage(page, mode, 'Change a saved reply');
        assert.equal(await page.getByLabel('Cymraeg').isChecked(), true);
        await page.getByLabel('Title').fill('');
        await submitForm(page, 'Save saved reply');
        assert.deepEqual(await errorSummaryLinks(page), [{ text: 'Enter a title', href: '#title' }]);
        await checkPage(page, mode, 'Change a saved reply');
        await page.getByLabel('Title').fill(renamed);
        await submitForm(page, 'Save saved reply');
        assert.match(await page.locator('.govuk-notification-banner').innerText(), /Saved reply changed\./);
        assert.equal(await page.getByRole('row').filter({ hasText: renamed }).count(), 1);
        await checkPage(page, mode, 'Saved replies');

        await followLink(page, `Delete ${renamed}`);
        await checkPage(page, mode, 'Are you sure you want to delete this saved reply?');
        await submitForm(page, 'Delete saved reply');
        assert.match(await page.locator('.govuk-notification-banner').innerText(), /Saved reply deleted\./);
        assert.equal(await page.getByRole('row').filter({ hasText: renamed }).count(), 0);
        await checkPage(page, mode, 'Saved replies');
      }));

      it('an officer reads the saved replies but is offered no changes', () => suite().inNewContext(mode, async (page) => {
        const { db } = suite().parley;
        const officer = await findUserByEmail(db, demoPerson('officer').email);
        if (!officer?.teamId) throw new Error('the demo officer has no team');
        const kept = `Bin collections (${mode.name})`;
        await createSavedReply(db, { type: 'system', label: 'test' }, { teamId: officer.teamId, title: kept, language: 'en', body: 'Bins go out on Tuesdays.' });
        await suite().signInAs(page, mode, 'officer');
        await followNavigation(page, 'Saved replies');
        await checkPage(page, mode, 'Saved replies');
        assert.equal(await page.getByRole('row').filter({ hasText: kept }).count(), 1);
        assert.equal(await page.getByRole('button', { name: 'Add a saved reply' }).count(), 0);
        assert.equal(await page.getByRole('link', { name: /^(Change|Delete) / }).count(), 0);
      }));
    });
  }
});
