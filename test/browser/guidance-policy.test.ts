import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { browserModes, checkPage, errorSummaryLinks, fieldError, followNavigation, pathOf, submitForm, useBrowserSuite } from '../support/browser.js';

describe('the guidance policy page in a browser', () => {
  const suite = useBrowserSuite();

  for (const mode of browserModes) {
    describe(mode.name, () => {
      it('an admin saves a policy with mistakes, corrects it, then resets to the default', () => suite().inNewContext(mode, async (page) => {
        await suite().signInAs(page, mode, 'admin');
        await followNavigation(page, 'Guidance policy');
        assert.equal(pathOf(page), '/admin/guidance-policy');
        await checkPage(page, mode, 'Guidance policy');
        const inForce = page.locator('.govuk-summary-list__row').filter({ hasText: 'In force' }).locator('dd');
        assert.equal((await inForce.innerText()).trim(), 'Parley’s default policy');
        const box = page.getByLabel('Policy (JSON)');
        const written: unknown = JSON.parse(await box.inputValue());
        assert.ok(written !== null && typeof written === 'object');
        assert.deepEqual(Object.keys(written).slice(-3), ['severities', 'preElectionPeriods', 'routing'], 'the default written out');

        const typed = '{\n  "severities": { "tone": "loud" },\n  "links": { "allowedHosts": ["https://example.gov.uk"] }\n}';
        await box.fill(typed);
        await submitForm(page, 'Save policy');
        const problems = await errorSummaryLinks(page);
        assert.deepEqual(problems.map((p) => [p.href, p.text.split(':')[0]]), [['#policy', 'links.allowedHosts[0]'], ['#policy', 'severities.tone']]);
        assert.equal(await fieldError(page, 'policy'), 'There are 2 problems with the policy, listed at the top of the page. Nothing was saved.');
        assert.equal(await box.inputValue(), typed, 'what was typed is kept');
        await checkPage(page, mode, 'Guidance policy');

        await box.fill('{\n  "severities": { "tone": "off" },\n  "links": { "allowedHosts": ["example.gov.uk"] }\n}');
        await submitForm(page, 'Save policy');
        assert.equal(await page.locator('.govuk-notification-banner--success').count(), 1);
        assert.match(await inForce.innerText(), /^Edited in Parley by .+ on \d{1,2} \w{3} \d{4}, \d{2}:\d{2}$/);
        assert.equal(await page.getByRole('row', { name: /^Courtesy and tone/ }).getByRole('cell').first().innerText(), 'Off');
        await checkPage(page, mode, 'Guidance policy');

        await submitForm(page, 'Reset to the default');
        await checkPage(page, mode, 'Are you sure you want to reset the guidance policy?');
        await submitForm(page, 'Reset to the default');
        assert.equal(pathOf(page), '/admin/guidance-policy');
        assert.equal((await inForce.innerText()).trim(), 'Parley’s default policy');
        assert.equal(await page.getByRole('row', { name: /^Courtesy and tone/ }).getByRole('cell').first().innerText(), 'On');
        await checkPage(page, mode, 'Guidance policy');
      }));
    });
  }
});
