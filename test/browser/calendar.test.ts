import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { browserModes, checkPage, errorSummaryLinks, fieldError, followNavigation, pathOf, submitForm, useBrowserSuite } from '../support/browser.js';

describe('the calendar page in a browser', () => {
  const suite = useBrowserSuite();

  for (const mode of browserModes) {
    // Each mode adds its own holiday, as both share one Parley.
    const holiday = mode.javaScriptEnabled
      ? { date: '2026-11-30', label: 'Monday 30 November 2026' }
      : { date: '2027-11-30', label: 'Tuesday 30 November 2027' };

    describe(mode.name, () => {
      it('an admin changes a day’s hours and adds and removes a holiday, with errors first', () => suite().inNewContext(mode, async (page) => {
        await suite().signInAs(page, mode, 'admin');
        await followNavigation(page, 'Calendar');
        assert.equal(pathOf(page), '/admin/calendar');
        await checkPage(page, mode, 'Calendar');
        assert.equal(await page.getByRole('row', { name: /^Monday/ }).getByRole('cell').first().innerText(), '09:00 to 17:00');

        await page.getByLabel('Day', { exact: true }).selectOption('saturday');
        await page.getByLabel('Open', { exact: true }).check();
        await page.getByLabel('Opens at').fill('13:00');
        await page.getByLabel('Closes at').fill('10:00');
        await submitForm(page, 'Save hours');
        assert.deepEqual(await errorSummaryLinks(page), [{ text: 'The closing time must be after the opening time (13:00)', href: '#closes' }]);
        assert.equal(await fieldError(page, 'closes'), 'The closing time must be after the opening time (13:00)');
        await checkPage(page, mode, 'Calendar');

        await page.getByLabel('Closes at').fill('16:00');
        await submitForm(page, 'Save hours');
        assert.equal(pathOf(page), '/admin/calendar');
        assert.equal(await page.getByRole('row', { name: /^Saturday/ }).getByRole('cell').first().innerText(), '13:00 to 16:00');
        await checkPage(page, mode, 'Calendar');

        await page.getByLabel('Date', { exact: true }).fill('30/11/2026');
        await page.getByLabel('Name', { exact: true }).fill('St Andrew’s Day');
        await submitForm(page, 'Add holiday');
        assert.deepEqual(await errorSummaryLinks(page), [{ text: 'Enter the date as year, month and day, like 2026-12-25', href: '#date' }]);
        assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'St Andrew’s Day', 'what was typed is kept');
        await checkPage(page, mode, 'Calendar');

        await page.getByLabel('Date', { exact: true }).fill(holiday.date);
        await submitForm(page, 'Add holiday');
        const row = page.getByRole('row').filter({ hasText: holiday.label });
        assert.equal(await row.getByRole('cell').nth(1).innerText(), 'St Andrew’s Day');
        await checkPage(page, mode, 'Calendar');

        await submitForm(page, `Remove St Andrew’s Day on ${holiday.label}`);
        assert.equal(await row.count(), 0);
        await checkPage(page, mode, 'Calendar');
      }));
    });
  }
});
