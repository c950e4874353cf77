import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoPeople } from '../../src/demo/organisation.js';
import { samplePostAsMention } from '../../src/demo/replay-source.js';
import { openCasesFor } from '../../src/engagement/cases/case-opening.js';
import { ingestBatch } from '../../src/listening/ingest/ingest-batch.js';
import { createMatcher } from '../../src/listening/query/matcher.js';
import { createWatchSync } from '../../src/listening/watches/watch-sync.js';
import { browserModes, checkPage, demoPerson, errorSummaryLinks, pathOf, submitForm, useBrowserSuite } from '../support/browser.js';

describe('the inbox and case pages in a browser', () => {
  const suite = useBrowserSuite();
  let stored = false;

  /** Replays the demo's sample posts once through ingest, which opens cases for the watches that need a response. */
  async function openSampleCases(): Promise<void> {
    if (stored) return;
    stored = true;
    const { db } = suite().parley;
    const matcher = createMatcher();
    await createWatchSync(db, matcher).refresh();
    const mentions = Array.from({ length: 40 }, (_, i) => samplePostAsMention(i, new Date()));
    await ingestBatch(db, { matcher, onStored: openCasesFor }, { id: 'browser-test-source', keepAll: false }, { mentions });
  }

  /** Opens the inbox from the service navigation (its name carries the count of cases waiting). */
  async function openInbox(page: Page): Promise<void> {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Inbox/ }).click();
    await page.waitForLoadState('load');
  }

  /** Follows the link of the nth case in the inbox's table. */
  async function openNthCase(page: Page, index: number): Promise<string> {
    const link = page.locator('tbody a[href^="/cases/"]').nth(index);
    const href = await link.getAttribute('href');
    assert.ok(href, 'the inbox lists a case');
    await link.click();
    await page.waitForLoadState('load');
    return href;
  }

  for (const [index, mode] of browserModes.entries()) {
    describe(mode.name, () => {
      it('an officer filters the inbox, then triages a case with an error first, reopens and tags it', () => suite().inNewContext(mode, async (page) => {
        await openSampleCases();
        await suite().signInAs(page, mode, 'officer');
        await openInbox(page);
        assert.equal(pathOf(page), '/inbox');
        await checkPage(page, mode, 'Inbox');
        await page.getByRole('navigation', { name: 'Inbox views' }).getByRole('link', { name: /^All open/ }).click();
        await page.waitForLoadState('load');
        await page.getByLabel('Status').selectOption('new');
        await submitForm(page, 'Apply filters');
        assert.match(page.url(), /view=open&status=new/);
        await checkPage(page, mode, 'Inbox');
        const href = await openNthCase(page, index);
        await checkPage(page, mode, 'Case');

        await page.getByLabel('No reply', { exact: true }).check();
        await submitForm(page, 'Save triage');
        assert.deepEqual(await errorSummaryLinks(page), [{ text: 'Choose why no reply is needed', href: '#reason' }]);
        await checkPage(page, mode, 'Case');
        await page.getByLabel('Why no reply is needed').selectOption('no_question');
        await submitForm(page, 'Save triage');
        assert.equal(pathOf(page), href);
        await page.getByText('Triage saved.').waitFor();
        assert.equal(await page.locator('.moj-timeline__title').first().innerText(), 'No reply needed: no question asked');
        await checkPage(page, mode, 'Case');

        await submitForm(page, 'Reopen case');
        await page.getByText('Case reopened.').waitFor();
        await page.getByLabel('Tags', { exact: true }).fill('bins, follow-up');
        await submitForm(page, 'Save tags');
        await page.getByText('Tags saved.').waitFor();
        assert.equal(await page.getByLabel('Tags', { exact: true }).inputValue(), 'bins, follow-up');
        await checkPage(page, mode, 'Case');
      }));

      it('an officer on a case sees another officer arrive', () => suite().inNewContext(mode, async (page) => {
        await openSampleCases();
        await suite().signInAs(page, mode, 'officer');
        await page.goto(`${suite().parley.baseUrl}/inbox?view=open`);
        const href = await openNthCase(page, 2 + index);
        await checkPage(page, mode, 'Case');
        const presence = page.locator('#case-presence');
        assert.equal(await presence.getAttribute('aria-live'), 'polite');
        assert.equal((await presence.innerText()).trim(), 'Nobody else is on this case.');

        const other = demoPeople.find((p) => p.roles.includes('officer') && p.email !== demoPerson('officer').email);
        assert.ok(other, 'the demo has a second officer');
        await suite().inNewContext(mode, async (second, baseUrl) => {
          await second.goto(`${baseUrl}/sign-in`);
          await second.getByLabel('Email address').fill(other.email);
          await second.getByLabel('Password', { exact: true }).fill(suite().demoPassword);
          await submitForm(second, 'Sign in');
          await second.goto(`${baseUrl}${href}`);
          await second.getByText(`${demoPerson('officer').name} is viewing this case`).waitFor();
        });

        const arrival = presence.getByText(`${other.name} is viewing this case`);
        // With JavaScript the page asks every 10 seconds; without it, the news comes with a reload.
        if (!mode.javaScriptEnabled) await page.reload();
        await arrival.waitFor({ timeout: 30_000 });
        await checkPage(page, mode, 'Case');
      }));
    });
  }
});
